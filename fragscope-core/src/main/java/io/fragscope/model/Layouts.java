package io.fragscope.model;

import java.util.List;

/**
 * The catalogue of server families, oldest first, each stated as what changed from the one before (with the
 * source that shows it). Adding a version is one entry here plus its tests; {@link #of} picks the newest family
 * of the same flavour at or below the build.
 */
public final class Layouts {
    private Layouts() {}

    /** Redis 2.8: one 8-byte sds header, no embstr (object.c createStringObject), linked lists and ziplists. */
    public static final RedisLayout REDIS_2_8 = RedisLayout.builder("2.8", ServerVersion.redis(2, 8)).build();

    /** 3.0: embstr up to 39 bytes (REDIS_ENCODING_EMBSTR_SIZE_LIMIT). */
    public static final RedisLayout REDIS_3_0 = REDIS_2_8.toBuilder().family("3.0").version(ServerVersion.redis(3, 0)).embstrLimit(39).build();

    /** 3.2: sds header types (sds.h sdshdr5..64), embstr up to 44, quicklists (quicklist.c). */
    public static final RedisLayout REDIS_3_2 = REDIS_3_0.toBuilder().family("3.2").version(ServerVersion.redis(3, 2))
            .sdsTypes(true).embstrLimit(44).quicklist(true).build();

    /**
     * 4.0: MEMORY USAGE (object.c objectComputeSize), elements as bare sds, ZSKIPLIST_MAXLEVEL 64, keys loaded
     * as sdshdr8 at least (measured: the 4.0 groundtruth keys are two bytes longer than 5.0's).
     */
    public static final RedisLayout REDIS_4_0 = REDIS_3_2.toBuilder().family("4.0").version(ServerVersion.redis(4, 0))
            .memoryUsage(true).elementsAreSds(true).zslMaxLevel(64).keySdsAtLeastHdr8(true).build();

    /** 5.0: keys sized by their length again; streams ({@code sizeof(stream)} 40, streamCG 32, streamConsumer 24). */
    public static final RedisLayout REDIS_5_0 = REDIS_4_0.toBuilder().family("5.0").version(ServerVersion.redis(5, 0))
            .keySdsAtLeastHdr8(false).build();

    /** 6.0: ZSKIPLIST_MAXLEVEL back to 32 (server.h). */
    public static final RedisLayout REDIS_6_0 = REDIS_5_0.toBuilder().family("6.0").version(ServerVersion.redis(6, 0)).zslMaxLevel(32).build();

    /**
     * 6.2: sds remember their usable size (sdsnewlen uses s_malloc_usable), so MEMORY USAGE counts sds allocations;
     * for streams it adds {@code sizeof(stream)} and takes listpack allocations (object.c objectComputeSize); empty
     * collections in the file are dropped on load (rdb.c rdbLoadObject, emptykey).
     */
    public static final RedisLayout REDIS_6_2 = REDIS_6_0.toBuilder().family("6.2").version(ServerVersion.redis(6, 2)).usageRoundsSds(true)
            .usageCountsStreamStruct(true).usageRoundsStreamListpacks(true).skipsEmptyKeys(true).build();

    /**
     * 7.0: listpacks replace ziplists, {@code dict} 56 bytes (dict.h), quicklistNode 40, {@code stream} 80; MEMORY
     * USAGE counts blob and embstr allocations; in cluster mode each keyspace dictEntry carries
     * 16 bytes of slot-to-keys metadata (cluster.h clusterDictEntryMetadata).
     */
    public static final RedisLayout REDIS_7_0 = REDIS_6_2.toBuilder().family("7.0").version(ServerVersion.redis(7, 0))
            .listpacks(true).dictStruct(56).quicklistNode(40).streamStruct(80).streamCG(40).usageRoundsBlobs(true).usageEmbstrAllocation(true)
            .clusterEntryMetadata(16).build();

    /** 7.2: listpack lists and sets, set members inline in dict buckets (dict.c no_value), streamConsumer 32 (active_time). */
    public static final RedisLayout REDIS_7_2 = REDIS_7_0.toBuilder().family("7.2").version(ServerVersion.redis(7, 2))
            .listpackLists(true).setEntriesInline(true).streamConsumer(32).build();

