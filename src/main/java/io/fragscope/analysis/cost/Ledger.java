package io.fragscope.analysis.cost;

import io.fragscope.model.Allocator;

import java.util.List;

/**
 * Counts allocations as the model decides them: per key (reset after each key) and for the whole
 * dataset, under the chosen allocator and, for the what-if table, under every other one too.
 */
final class Ledger {
    private final Allocator model;
    private final List<Allocator> whatIf;
    final ClassHistogram histogram = new ClassHistogram();

    long keyRequested, keyAllocated, keyCharge, keyPrefix;
    long requested, allocated, charge, prefix;
    final long[] wiRequested, wiAllocated, wiCharge, wiPrefix;

    /** Footprints and charges of small requests, precomputed: nearly every allocation a key makes is small. */
    private static final int SMALL = 4096;
    private final long[] modelFootprint = new long[SMALL], modelCharge = new long[SMALL];
    private final long[][] wiFootprint, wiChargeTable;

    Ledger(Allocator model, List<Allocator> whatIf) {
        this.model = model;
        this.whatIf = whatIf;
        int n = whatIf.size();
        wiFootprint = new long[n][SMALL];
        wiChargeTable = new long[n][SMALL];
        for (int r = 0; r < SMALL; r++) {
            modelFootprint[r] = model.footprint(r);
            modelCharge[r] = model.usedMemoryCharge(r);
            for (int i = 0; i < n; i++) {
                wiFootprint[i][r] = whatIf.get(i).footprint(r);
                wiChargeTable[i][r] = whatIf.get(i).usedMemoryCharge(r);
            }
        }
        wiRequested = new long[n];
        wiAllocated = new long[n];
        wiCharge = new long[n];
        wiPrefix = new long[n];
    }

    void alloc(long request) { alloc(request, 1); }

    void alloc(long request, long times) {
        if (times <= 0) return;
        long p = model.prefixSize();
        boolean small = request >= 0 && request < SMALL;
        int r = (int) request;
        long fp = small ? modelFootprint[r] : model.footprint(request);
        keyRequested += request * times;
        keyAllocated += fp * times;
        keyCharge += (small ? modelCharge[r] : model.usedMemoryCharge(request)) * times;
        keyPrefix += p * times;
        histogram.add(fp, times, request + p);
        for (int i = 0; i < wiRequested.length; i++) {
            Allocator a = whatIf.get(i);
            wiRequested[i] += request * times;
            wiAllocated[i] += (small ? wiFootprint[i][r] : a.footprint(request)) * times;
            wiCharge[i] += (small ? wiChargeTable[i][r] : a.usedMemoryCharge(request)) * times;
            wiPrefix[i] += a.prefixSize() * times;
        }
    }

    /** zmalloc_size as MEMORY USAGE sees it: the usable size, or request + PREFIX_SIZE without malloc_size. */
    long zmallocSize(long request) {
        return model.prefixSize() == 0 ? model.usable(request) : request + model.prefixSize();
    }

    /** Forgets the current key's allocations (a key the server drops on load); the size-class and what-if tables keep them. */
    void discardKey() { keyRequested = keyAllocated = keyCharge = keyPrefix = 0; }

    void closeKey() {
        requested += keyRequested;
        allocated += keyAllocated;
        charge += keyCharge;
        prefix += keyPrefix;
        keyRequested = keyAllocated = keyCharge = keyPrefix = 0;
    }

    Allocator model() { return model; }

    List<Allocator> whatIf() { return whatIf; }
}
