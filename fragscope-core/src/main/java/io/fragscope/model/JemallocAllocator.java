package io.fragscope.model;

/**
 * jemalloc 4.x/5.x size classes (jemalloc src/sc.c): with quantum q, small sizes round to multiples of q
 * up to 4q, then four classes per doubling. {@code lgQuantum = 3} is Redis's bundled jemalloc since 3.2.1
 * (8, 16, 24, 32, 40, 48, 56, 64, 80, 96 …); {@code lgQuantum = 4} is the distributions' system jemalloc
 * (8, 16, 32, 48, 64, 80 …: no 24, 40, 56). A 17-byte request takes 24 with q8 and 32 with q16;
 * 16385 bytes take 20480 with either.
 */
final class JemallocAllocator implements Allocator {
    private final String name;
    private final long quantum;

    JemallocAllocator(String name, int lgQuantum) {
        this.name = name;
        this.quantum = 1L << lgQuantum;
    }

    @Override public String name() { return name; }

    @Override public long prefixSize() { return 0; }

    @Override public long usable(long n) {
        if (n <= 8) return 8;
        if (n <= 4 * quantum) return (n + quantum - 1) & -quantum;
        return groupRound(n, 2);
    }

    /** Round up within groups of 2^lgGroup classes per doubling: g = 2^(floor(log2(n-1)) - lgGroup). */
    static long groupRound(long n, int lgGroup) {
        int lg = 63 - Long.numberOfLeadingZeros(n - 1);
        long g = 1L << Math.max(0, lg - lgGroup);
        return (n + g - 1) & -g;   // g is a power of two: a mask, not a division, for every allocation priced
    }
}