    /**
     * 7.4: kvstore keyspace, hash field expiry: hfield (mstr) names, {@code listpackEx} (server.h: ExpireMeta 16,
     * key, lp = 32 bytes) for small hashes with TTLs; an hfield with a TTL carries ExpireMeta (16) before its string;
     * dictEntry metadata gone (one dict per slot instead).
     */
    public static final RedisLayout REDIS_7_4 = REDIS_7_2.toBuilder().family("7.4").version(ServerVersion.redis(7, 4))
            .hashFieldMstr(true).hashFieldExpiry(true).listpackExStruct(32).hfieldExpireMeta(16).hashMetadataTtlDict(32).clusterEntryMetadata(0)
            .kvstoreDictBytes(64, 64).kvstorePerSlot(true).slotInfoCreatesEmptyExpires(true).build();

    /**
     * 8.0: the 7.4 keyspace (separate key sds and dictEntry: an integer string with a 12-byte name is 56 bytes); each
     * keys dict carries a keysizes histogram (kvstore.h kvstoreDictMetadata: 5 types × 60 bins × 8 bytes).
     */
    public static final RedisLayout REDIS_8_0 = REDIS_7_4.toBuilder().family("8.0").version(ServerVersion.redis(8, 0))
            .kvstoreDictBytes(56 + 8 + 2400, 64).build();

    /**
     * 8.2–8.6 (measured on 8.6.3): the key lives in the value's object ({@code kvobj}, object.c kvobjCreate; the
     * keyspace dict is no_value), short strings are embedded after the key when the object fits 64 bytes
     * (kvobjSet), and MEMORY USAGE counts allocations (object.c kvobjAllocSize: the kvobj's allocation, listpacks
     * and intsets by their bytes); {@code quicklist} gains alloc_size (48), {@code listpackEx} loses its key pointer (24). Entries 8.2 and 8.4 have no build of their own here: they take these facts.
     */
    public static final RedisLayout REDIS_8_2 = REDIS_8_0.toBuilder().family("8.2-8.4").version(ServerVersion.redis(8, 2))
            .keyInObject(true).embedLimit(64).usageRoundsBlobs(false).quicklistStruct(48).listpackExStruct(24)
            .keyspace(RedisLayout.Keyspace.DICT_NO_VALUE).hashEntries(true).sdsAllocSizeExact5(true).usageCountsKeyObject(true)
            .hashLoadExpandsToFullLength(true).zslNodeEmbedsElement(true).zskiplistStruct(40).usageRoundsZskiplist(true).build();

    /**
     * 8.6: streams track their allocations (t_stream.c {@code alloc_size}; {@code stream} 160, {@code rax} 32,
     * streamCG 56, streamNACK 64) and index pending IDs by group (cgroups_ref); a sorted set's dict is no_value
     * (t_zset.c zsetDictType: the node in the bucket, a 16-byte entry only on collision); a keys dict's metadata
     * (server.h kvstoreDictMetadata) adds per-slot allocation, CPU and network counters to the histogram (2440 bytes).
     */
    public static final RedisLayout REDIS_8_6 = REDIS_8_2.toBuilder().family("8.6").version(ServerVersion.redis(8, 6))
            .streamTracksAllocation(true).streamStruct(160).raxStruct(32).streamCG(56).streamNack(64).streamCgroupsRef(true)
            .zsetDictNoValue(true).kvstoreDictBytes(56 + 2440, 64).build();

    /** Valkey 7.2: forked from Redis 7.2.4 with the same layout. */
    public static final RedisLayout VALKEY_7_2 = REDIS_7_2.toBuilder().family("Valkey 7.2").version(ServerVersion.valkey(7, 2)).build();

    /**
     * Valkey 8.0: the key moves into the value's robj (object.c createObjectWithKeyAndExpire: robj, an expire slot
     * when there is a TTL, room for one or a key of 128+ bytes, a byte for the key's sds header size, the key);
     * strings up to 64 bytes with key and expire are embedded; MEMORY USAGE counts {@code sizeof(robj)}, not the key.
     * No build of it was measured here: it takes the 8.1 keyspace's neighbour, the dict (no_value), and says so.
     */
    public static final RedisLayout VALKEY_8_0 = VALKEY_7_2.toBuilder().family("Valkey 8.0").version(ServerVersion.valkey(8, 0))
            .keyInObject(true).embedLimit(64).embedCountsExpire(true).keyspace(RedisLayout.Keyspace.DICT_NO_VALUE)
            .clusterEntryMetadata(0).kvstorePerSlot(true).slotInfoCreatesEmptyExpires(false).kvstoreDictBytes(64, 64).build();

