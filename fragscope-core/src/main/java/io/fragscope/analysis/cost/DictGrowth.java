package io.fragscope.analysis.cost;

/**
 * Follows a dict's bucket arrays through the inserts a load performs (src/dict.c): a table is a power of
 * two of at least 4 buckets; an insert into a full table starts a rehash into one twice as large, and
 * while rehashing both arrays exist, each later insert moving one bucket across. A hash converted from a
 * listpack half-way through its fields can end its load mid-rehash, and then holds both arrays — which
 * MEMORY USAGE and used_memory both count.
 *
 * <p>How many inserts finish a rehash depends on how the (randomly seeded) hash spread the keys; the
 * expected number of occupied buckets is used.
 */
final class DictGrowth {
    static final long INITIAL = 4;

    long size0, size1, used;
    private double stepsLeft;

    /** {@code dictExpand(size)}: refused while rehashing or when smaller than the contents. */
    void expand(long size) {
        if (size1 != 0 || used > size) return;
        long target = Math.max(INITIAL, RdbKeyCoster.nextPow2(size));
        if (size0 == 0) { size0 = target; return; }
        if (target == size0) return;
        size1 = target;
        stepsLeft = occupied(size0, used);
        if (stepsLeft == 0) finish();
    }

    /** {@code dictAdd}: one rehash step, grow if full, insert. */
    void add() {
        if (size1 != 0) {
            stepsLeft -= 1;
            if (stepsLeft <= 0.5) finish();
        }
        if (size0 == 0) size0 = INITIAL;
        else if (size1 == 0 && used >= size0) expand(used + 1);
        used++;
    }

    private void finish() {
        size0 = size1;
        size1 = 0;
        stepsLeft = 0;
    }

    long slots() { return size0 + size1; }

    /**
     * Buckets of a hash that the load converted from listpack to hashtable at field {@code at} of {@code n}
     * (rdb.c: hashTypeConvert expands to the fields so far, the rest are added after a dictTryExpand of the
     * remaining count, which a rehash in progress refuses; up to 8.0 by the fields still to come, 8.2+ by the
     * hash's original length: {@code expandsToFullLength}).
     */
    static long convertedMidLoad(int at, int n, boolean expandsToFullLength) {
        DictGrowth d = new DictGrowth();
        d.expand(at);
        for (int i = 0; i < at; i++) d.add();
        d.add();
        long rest = n - at - 1L;
        long expandTo = expandsToFullLength ? n : rest;
        if (expandTo > INITIAL) d.expand(expandTo);
        for (long i = 0; i < rest; i++) d.add();
        return d.slots();
    }

    static double occupied(long buckets, long keys) {
        if (keys == 0) return 0;
        return buckets * (1 - Math.pow(1 - 1.0 / buckets, keys));
    }
}
