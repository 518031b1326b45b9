package io.fragscope.analysis.keys;

import java.util.List;

/**
 * Allocations per allocator size class, as the model counts them. The model package fills it;
 * the aggregator only carries it into the summary, so this package does not depend on the model.
 *
 * @param allocatorName e.g. "jemalloc-5.3.0 (quantum 16)"
 * @param bins          one per size class that saw an allocation, smallest class first
 */
public record SizeClassHistogram(String allocatorName, List<Bin> bins) {

    public static final SizeClassHistogram EMPTY = new SizeClassHistogram("", List.of());

    public SizeClassHistogram {
        bins = List.copyOf(bins);
    }

    /**
     * @param sizeClassBytes the class size (what one allocation in it really takes)
     * @param allocations    allocations that landed in the class
     * @param requestedBytes sum of the sizes asked for
     */
    public record Bin(long sizeClassBytes, long allocations, long requestedBytes) {
        public long allocatedBytes() { return sizeClassBytes * allocations; }

        public long wasteBytes() { return allocatedBytes() - requestedBytes; }
    }

    public boolean isEmpty() {
        return bins.isEmpty();
    }

    /**
     * Both histograms' allocations per size class (a class is its size in bytes, whatever the input). The
     * allocator name is kept when both agree (or one is empty), else both names are listed, sorted, as
     * "{@code a + b}": the bins are then of several allocators and say so.
     */
    public SizeClassHistogram merge(SizeClassHistogram o) {
        if (o.isEmpty() && o.allocatorName.isEmpty()) return this;
        if (isEmpty() && allocatorName.isEmpty()) return o;
        java.util.TreeMap<Long, long[]> sums = new java.util.TreeMap<>();
        for (List<Bin> side : List.of(bins, o.bins)) {
            for (Bin b : side) {
                long[] s = sums.computeIfAbsent(b.sizeClassBytes(), k -> new long[2]);
                s[0] += b.allocations();
                s[1] += b.requestedBytes();
            }
        }
        List<Bin> merged = new java.util.ArrayList<>(sums.size());
        sums.forEach((size, s) -> merged.add(new Bin(size, s[0], s[1])));
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String n : (allocatorName + " + " + o.allocatorName).split(" \\+ ")) if (!n.isEmpty()) names.add(n);
        return new SizeClassHistogram(String.join(" + ", names), merged);
    }
}
