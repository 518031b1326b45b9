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
}
