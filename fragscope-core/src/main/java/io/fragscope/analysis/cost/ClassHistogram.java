package io.fragscope.analysis.cost;

import io.fragscope.analysis.keys.SizeClassHistogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Allocations per size class in primitive arrays (open addressing), so counting a 50-million-member set
 * boxes nothing. Bounded: past {@link #CAPACITY} distinct classes, further classes are folded into the
 * next power of two (only page-rounded huge allocations produce that many).
 */
final class ClassHistogram {
    static final int CAPACITY = 4096;
    private final long[] classes = new long[CAPACITY * 2];
    private final long[] counts = new long[CAPACITY * 2];
    private final long[] requested = new long[CAPACITY * 2];
    private int used;

    void add(long sizeClass, long times, long requestEach) {
        long c = used >= CAPACITY ? Long.highestOneBit(sizeClass - 1) << 1 : sizeClass;
        int mask = classes.length - 1;
        int i = (int) (mix(c) & mask);
        while (classes[i] != 0 && classes[i] != c) i = (i + 1) & mask;
        if (classes[i] == 0) {
            if (used >= CAPACITY && c == sizeClass) { add(Long.highestOneBit(sizeClass - 1) << 1, times, requestEach); return; }
            classes[i] = c;
            used++;
        }
        counts[i] += times;
        requested[i] += requestEach * times;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        return x ^ (x >>> 33);
    }

    SizeClassHistogram snapshot(String allocator) {
        List<SizeClassHistogram.Bin> bins = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] != 0) bins.add(new SizeClassHistogram.Bin(classes[i], counts[i], requested[i]));
        }
        bins.sort((a, b) -> Long.compare(a.sizeClassBytes(), b.sizeClassBytes()));
        return new SizeClassHistogram(allocator, bins);
    }
}
