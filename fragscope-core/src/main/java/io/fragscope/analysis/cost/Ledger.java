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
    /** Null for a coster whose size classes nobody reads (the reclaim plan's threshold what-ifs). */
    final ClassHistogram histogram;
    /** Told of each allocation with its size class, to split the histogram by key (null: nobody asked). Prices nothing. */
    io.fragscope.analysis.keys.SizeClassObserver observer;

    long keyRequested, keyAllocated, keyCharge, keyPrefix;
    long requested, allocated, charge, prefix;
    final long[] wiRequested, wiAllocated, wiCharge, wiPrefix;

    /** Footprints and charges of small requests, precomputed: nearly every allocation a key makes is small. */
    private static final int SMALL = 4096;
    private final long[] modelFootprint = new long[SMALL], modelCharge = new long[SMALL];
    private final long[][] wiFootprint, wiChargeTable;
    /**
     * How many small requests of each size were made: the what-if totals under every other allocator are derived
     * from it in {@link #settleWhatIf()} (a sum of count × footprint per size equals the running sum, to the bit),
     * so an allocation costs one increment rather than one update per allocator model.
     */
    private final long[] smallTimes = new long[SMALL];
    private long wiRequestedAll, wiTimesAll;
    private final long[] wiLargeAllocated, wiLargeCharge;

    Ledger(Allocator model, List<Allocator> whatIf) { this(model, whatIf, true); }

    /** @param sizeClasses false: no size-class histogram (a coster whose totals only are read) */
    Ledger(Allocator model, List<Allocator> whatIf, boolean sizeClasses) {
        this.model = model;
        this.whatIf = whatIf;
        this.histogram = sizeClasses ? new ClassHistogram() : null;
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
        wiLargeAllocated = new long[n];
        wiLargeCharge = new long[n];
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
        if (histogram != null) histogram.add(fp, times, request + p);
        if (observer != null) observer.allocated(fp, times);
        if (wiRequested.length == 0) return;
        wiRequestedAll += request * times;
        wiTimesAll += times;
        if (small) {
            smallTimes[r] += times;
            return;
        }
        for (int i = 0; i < wiRequested.length; i++) {
            Allocator a = whatIf.get(i);
            wiLargeAllocated[i] += a.footprint(request) * times;
            wiLargeCharge[i] += a.usedMemoryCharge(request) * times;
        }
    }

    /** Fills {@link #wiRequested}, {@link #wiAllocated}, {@link #wiCharge} and {@link #wiPrefix} from the counts so far. */
    void settleWhatIf() {
        for (int i = 0; i < wiRequested.length; i++) {
            long alloc = wiLargeAllocated[i], chg = wiLargeCharge[i];
            long[] fp = wiFootprint[i], ch = wiChargeTable[i];
            for (int r = 0; r < SMALL; r++) {
                long t = smallTimes[r];
                if (t == 0) continue;
                alloc += fp[r] * t;
                chg += ch[r] * t;
            }
            wiRequested[i] = wiRequestedAll;
            wiAllocated[i] = alloc;
            wiCharge[i] = chg;
            wiPrefix[i] = whatIf.get(i).prefixSize() * wiTimesAll;
        }
    }

    /** zmalloc_size as MEMORY USAGE sees it: the usable size, or request + PREFIX_SIZE without malloc_size. */
    long zmallocSize(long request) {
        return model.prefixSize() == 0 ? model.usable(request) : request + model.prefixSize();
    }

    /** Forgets the current key's allocations (a key the server drops on load); the size-class and what-if tables keep them. */
    void discardKey() {
        keyRequested = keyAllocated = keyCharge = keyPrefix = 0;
        if (observer != null) observer.keyDiscarded();
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
