package io.fragscope.analysis.cost;

/**
 * Follows a Valkey hashtable's two bucket tables through the calls a load makes (src/hashtable.c, 8.1+): an
 * expand or an insert past 100 % fill allocates a second table and starts an incremental rehash; every later
 * lookup or insert moves one bucket of the old table across (findBucket: rehashStepOnReadIfNeeded). A hash that
 * the load converts from a listpack half-way through its fields (rdb.c: hashTypeConvert expands to the fields so
 * far, then hashtableTryExpand to the fields still to come) can end its load mid-rehash, holding both tables, which
 * {@code hashtableMemUsage} counts.
 *
 * <p>The two families differ in one rule each: 8.1's {@code resize} finishes a running rehash and resizes again,
 * and its fill check counts both tables; from 9.0 an expand is refused while a rehash runs. Entries are taken to
 * be spread evenly over the old table's buckets, so a rehash step moves the expected share.
 */
final class ValkeyTableGrowth {
    private final boolean expandWaitsForRehash;
    private long buckets0, buckets1, rehashIdx = -1;
    private double used0, used1;

    /** @param expandWaitsForRehash Valkey 9.0+: {@code expand} returns at once while a rehash runs */
    ValkeyTableGrowth(boolean expandWaitsForRehash) { this.expandWaitsForRehash = expandWaitsForRehash; }

    /**
     * The hashtable of a hash converted from listpack at field {@code at} of {@code n} (rdb.c RDB_TYPE_HASH:
     * hashTypeConvert expands to the {@code at} fields so far and adds them, the converting field is added, then
     * hashtableTryExpand to the fields still to come, then the rest are added), grown in {@code g}.
     */
    static ValkeyTableGrowth convertedMidLoad(ValkeyTableGrowth g, int at, int n) {
        g.expand(at);
        g.add(at + 1L);
        g.expand(n - at - 1L);
        g.add(n - at - 1L);
        return g;
    }

    private boolean rehashing() { return rehashIdx >= 0; }

    private double size() { return used0 + used1; }

    /** {@code hashtableExpand(size)} / {@code hashtableTryExpand(size)}. */
    void expand(long size) {
        if (expandWaitsForRehash && rehashing()) return;
        if (size < Math.round(size())) return;
        resize(size);
    }

    /** {@code hashtableAdd}: a rehash step on the lookup, grow when past 100 % fill, insert. */
    void add() {
        if (size() > 0 && rehashing()) rehashStep();
        expandIfNeeded();
        if (rehashing()) used1++;
        else used0++;
    }

    /** {@code k} inserts; those that cannot start a resize or meet a rehash are counted at once. */
    void add(long k) {
        while (k > 0) {
            long room = rehashing() ? 0 : ValkeyHashtable.ENTRIES_PER_BUCKET * buckets0 - (long) Math.ceil(used0);
            if (room > 0 && size() > 0) {
                long bulk = Math.min(k, room);
                used0 += bulk;
                k -= bulk;
            } else {
                add();
                k--;
            }
        }
    }

    /** Bucket tables now held: both while a rehash runs. */
    long buckets() { return buckets0 + buckets1; }

    /** Expected child buckets of both tables: the old table's unmoved buckets and the new one. */
    double expectedChildBuckets() {
        double c = ValkeyHashtable.expectedChildBuckets(Math.round(used0), rehashing() ? buckets0 - rehashIdx : buckets0);
        if (rehashing()) c += ValkeyHashtable.expectedChildBuckets(Math.round(used1), buckets1);
        return c;
    }

    private void expandIfNeeded() {
        if (expandWaitsForRehash && rehashing()) return;
        double minCapacity = expandWaitsForRehash ? used0 + 1 : size() + 1;
        long capacity = ValkeyHashtable.ENTRIES_PER_BUCKET * (rehashing() ? buckets1 : buckets0);
        if (minCapacity <= capacity) return;
        resize(Math.round(minCapacity));
    }

    private void resize(long minCapacity) {
        long target = ValkeyHashtable.buckets(Math.max(1, minCapacity));
        long current = !expandWaitsForRehash && rehashing() ? buckets1 : buckets0;
        if (target == current) return;
        while (rehashing()) rehashStep(); // 8.1: fast-forward the running rehash first
        buckets1 = target;
        rehashIdx = 0;
        if (buckets0 == 0 || used0 == 0) completeRehash();
    }

    private void rehashStep() {
        double moved = used0 / (buckets0 - rehashIdx);
        used0 -= moved;
        used1 += moved;
        if (++rehashIdx >= buckets0) completeRehash();
    }

    private void completeRehash() {
        buckets0 = buckets1;
        used0 += used1;
        used1 = 0;
        buckets1 = 0;
        rehashIdx = -1;
    }
}
