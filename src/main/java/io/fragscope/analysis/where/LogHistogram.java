package io.fragscope.analysis.where;

/**
 * Percentiles of a non-negative quantity in bounded memory: counts in buckets that grow by 2^(1/8) (about 9 %),
 * so a percentile is known within one bucket (reported as the bucket's upper bound, capped at the largest value
 * seen). 8 buckets per power of two over 64 powers: 512 longs whatever the number of values.
 */
public final class LogHistogram {
    private static final int PER_OCTAVE = 8;
    private final long[] counts = new long[64 * PER_OCTAVE + 1];
    private long n, max;

    public void add(long v) {
        if (v < 0) v = 0;
        counts[bucket(v)]++;
        n++;
        if (v > max) max = v;
    }

    static int bucket(long v) {
        if (v <= 1) return (int) v;
        int octave = 63 - Long.numberOfLeadingZeros(v);
        double frac = Math.log((double) v / (1L << octave)) / Math.log(2);
        return Math.min(octave * PER_OCTAVE + 1 + (int) (frac * PER_OCTAVE), 64 * PER_OCTAVE);
    }

    static long upper(int b) {
        if (b <= 1) return b;
        int octave = (b - 1) / PER_OCTAVE, step = (b - 1) % PER_OCTAVE + 1;
        return (long) Math.ceil((1L << octave) * Math.pow(2, (double) step / PER_OCTAVE));
    }

    public long count() { return n; }

    public long max() { return max; }

    /** The value at quantile {@code q} (0..1), within about 9 % above; 0 when empty. */
    public long percentile(double q) {
        if (n == 0) return 0;
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= Math.max(1, rank)) return Math.min(upper(b), max);
        }
        return max;
    }
}
