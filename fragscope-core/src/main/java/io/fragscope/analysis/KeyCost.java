package io.fragscope.analysis;

import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.source.KeyName;

/**
 * What one key costs, as the model estimates it.
 *
 * @param type               the key's type; never null ({@link KeyType#UNKNOWN} when a listing does not say)
 * @param encoding           its encoding; never null ({@link Encoding#NONE} when a listing does not say)
 * @param requestedBytes     bytes Redis asked the allocator for (sum over the key's allocations)
 * @param allocatedBytes     bytes the allocator really handed out (size-class rounded, plus prefix)
 * @param roundingWasteBytes allocated minus requested, from size-class rounding only
 * @param prefixOverheadBytes PREFIX_SIZE headers (libc builds without malloc_usable_size)
 * @param memoryUsageBytes   what {@code MEMORY USAGE key SAMPLES 0} prints on the modelled version
 * @param ttlMs              absolute expire time (Unix epoch ms); {@link #NO_TTL} when the key has none,
 *                           {@link #TTL_NOT_KNOWN} when the input does not say (a listing without an expiry column,
 *                           a redis-cli --bigkeys summary)
 * @param exactness          how much of this figure is known versus modelled
 */
public record KeyCost(int db, KeyName key, KeyType type, Encoding encoding, long elements,
                      long requestedBytes, long allocatedBytes, long roundingWasteBytes,
                      long prefixOverheadBytes, long memoryUsageBytes, long ttlMs, Exactness exactness) implements java.io.Serializable {

    /** {@link #ttlMs()} of a key that never expires (ListingRow.NO_EXPIRY). */
    public static final long NO_TTL = -1;
    /** {@link #ttlMs()} of a key whose input does not say whether it expires (ListingRow.NOT_LISTED). */
    public static final long TTL_NOT_KNOWN = -2;

    public KeyCost {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(encoding, "encoding");
    }

    public enum Exactness {
        /** every allocation derived from the bytes in the file. */
        EXACT,
        /** derived from counts and sizes a listing gives, with assumed element sizes. */
        MODELLED,
        /** taken as the listing states it. */
        FROM_LISTING
    }
}
