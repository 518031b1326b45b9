package io.fragscope.analysis.keys;

import java.util.Comparator;

/** A Redis type with its encoding, e.g. hash/listpack. */
public record TypeEncoding(String type, String encoding) implements Comparable<TypeEncoding> {
    private static final Comparator<TypeEncoding> ORDER =
            Comparator.comparing(TypeEncoding::type).thenComparing(TypeEncoding::encoding);

    @Override
    public int compareTo(TypeEncoding o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return type + "/" + encoding;
    }
}
