package io.fragscope.analysis.cost;

/**
 * Valkey's hashtable (src/hashtable.c, 8.1+) as sets, hashes, sorted sets and the keyspace use it: a table of
 * 64-byte buckets holding 7 entries each, sized on expansion to at most 91 % fill ({@code nextBucketExp}:
 * {@code ceil(n * 5 / 32)} buckets rounded up to a power of two). A bucket that would take an eighth entry
 * becomes chained: its last slot points to a child bucket (bucketConvertToChained), so {@code x} entries in one
 * bucket need {@code ceil((x - 7) / 6)} children.
 *
 * <p>Which bucket an entry lands in depends on a hash seed chosen at random when the server starts, so the number
 * of child buckets is only known in expectation: entries are taken to fall into buckets independently
 * (binomially), and that expectation is what this class charges.
 */
final class ValkeyHashtable {
    static final int BUCKET = 64, ENTRIES_PER_BUCKET = 7;

    private ValkeyHashtable() {}

    /** Buckets of a table expanded to hold {@code capacity} entries (hashtable.c nextBucketExp); 0 when empty. */
    static long buckets(long capacity) {
        if (capacity <= 0) return 0;
        long min = (capacity * 5 - 1) / 32 + 1;
        if (min == 1) return 1;
        return Long.highestOneBit(min - 1) << 1;
    }

    /**
     * Buckets after loading {@code n} entries into a table first expanded for {@code presize}: the table grows again
     * only when an insert would pass 100 % fill ({@code MAX_FILL_PERCENT_SOFT}).
     */
    static long bucketsAfterLoad(long n, long presize) {
        long b = buckets(Math.max(1, presize));
        while (n > b * ENTRIES_PER_BUCKET) b = buckets(n);
        return b;
    }

    /** Expected child buckets when {@code n} entries hash into {@code buckets} buckets. */
    static double expectedChildBuckets(long n, long buckets) {
        if (buckets <= 0 || n <= ENTRIES_PER_BUCKET) return 0;
        double p = 1.0 / buckets, q = 1 - p;
        // binomial pmf by recurrence from x = 0; the tail past a few dozen per bucket is negligible
        double pmf = Math.pow(q, n), expected = 0;
        long top = Math.min(n, 8 * ENTRIES_PER_BUCKET + (long) (8 * n * p));
        for (long x = 1; x <= top; x++) {
            pmf *= (double) (n - x + 1) / x * p / q;
            if (x > ENTRIES_PER_BUCKET) expected += pmf * Math.ceil((x - ENTRIES_PER_BUCKET) / 6.0);
        }
        return expected * buckets;
    }
}
