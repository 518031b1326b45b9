package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;

/** The mutable side of {@link Totals}: one per group while the stream runs. */
final class TotalsAccumulator {
    private long keys;
    private long requested;
    private long allocated;
    private long waste;
    private long prefix;
    private long memoryUsage;
    private long withoutTtl;
    private long ttlNotKnown;

    void add(KeyCost c) {
        keys++;
        requested += c.requestedBytes();
        allocated += c.allocatedBytes();
        waste += c.roundingWasteBytes();
        prefix += c.prefixOverheadBytes();
        memoryUsage += c.memoryUsageBytes();
        if (c.ttlMs() == KeyCost.TTL_NOT_KNOWN) ttlNotKnown++;
        else if (c.ttlMs() < 0) withoutTtl++;
    }

    long allocated() {
        return allocated;
    }

    Totals toTotals() {
        return new Totals(keys, requested, allocated, waste, prefix, memoryUsage, withoutTtl, ttlNotKnown);
    }
}