    /**
     * Valkey 8.1: the keyspace is Valkey's hashtable (hashtable.c: 64-byte buckets of 7 entries, sized to at most
     * 91% fill, full buckets chain a child bucket), no per-key entry at all; sets, hashes and sorted sets use it
     * too, a hash's field and value in one entry (t_hash.c hashTypeCreateEntry: the value embedded up to 128 bytes).
     */
    public static final RedisLayout VALKEY_8_1 = VALKEY_8_0.toBuilder().family("Valkey 8.1").version(ServerVersion.valkey(8, 1))
            .keyspace(RedisLayout.Keyspace.HASHTABLE).hashEntries(true).valkeyHashtableStruct(72).raxStruct(32)
            .usageRaxAllocSize(true).kvstoreDictBytes(72 + 16, 72 + 16).build();

    /**
     * Valkey 9.0: embedded strings reuse the robj's value pointer (8 bytes saved), up to 128 bytes with key and
     * expire (object.c shouldEmbedStringObject; loaded strings are embstr up to 116 bytes); MEMORY USAGE counts the
     * object's allocation, key included. A sorted set's skiplist node holds its member (t_zset.c zslCreateNode:
     * levels, a byte giving the sds header size, the sds) and the header node is the zskiplist itself.
     */
    public static final RedisLayout VALKEY_9_0 = VALKEY_8_1.toBuilder().family("Valkey 9.0").version(ServerVersion.valkey(9, 0))
            .embedRobj(8).embedLimit(128).embstrLimit(116).usageCountsKeyObject(true).entryExpiryBytes(8).valkeyHashtableStruct(80)
            .valkeyHashMetadata(8).zslNodeEmbedsElement(true).zslHeaderInList(true).zslNodeElementPrefix(1)
            .hashtableExpandWaitsForRehash(true).kvstoreDictBytes(80 + 16, 80 + 16).build();

    private static final List<RedisLayout> ALL = List.of(REDIS_2_8, REDIS_3_0, REDIS_3_2, REDIS_4_0, REDIS_5_0, REDIS_6_0, REDIS_6_2,
            REDIS_7_0, REDIS_7_2, REDIS_7_4, REDIS_8_0, REDIS_8_2, REDIS_8_6, VALKEY_7_2, VALKEY_8_0,
            VALKEY_8_1, VALKEY_9_0);

    /** Every family, oldest first within each flavour. */
    public static List<RedisLayout> all() { return ALL; }

    /**
     * Whether a version a user names is one these families model: from the oldest family of its flavour to any minor
     * of the newest family's major (Redis 8.8 takes 8.6's layout; Redis 99.1, Redis 2.0 or Valkey 3.0 are not servers
     * fragscope knows, and pricing them as the nearest family would be a guess that reads like a fact).
     */
    public static boolean covers(ServerVersion build) {
        RedisVersion[] r = range(build.flavor());
        return r != null && build.version().compareTo(r[0]) >= 0 && build.version().major() <= r[1].major();
    }

    /** What {@link #covers} accepts, in words: "Redis 2.8 to 8.x, Valkey 7.2 to 9.x". */
    public static String coverage() {
        StringBuilder out = new StringBuilder();
        for (ServerFlavor f : ServerFlavor.values()) {
            RedisVersion[] r = range(f);
            if (r == null) continue;
            if (out.length() > 0) out.append(", ");
            out.append(f == ServerFlavor.VALKEY ? "Valkey " : "Redis ").append(r[0]).append(" to ").append(r[1].major()).append(".x");
        }
        return out.toString();
    }

    /** The oldest and the newest family version of flavour {@code f}, or null when it has none. */
    private static RedisVersion[] range(ServerFlavor f) {
        RedisVersion oldest = null, newest = null;
        for (RedisLayout l : ALL) {
            if (l.version().flavor() != f) continue;
            RedisVersion v = l.version().version();
            if (oldest == null || v.compareTo(oldest) < 0) oldest = v;
            if (newest == null || v.compareTo(newest) > 0) newest = v;
        }
        return oldest == null ? null : new RedisVersion[] {oldest, newest};
    }

    /**
     * The newest family of {@code build}'s flavour at or below it, carrying {@code build} as its version; a build older
     * than every family of its flavour gets the oldest (Valkey below 7.2 does not exist).
     */
    public static RedisLayout of(ServerVersion build) {
        RedisLayout best = null, oldest = null;
        for (RedisLayout l : ALL) {
            if (l.version().flavor() != build.flavor()) continue;
            RedisVersion v = l.version().version();
            if (oldest == null || v.compareTo(oldest.version().version()) < 0) oldest = l;
            if (v.compareTo(build.version()) <= 0 && (best == null || v.compareTo(best.version().version()) > 0)) best = l;
        }
        RedisLayout chosen = best != null ? best : oldest;
        if (chosen == null) throw new IllegalStateException("no layout for " + build);
        return chosen.forBuild(build);
    }
}
