package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;

/**
 * Sums over a set of keys.
 *
 * @param keys                 number of keys
 * @param requestedBytes       bytes Redis asked the allocator for
 * @param allocatedBytes       bytes the allocator handed out
 * @param roundingWasteBytes   size-class rounding waste (allocated minus requested, from rounding)
 * @param prefixOverheadBytes  PREFIX_SIZE headers
 * @param memoryUsageBytes     MEMORY USAGE as modelled or listed
 * @param keysWithoutTtl       keys the input says never expire
 * @param keysTtlNotKnown      keys whose input does not say whether they expire ({@link KeyCost#TTL_NOT_KNOWN})
 */
public record Totals(long keys, long requestedBytes, long allocatedBytes, long roundingWasteBytes,
                     long prefixOverheadBytes, long memoryUsageBytes, long keysWithoutTtl, long keysTtlNotKnown) implements java.io.Serializable {

    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0);

    /** Sums of keys whose expiry is known (every input but a listing without an expiry column says). */
    public Totals(long keys, long requestedBytes, long allocatedBytes, long roundingWasteBytes,
                  long prefixOverheadBytes, long memoryUsageBytes, long keysWithoutTtl) {
        this(keys, requestedBytes, allocatedBytes, roundingWasteBytes, prefixOverheadBytes, memoryUsageBytes, keysWithoutTtl, 0);
    }

    /**
     * {@link #keysWithoutTtl()} for a report cell: null when no key's expiry is known (the inputs do not say), so
     * "0 keys without a TTL" is never printed for keys nobody looked at.
     */
    public Long keysWithoutTtlIfKnown() {
        return keys > 0 && keysTtlNotKnown == keys ? null : keysWithoutTtl;
    }

    /** These sums and {@code o}'s: the totals of both sets of keys. */
    public Totals plus(Totals o) {
        return new Totals(keys + o.keys, requestedBytes + o.requestedBytes, allocatedBytes + o.allocatedBytes,
                roundingWasteBytes + o.roundingWasteBytes, prefixOverheadBytes + o.prefixOverheadBytes,
                memoryUsageBytes + o.memoryUsageBytes, keysWithoutTtl + o.keysWithoutTtl,
                keysTtlNotKnown + o.keysTtlNotKnown);
    }

    /** allocated / requested; NaN when nothing was requested. */
    public double allocatedOverRequested() {
        return requestedBytes == 0 ? Double.NaN : (double) allocatedBytes / requestedBytes;
    }

    /** Share of allocated bytes lost to rounding; NaN when nothing was allocated. */
    public double wasteShare() {
        return allocatedBytes == 0 ? Double.NaN : (double) roundingWasteBytes / allocatedBytes;
    }
}
