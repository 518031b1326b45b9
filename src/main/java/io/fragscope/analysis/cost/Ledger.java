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

    Ledger(Allocator model, List<Allocator> whatIf) {
        this.model = model;
        this.whatIf = whatIf;
        int n = whatIf.size();
        wiRequested = new long[n];
        wiAllocated = new long[n];
        wiCharge = new long[n];
        wiPrefix = new long[n];
    }

    void alloc(long request) { alloc(request, 1); }

    void alloc(long request, long times) {
        if (times <= 0) return;
        long p = model.prefixSize();
        long fp = model.footprint(request);
        keyRequested += request * times;
        keyAllocated += fp * times;
        keyCharge += model.usedMemoryCharge(request) * times;
        keyPrefix += p * times;
        histogram.add(fp, times, request + p);
        for (int i = 0; i < whatIf.size(); i++) {
            Allocator a = whatIf.get(i);
            wiRequested[i] += request * times;
            wiAllocated[i] += a.footprint(request) * times;
            wiCharge[i] += a.usedMemoryCharge(request) * times;
            wiPrefix[i] += a.prefixSize() * times;
        }
    }

    /** zmalloc_size as MEMORY USAGE sees it: the usable size, or request + PREFIX_SIZE without malloc_size. */
    long zmallocSize(long request) {
        return model.prefixSize() == 0 ? model.usable(request) : request + model.prefixSize();
    }

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
