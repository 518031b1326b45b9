package io.fragscope.analysis.keys;

import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;

import java.util.Comparator;

/** A Redis type with its encoding, e.g. hash/listpack; ordered by their Redis names. */
public record TypeEncoding(KeyType type, Encoding encoding) implements Comparable<TypeEncoding>, java.io.Serializable {
    private static final Comparator<TypeEncoding> ORDER =
            Comparator.comparing((TypeEncoding e) -> e.type().redisName()).thenComparing(e -> e.encoding().redisName());
    private static final TypeEncoding[][] ALL = new TypeEncoding[KeyType.values().length][Encoding.values().length];

    static {
        for (KeyType t : KeyType.values()) for (Encoding e : Encoding.values()) ALL[t.ordinal()][e.ordinal()] = new TypeEncoding(t, e);
    }

    public TypeEncoding {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(encoding, "encoding");
    }

    /** The one shared instance for the pair: a key's group is found without allocating. */
    public static TypeEncoding of(KeyType type, Encoding encoding) { return ALL[type.ordinal()][encoding.ordinal()]; }

    /**
     * From the two ordinals: the record's own hash combines the enums' identity hashes, which showed as a twentieth of
     * the pricing thread's samples (one by-encoding lookup per key). Equal pairs have equal ordinals, so it agrees
     * with {@link #equals}; no table prints in hash order.
     */
    @Override
    public int hashCode() { return type.ordinal() * 64 + encoding.ordinal(); }

    @Override
    public int compareTo(TypeEncoding o) {
        return ORDER.compare(this, o);
    }

    /** {@code type/encoding} by their Redis names, as the by-encoding table prints it. */
    @Override
    public String toString() {
        return type.redisName() + "/" + encoding.redisName();
    }
}
