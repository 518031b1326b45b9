package io.fragscope.analysis.where;

/**
 * Percentiles of a non-negative quantity in bounded memory: every power of two is cut into 8 equal buckets, so a
 * percentile is known within 12.5 % (reported as the bucket's upper bound, capped at the largest value seen); values
 * under 16 are exact. 64 × 8 longs whatever the number of values, and no floating point per value.
 */
public final class LogHistogram {
    private final long[] counts = new long[64 * 8 + 16];
    private long n, max;

    public void add(long v) {
        if (v < 0) v = 0;
        counts[bucket(v)]++;
        n++;
        if (v > max) max = v;
    }

    static int bucket(long v) {
        if (v < 16) return (int) v;
        int octave = 63 - Long.numberOfLeadingZeros(v);          // ≥ 4
        int sub = (int) (v >>> (octave - 3)) & 7;
        return 16 + (octave - 4) * 8 + sub;
    }

    /** Largest value that falls in bucket {@code b}. */
    static long upper(int b) {
        if (b < 16) return b;
        int octave = (b - 16) / 8 + 4, sub = (b - 16) % 8;
        return ((8L + sub + 1) << (octave - 3)) - 1;
    }

    public long count() { return n; }

    public long max() { return max; }

    /** The value at quantile {@code q} (0..1), within 12.5 % above; 0 when empty. */
    public long percentile(double q) {
        if (n == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) return Math.min(upper(b), max);
        }
        return max;
    }
}
