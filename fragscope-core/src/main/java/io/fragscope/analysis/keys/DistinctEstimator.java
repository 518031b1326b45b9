package io.fragscope.analysis.keys;

/**
 * Linear counting (Whang, Vander-Zanden, Taylor 1990) over a fixed bitmap: estimates how many
 * distinct values were offered in 128 KiB, within a few percent up to a few million values.
 * Used only to say how many groups a capped table folded away.
 */
final class DistinctEstimator {
    private static final int BITS = 1 << 20;
    private final long[] bitmap = new long[BITS / 64];

    void offer(int hash) {
        int h = mix(hash) & (BITS - 1);
        bitmap[h >>> 6] |= 1L << (h & 63);
    }

    long estimate() {
        long set = 0;
        for (long word : bitmap) set += Long.bitCount(word);
        long zero = BITS - set;
        if (zero == 0) zero = 1;   // saturated: report the largest estimate the bitmap can give
        return Math.round(-BITS * Math.log((double) zero / BITS));
    }

    /** murmur3 fmix32: spreads Arrays.hashCode, whose low bits are poor for short similar keys. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
