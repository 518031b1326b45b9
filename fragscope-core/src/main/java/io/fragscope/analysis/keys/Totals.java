package io.fragscope.analysis.keys;

/**
 * Sums over a set of keys.
 *
 * @param keys                 number of keys
 * @param requestedBytes       bytes Redis asked the allocator for
 * @param allocatedBytes       bytes the allocator handed out
 * @param roundingWasteBytes   size-class rounding waste (allocated minus requested, from rounding)
 * @param prefixOverheadBytes  PREFIX_SIZE headers
 * @param memoryUsageBytes     MEMORY USAGE as modelled or listed
 * @param keysWithoutTtl       keys that never expire
 */
public record Totals(long keys, long requestedBytes, long allocatedBytes, long roundingWasteBytes,
                     long prefixOverheadBytes, long memoryUsageBytes, long keysWithoutTtl) {

    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0);

    /** These sums and {@code o}'s: the totals of both sets of keys. */
    public Totals plus(Totals o) {
        return new Totals(keys + o.keys, requestedBytes + o.requestedBytes, allocatedBytes + o.allocatedBytes,
                roundingWasteBytes + o.roundingWasteBytes, prefixOverheadBytes + o.prefixOverheadBytes,
                memoryUsageBytes + o.memoryUsageBytes, keysWithoutTtl + o.keysWithoutTtl);
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
