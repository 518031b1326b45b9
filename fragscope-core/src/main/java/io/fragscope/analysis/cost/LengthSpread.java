package io.fragscope.analysis.cost;

import java.util.function.LongToDoubleFunction;

/**
 * {@code m} element lengths as a peer's listing leaves them to be guessed: {@link #QUANTILES} evenly spaced lengths
 * over the mean ± {@link #SPREAD} of it, taken in turn, and the listed largest once. {@link #invert} finds the mean
 * whose lengths give back a peer's sum (its formula of a length, summed over the elements).
 */
final class LengthSpread {
    /** Lengths per spread: elements take these many evenly spaced lengths in turn. */
    static final int QUANTILES = 16;
    /** Elements spread evenly over the mean length ± this fraction of it. */
    static final double SPREAD = 0.25;

    /**
     * The spread of {@code m} element lengths whose per-element figure ({@code cost} of a length: the peer's rounded
     * sds) sums to {@code sum}: evenly spaced over ±25 % of a mean found by bisection, at most {@code max} (one element
     * takes it) where it is listed. Where a range of means gives the sum (the lengths stay in the same size classes),
     * the middle of the range.
     */
    static LengthSpread invert(long m, long max, double sum, LongToDoubleFunction cost) {
        double top = max > 0 ? max : 1 << 30; // the mean is at most the largest element
        double a = lowestMean(m, max, sum, top, false, cost), b = lowestMean(m, max, sum, top, true, cost);
        // every mean in [a, b) gives the peer's sum (the same size classes): take the middle of them
        if (b > a + 1e-3 && new LengthSpread(m, a, max).sum(cost) == sum) return new LengthSpread(m, (a + b) / 2, max);
        LengthSpread lo = new LengthSpread(m, Math.max(0.5, a - 1e-3), max), hi = new LengthSpread(m, a, max);
        return Math.abs(lo.sum(cost) - sum) < Math.abs(hi.sum(cost) - sum) ? lo : hi;
    }

    /** Lowest mean (within [0.5, top]) whose spread sums to at least ({@code above}: more than) {@code sum}. */
    private static double lowestMean(long m, long max, double sum, double top, boolean above, LongToDoubleFunction cost) {
        double lo = 0.5, hi = top;
        for (int i = 0; i < 60 && hi - lo > 1e-3; i++) {
            double mid = (lo + hi) / 2, f = new LengthSpread(m, mid, max).sum(cost);
            if (above ? f <= sum : f < sum) lo = mid; else hi = mid;
        }
        return hi;
    }

    private final long m;
    private final long[] len;
    private final long withMax; // the element index that takes the listed largest length, or -1
    private final long max;

    LengthSpread(long m, double mean, long max) {
        this.m = m;
        int k = (int) Math.max(1, Math.min(QUANTILES, m));
        len = new long[k];
        for (int j = 0; j < k; j++) {
            long v = Math.max(1, Math.round(mean * (1 - SPREAD + 2 * SPREAD * (j + 0.5) / k)));
            len[j] = max > 0 ? Math.min(max, v) : v;
        }
        this.withMax = max > 0 && m > 1 ? m / 2 : -1;
        this.max = max;
    }

    long length(long i) { return i == withMax ? max : len[(int) (i % len.length)]; }

    long longest() {
        long x = withMax >= 0 ? max : 0;
        for (long v : len) x = Math.max(x, v);
        return x;
    }

    /** Makes the longest element at least {@code atLeast} bytes long (a dict holds one too long for a listpack). */
    void raiseLongest(long atLeast) {
        int j = 0;
        for (int i = 1; i < len.length; i++) if (len[i] > len[j]) j = i;
        if (withMax >= 0) { if (max < atLeast) len[j] = Math.max(len[j], atLeast); }
        else len[j] = Math.max(len[j], atLeast);
    }

    /** The sum of {@code cost} over these elements' lengths. */
    double sum(LongToDoubleFunction cost) {
        double total = 0;
        long rest = withMax >= 0 ? m - 1 : m;
        for (int j = 0; j < len.length; j++) {
            long count = rest / len.length + (j < rest % len.length ? 1 : 0);
            total += count * cost.applyAsDouble(len[j]);
        }
        if (withMax >= 0) total += cost.applyAsDouble(max);
        return total;
    }
}
