package io.fragscope.analysis.cost;

import io.fragscope.model.Allocator;
import io.fragscope.model.RedisLayout;

/**
 * What one database's keyspace costs beyond its keys' own allocations, the same for an RDB file and for a listing:
 * the bucket arrays of the keys and expires tables, and per volatile key what the expires table holds for it.
 * Sources: db.c / kvstore.c (RESIZEDB expands both tables to the sizes the file announces), dict.c
 * (power-of-two bucket arrays; no_value dicts need a 16-byte entry per collision), Valkey's hashtable.c.
 */
public final class KeyspaceCharges {
    private KeyspaceCharges() {}

    /**
     * @param keys         keys in the database
     * @param volatileKeys keys with a TTL
     * @param keysHint     the table size RESIZEDB announced (0 if none)
     * @param volatileHint the expires table size RESIZEDB announced (0 if none)
     * @param perKeyExpiresEntry whether to charge the expires table's dictEntry per volatile key here (a listing
     *                     does; the RDB path charges it with each key)
     * @return bytes of used_memory, under allocator {@code a}
     */
    public static long charge(RedisLayout l, Allocator a, long keys, long volatileKeys, long keysHint, long volatileHint,
                              boolean perKeyExpiresEntry) {
        long total = 0;
        // 7.4+ kvstores create a database's dicts with its first key (kvstore.c createDictIfNeeded)
        if (keys > 0) total += a.usedMemoryCharge(l.kvstoreDictBytes());
        if (volatileKeys > 0) total += a.usedMemoryCharge(l.kvstoreExpiresDictBytes());
        if (keys > 0) total += table(l, a, Math.max(keys, keysHint), keys);
        if (volatileKeys > 0) {
            total += table(l, a, Math.max(volatileKeys, volatileHint), volatileKeys);
            if (perKeyExpiresEntry && l.keyspace() == RedisLayout.Keyspace.DICT_ENTRY) total += volatileKeys * a.usedMemoryCharge(l.dictEntry());
        }
        return total;
    }

    /** One table sized for {@code capacity} holding {@code n} keys. */
    private static long table(RedisLayout l, Allocator a, long capacity, long n) {
        return switch (l.keyspace()) {
            case DICT_ENTRY -> a.usedMemoryCharge(8 * RdbKeyCoster.nextPow2(Math.max(4, capacity)));
            case DICT_NO_VALUE -> {
                long slots = RdbKeyCoster.nextPow2(Math.max(4, capacity));
                yield a.usedMemoryCharge(8 * slots) + a.usedMemoryCharge(16) * RdbKeyCoster.collisions(slots, n);
            }
            // Valkey's keyspace: the bucket table and, where more than 7 keys hash to one bucket, its child buckets
            // (hashtable.c bucketConvertToChained), charged at their expectation under random hashing.
            case HASHTABLE -> {
                long buckets = ValkeyHashtable.bucketsAfterLoad(n, capacity);
                long children = Math.round(ValkeyHashtable.expectedChildBuckets(n, buckets));
                yield a.usedMemoryCharge((long) ValkeyHashtable.BUCKET * buckets) + a.usedMemoryCharge(ValkeyHashtable.BUCKET) * children;
            }
        };
    }
}
