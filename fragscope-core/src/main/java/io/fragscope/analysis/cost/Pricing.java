package io.fragscope.analysis.cost;

import io.fragscope.model.RedisLayout;

/**
 * What every pricer of one key shares: the model, the ledger the allocations go to, the running MEMORY USAGE of
 * the key ({@link #usage}, bytes, reset per key by the coster), and the version rules for how MEMORY USAGE counts
 * an sds or an element (object.c objectComputeSize at each family's tags), asked of the layout's facts.
 */
final class Pricing {
    final CostModel m;
    final RedisLayout l;
    final Ledger ledger;
    /** What MEMORY USAGE prints for the key being priced, so far. */
    long usage;

    Pricing(CostModel model, Ledger ledger) {
        this.m = model;
        this.l = model.layout();
        this.ledger = ledger;
    }


    /**
     * How MEMORY USAGE counts a value or element sds: from 6.2 its allocation (sds keeps the usable size);
     * before, {@code sdsAllocSize}, which then held the exact length. Checked against the groundtruth builds.
     */
    long usageSds(long len) {
        long req = l.sdsRequest(len);
        if (l.sdsAllocSizeExact5() && l.sdsHeader(len) == 1) return req; // 8.2+ sdsAllocSize: an sdshdr5 has no alloc field
        return l.usageRoundsSds() ? ledger.zmallocSize(req) : req;
    }

    /** The key's sds as MEMORY USAGE counts it: exact length before 6.2 (sdsAllocSize), allocator size from 6.2. */
    long usageKey(long len) {
        long req = keySdsRequest(len);
        return l.usageRoundsSds() ? ledger.zmallocSize(req) : req;
    }

    /**
     * 4.0 loads keys as sdshdr8 at least (rdbGenericLoadStringObject then sdsdup kept the type), which the
     * 4.0 groundtruth shows as two bytes more per short key than 5.0; other versions pick the type by length.
     */
    long keySdsRequest(long len) {
        return l.keySdsAtLeastHdr8() ? Math.max(3, l.sdsHeader(len)) + len + 1 : l.sdsRequest(len);
    }

    /**
     * Allocates one element of a hashtable set, hash or skiplist as the modelled version stores it:
     * an sds from 4.0 on; before, a string object (shared integer, int, embstr or raw) as for values.
     * Returns what MEMORY USAGE counts for it.
     */
    long elementStorage(long length, boolean integer, long value) {
        if (l.elementsAreSds()) {
            ledger.alloc(l.sdsRequest(length));
            return usageSds(length);
        }
        if (integer) {
            if (!(m.sharedIntegers() && value >= 0 && value < RedisLayout.SHARED_INTEGERS)) ledger.alloc(l.robj());
            return l.robj();
        }
        if (length <= l.embstrLimit()) {
            ledger.alloc(l.embstrRequest(length));
            return ledger.zmallocSize(l.embstrRequest(length));
        }
        ledger.alloc(l.robj());
        ledger.alloc(l.sdsRequest(length));
        return l.robj() + ledger.zmallocSize(l.sdsRequest(length));
    }

    /** Valkey 8.1+: sets, hashes and sorted sets index their elements in Valkey hashtables, not dicts. */
    boolean valkeyTables() { return l.keyspace() == RedisLayout.Keyspace.HASHTABLE; }

    /**
     * Charges a Valkey hashtable of {@code n} entries first expanded for {@code presize} and returns what
     * {@code hashtableMemUsage} reports for it, in bytes (see {@link #valkeyHashtable(ValkeyTableGrowth, int)}).
     */
    long valkeyHashtable(long n, long presize, int metaBytes) {
        ValkeyTableGrowth g = newValkeyTable();
        g.expand(presize);
        g.add(n);
        return valkeyHashtable(g, metaBytes);
    }

    /** A Valkey hashtable as this family grows it (9.0+ refuses to expand while a rehash runs). */
    ValkeyTableGrowth newValkeyTable() { return new ValkeyTableGrowth(l.hashtableExpandWaitsForRehash()); }

    /**
     * Charges a Valkey hashtable whose load {@code g} followed (hashtable.c: struct plus {@code metaBytes} of type
     * metadata, the bucket tables, the expected child buckets) and returns {@code hashtableMemUsage}, in bytes.
     */
    long valkeyHashtable(ValkeyTableGrowth g, int metaBytes) {
        long children = Math.round(g.expectedChildBuckets());
        ledger.alloc(l.valkeyHashtableStruct() + metaBytes);
        ledger.alloc((long) ValkeyHashtable.BUCKET * g.buckets());
        ledger.alloc(ValkeyHashtable.BUCKET, children);
        return l.valkeyHashtableStruct() + metaBytes + (long) ValkeyHashtable.BUCKET * (g.buckets() + children);
    }

    /** The value's robj; where the key lives in the object (kvobj) it is allocated with the key, at the key's end. */
    void valueObject() {
        if (!l.keyInObject()) ledger.alloc(l.robj());
    }

    /** What MEMORY USAGE counts for the value's robj; the kvobj is counted with the key. */
    long objectUsage() { return l.keyInObject() && l.usageCountsKeyObject() ? 0 : l.robj(); }
}
