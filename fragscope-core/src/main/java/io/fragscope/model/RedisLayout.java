package io.fragscope.model;

/**
 * What one server family allocates per key and how its {@code MEMORY USAGE} counts it, stated as named facts.
 * One entry per family lives in {@link Layouts}; pricing code asks these facts and never a version number.
 * Sources: src/server.h (robj, zset), src/dict.h (dict, dictEntry), src/sds.h, src/quicklist.h, src/t_*.c and
 * src/object.c ({@code objectComputeSize}) at each family's release tags; docs/redis-memory-model.md §3.4.
 *
 * @param family              name of the family ("7.2", "Valkey 9.0") as reports show it
 * @param version             the build modelled
 * @param robj                {@code sizeof(robj)}: 16
 * @param dictEntry           {@code sizeof(dictEntry)}: 24
 * @param dictStruct          {@code sizeof(dict)}: two dictht tables until 6.2 (96), 56 from 7.0
 * @param sdsTypes            sds headers by length (sdshdr5/8/16/32/64) since 3.2; before, one 8-byte header
 * @param embstrLimit         longest string kept as embstr (44 since 3.2, 39 in 3.0, none in 2.8)
 * @param listpacks           7.0+: listpack replaces ziplist (ziplists in old RDBs are converted on load)
 * @param listpackLists       7.2+: small lists are plain listpacks, small string sets are listpacks
 * @param setEntriesInline    7.2+: hashtable sets keep members in the buckets, entries only on collisions
 * @param quicklist           3.2+: lists are quicklists
 * @param quicklistStruct     {@code sizeof(quicklist)}: 40, 48 from 8.2 (alloc_size)
 * @param quicklistNode       {@code sizeof(quicklistNode)}: 32 until 6.2, 40 from 7.0
 * @param zslMaxLevel         ZSKIPLIST_MAXLEVEL: the header node has this many levels
 * @param memoryUsage         the MEMORY command exists (4.0+)
 * @param usageRoundsBlobs    MEMORY USAGE takes allocator sizes of listpacks, intsets and quicklist nodes (7.0+), blob lengths before
 * @param usageRoundsSds      MEMORY USAGE takes an sds's allocation (6.2+: sds keeps its usable size), its exact length before
 * @param usageEmbstrAllocation MEMORY USAGE of an embstr is its allocation (7.0+); before, {@code sdslen + 2 + sizeof(robj)}
 * @param keySdsAtLeastHdr8   4.0 loads keys as sdshdr8 at least (rdbGenericLoadStringObject, then sdsdup keeps the type)
 * @param elementsAreSds      4.0+: hashtable, skiplist and set elements are bare sds; before, string objects
 * @param streamStruct        {@code sizeof(stream)} (stream.h): 40 before 7.0, 80 from 7.0 (first_id, max_deleted_entry_id, entries_added)
 * @param usageCountsStreamStruct 6.2+: MEMORY USAGE adds {@code sizeof(stream)}
 * @param streamConsumer      {@code sizeof(streamConsumer)} (stream.h): 24, 32 from 7.2 (active_time)
 * @param streamCG            {@code sizeof(streamCG)} (stream.h): 32, 40 from 7.0 (entries_read)
 * @param usageRoundsStreamListpacks 6.2+: MEMORY USAGE takes the allocation of a stream's listpacks, {@code lpBytes} before
 * @param hashFieldMstr       7.4: hashtable hash fields are mstr ({@code hfield}), same sizes as sds for fields without TTL
 * @param hashFieldExpiry     7.4+ Redis: hashes with field TTLs stay listpacks as {@code listpackex} ({@code listpackEx} struct beside the listpack)
 * @param listpackExStruct    {@code sizeof(listpackEx)} (server.h): ExpireMeta 16, key pointer, listpack pointer (32); 24 once the key pointer went (8.2+)
 * @param hfieldExpireMeta    bytes an hfield with a TTL carries before its string (mstr metadata: ExpireMeta 16)
 * @param hashMetadataTtlDict 7.4+ Redis: a hashtable hash with field TTLs has a dict with metadata (the ebuckets root) of this many extra bytes
 * @param keyInObject         8.2+ Redis: the key lives in the value's object (kvobj: metadata, robj, key sds, short strings embedded), stored in the keyspace buckets
 * @param embedLimit          with {@code keyInObject}: an embedded string's object, key included, fits this many bytes (CACHE_LINE_SIZE 64)
 * @param hashLoadExpandsToFullLength 8.2+: a hash converted to a hashtable while loading is expanded to its full length (rdb.c original_len), not to the fields still to come
 * @param zslNodeEmbedsElement 8.2+: a skiplist node holds its member's sds after its levels (one allocation; node head 16 bytes)
 * @param zskiplistStruct     {@code sizeof(zskiplist)}: 32, 40 from 8.2 (alloc_size); in Valkey 9 the zskiplist is its header node (32, plus its levels)
 * @param zslHeaderInList     Valkey 9: the header node lives inside the zskiplist allocation (t_zset.c zslGetAllocSize), not in one of its own
 * @param zslNodeElementPrefix bytes between an embedding node's levels and its member's sds: 0 (Redis 8.2+), 1 in Valkey 9 (the sds header size)
 * @param zsetDictNoValue     8.6: a sorted set's dict is no_value (t_zset.c zsetDictType): a node alone in its bucket needs no entry, colliding ones a 16-byte dictEntryNoValue; MEMORY USAGE still counts {@code sizeof(dictEntry)} per member (dict.c dictMemUsage)
 * @param usageRoundsZskiplist MEMORY USAGE counts the zskiplist's allocation (Redis 8.2+ zsl alloc_size), its {@code sizeof} otherwise
 * @param streamTracksAllocation 8.6: a stream keeps {@code alloc_size}, the usable sizes of everything it allocated (listpacks by their bytes), and MEMORY USAGE prints it
 * @param streamNack          {@code sizeof(streamNACK)}: 24; 64 in 8.6 (cgroup_ref_node, id, time-ordered links)
 * @param raxStruct           {@code sizeof(rax)}: 24; 32 from 8.6 (alloc_size pointer)
 * @param streamCgroupsRef    8.6: a rax from pending IDs to the groups holding them (cgroups_ref)
 * @param kvstoreDictBytes    7.4+: bytes of the dict a database's keys kvstore creates on its first key (kvstore.c createDictIfNeeded: dict struct and its metadata; from 8.0 the metadata holds a keysizes histogram, 2400 bytes); per slot in cluster mode; 0 where the dict exists from startup
 * @param kvstorePerSlot      7.4+ Redis, 8.0+ Valkey: in cluster mode the keyspace is a kvstore of one dict (hashtable) per slot, each
 *                            created with the slot's first key and sized for the slot's keys (kvstore.c); before, one dict per database
 * @param slotInfoCreatesEmptyExpires Redis 7.4+: loading a SLOT_INFO creates the slot's expires dict even when it announces no volatile key (rdb.c kvstoreDictExpand; Valkey expands only non-zero sizes)
 * @param kvstoreExpiresDictBytes 7.4+: the same for the expires kvstore (dict struct and rehashing-list metadata)
 * @param keyspace            how the keyspace holds a key: a dictEntry per key, a no_value dict bucket (Redis 8.2+), or Valkey's hashtable (8.1+)
 * @param hashEntries         Redis 8.2+: a hashtable hash holds one Entry per field, value embedded when it fits (entry.c)
 * @param sdsAllocSizeExact5  Redis 8.2+ sdsAllocSize: an sdshdr5 counts its exact size (Valkey counts its usable size)
 * @param embedCountsExpire   Valkey: the expire slot counts toward the embedded-string limit (object.c shouldEmbedStringObject)
 * @param embedRobj           bytes of robj before an embedded string: 16, 8 in Valkey 9 (the value pointer is reused)
 * @param usageCountsKeyObject MEMORY USAGE counts the key object's allocation, key included (Redis 8.2+, Valkey 9); Valkey 8.1 counts sizeof(robj)
 * @param entryExpiryBytes    bytes a hash Entry with a TTL carries: ExpireMeta 16 (Redis 8.2+), an mstime_t 8 (Valkey 9)
 * @param valkeyHashtableStruct {@code sizeof(hashtable)} (Valkey hashtable.c): 72 in 8.1, 80 from 9.0 (safe_iterators)
 * @param hashtableExpandWaitsForRehash Valkey 9.0+: hashtable.c expand is refused while a rehash runs (8.1 finishes the rehash and resizes again)
 * @param valkeyHashMetadata  Valkey 9: bytes of metadata every hash's hashtable carries (its volatile-field set, a vset pointer)
 * @param usageRaxAllocSize   Valkey 8.1+: MEMORY USAGE of a stream counts each radix tree's allocations (rax.c raxAllocSize), not 244 bytes a node
 * @param skipsEmptyKeys      6.2+: an empty list, set, sorted set or hash in the file is dropped on load (rdb.c emptykey)
 * @param clusterEntryMetadata 7.0/7.2 in cluster mode: bytes of slot-to-keys metadata each keyspace dictEntry carries (dictEntryMetadataSize)
 */
public record RedisLayout(String family, ServerVersion version, int robj, int dictEntry, int dictStruct, boolean sdsTypes,
                          int embstrLimit, boolean listpacks, boolean listpackLists, boolean setEntriesInline, boolean quicklist,
                          int quicklistStruct, int quicklistNode, int zslMaxLevel, boolean memoryUsage, boolean usageRoundsBlobs,
                          boolean usageRoundsSds, boolean usageEmbstrAllocation, boolean keySdsAtLeastHdr8, boolean elementsAreSds,
                          int streamStruct, boolean usageCountsStreamStruct, int streamConsumer, int streamCG, boolean usageRoundsStreamListpacks,
                          boolean hashFieldMstr,
                          boolean hashFieldExpiry, int listpackExStruct, int hfieldExpireMeta, int hashMetadataTtlDict,
                          boolean keyInObject, int embedLimit, boolean hashLoadExpandsToFullLength, boolean zslNodeEmbedsElement, int zskiplistStruct,
                          boolean zslHeaderInList, int zslNodeElementPrefix, boolean usageRoundsZskiplist, boolean zsetDictNoValue,
                          boolean streamTracksAllocation, int streamNack, int raxStruct, boolean streamCgroupsRef,
                          int kvstoreDictBytes, int kvstoreExpiresDictBytes, boolean kvstorePerSlot, boolean slotInfoCreatesEmptyExpires, Keyspace keyspace, boolean hashEntries, boolean sdsAllocSizeExact5, boolean embedCountsExpire, int embedRobj,
                          boolean usageCountsKeyObject, int entryExpiryBytes, int valkeyHashtableStruct, boolean hashtableExpandWaitsForRehash, int valkeyHashMetadata,
                          boolean usageRaxAllocSize, boolean skipsEmptyKeys, int clusterEntryMetadata) {

    /** How the keyspace holds each key (db.c, kvstore.c). */
    public enum Keyspace {
        /** a dictEntry (24 bytes) per key, its key sds beside the value's robj; expires a second dictEntry */
        DICT_ENTRY,
        /** Redis 8.2+: the kvobj pointer in the dict bucket itself, a 16-byte dictEntryNoValue only on collision */
        DICT_NO_VALUE,
        /** Valkey 8.1+: open-addressing hashtable of 64-byte buckets, 7 entries each, chained child buckets */
        HASHTABLE
    }

    /** OBJ_SHARED_INTEGERS (server.h): integer values 0..9999 share preallocated objects. */
    public static final int SHARED_INTEGERS = 10_000;

    /** The family that models {@code v} (see {@link Layouts#of}). */
    public static RedisLayout of(ServerVersion v) { return Layouts.of(v); }

    /** Redis {@code v}: kept for callers that only know a Redis version. */
    public static RedisLayout of(RedisVersion v) { return Layouts.of(new ServerVersion(ServerFlavor.REDIS, v)); }

    /** Bytes of an sds header for a string of {@code len} bytes (sds.c sdsReqType). */
    public int sdsHeader(long len) {
        if (!sdsTypes) return 8;
        if (len == 0) return 3; // an empty string is never sdshdr5
        if (len < 32) return 1;
        if (len < 256) return 3;
        if (len < 65536) return 5;
        if (len < (1L << 32)) return 9;
        return 17;
    }

    /** Request size of an exact-length sds: header, bytes, terminating NUL. */
    public long sdsRequest(long len) { return sdsHeader(len) + len + 1; }

    /**
     * Request size of a key object where the key lives in the value's object (Redis 8.2+ kvobj, Valkey 8.0+):
     * an 8-byte slot per metadata class (the expire slot when the key has a TTL or is 128 bytes or longer), the
     * robj, a byte giving the key's sds header size, and the key's sds (object.c kvobjCreate /
     * createObjectWithKeyAndExpire). An embedded string adds {@link #embeddedStringBytes}.
     */
    public long keyObjectRequest(long keyLen, boolean ttl, int moduleMetaClasses) {
        return (ttl || keyLen >= 128 ? 8 : 0) + 8L * moduleMetaClasses + robj + 1 + sdsRequest(keyLen);
    }

    /**
     * Bytes a string of {@code len} bytes adds to its key object when embedded: an sdshdr8 copy of it, less the
     * value pointer Valkey 9 reuses (at least 8 bytes there, so the value can be unembedded later).
     */
    public long embeddedStringBytes(long len) {
        return Math.max(embedRobj < robj ? 8 : 0, 3 + len + 1) - (robj - embedRobj);
    }

    /** Request size of an embstr object: robj and sdshdr8 (or the old 8-byte header) in one allocation. */
    public long embstrRequest(long len) { return robj + (sdsTypes ? 3 : 8) + len + 1; }

    /** A copy with another build inside the same family (the facts stay the family's). */
    public RedisLayout forBuild(ServerVersion build) { return toBuilder().version(build).build(); }

    public Builder toBuilder() { return new Builder(this); }

    /** Starts from Redis 2.8's facts; each family in {@link Layouts} states what changed. */
    public static Builder builder(String family, ServerVersion version) { return new Builder(family, version); }

    /** Fluent builder: every fact by name, so a family reads as the list of what it changed. */
    public static final class Builder {
        private String family;
        private ServerVersion version;
        private int robj = 16, dictEntry = 24, dictStruct = 96, embstrLimit = 0, quicklistStruct = 40, quicklistNode = 32;
        private int zslMaxLevel = 32, streamStruct = 40, streamConsumer = 24, streamCG = 32, listpackExStruct = 0, hfieldExpireMeta = 0, hashMetadataTtlDict = 0,
                clusterEntryMetadata = 0, embedLimit = 0;
        private boolean keyInObject, hashLoadExpandsToFullLength, zslNodeEmbedsElement;
        private int zskiplistStruct = 32, streamNack = 24, raxStruct = 24, zslNodeElementPrefix = 0;
        private boolean zslHeaderInList, usageRoundsZskiplist, hashtableExpandWaitsForRehash, zsetDictNoValue;
        private boolean streamTracksAllocation, streamCgroupsRef, hashEntries, sdsAllocSizeExact5, embedCountsExpire, usageCountsKeyObject;
        private Keyspace keyspace = Keyspace.DICT_ENTRY;
        private int kvstoreDictBytes, kvstoreExpiresDictBytes;
        private boolean kvstorePerSlot, slotInfoCreatesEmptyExpires;
        private boolean usageRaxAllocSize, skipsEmptyKeys;
        private int embedRobj = 16, entryExpiryBytes = 16, valkeyHashtableStruct = 80, valkeyHashMetadata = 0;
        private boolean sdsTypes, listpacks, listpackLists, setEntriesInline, quicklist, memoryUsage, usageRoundsBlobs, usageRoundsSds,
                usageEmbstrAllocation, keySdsAtLeastHdr8, elementsAreSds, usageCountsStreamStruct, hashFieldMstr, hashFieldExpiry,
                usageRoundsStreamListpacks;

        private Builder(String family, ServerVersion version) { this.family = family; this.version = version; }

        private Builder(RedisLayout l) {
            family = l.family; version = l.version; robj = l.robj; dictEntry = l.dictEntry; dictStruct = l.dictStruct; sdsTypes = l.sdsTypes;
            embstrLimit = l.embstrLimit; listpacks = l.listpacks; listpackLists = l.listpackLists; setEntriesInline = l.setEntriesInline;
            quicklist = l.quicklist; quicklistStruct = l.quicklistStruct; quicklistNode = l.quicklistNode; zslMaxLevel = l.zslMaxLevel;
            memoryUsage = l.memoryUsage; usageRoundsBlobs = l.usageRoundsBlobs; usageRoundsSds = l.usageRoundsSds;
            usageEmbstrAllocation = l.usageEmbstrAllocation; keySdsAtLeastHdr8 = l.keySdsAtLeastHdr8; elementsAreSds = l.elementsAreSds;
            streamStruct = l.streamStruct; usageCountsStreamStruct = l.usageCountsStreamStruct; streamConsumer = l.streamConsumer; streamCG = l.streamCG; usageRoundsStreamListpacks = l.usageRoundsStreamListpacks;
            hashFieldMstr = l.hashFieldMstr; hashFieldExpiry = l.hashFieldExpiry; listpackExStruct = l.listpackExStruct;
            hfieldExpireMeta = l.hfieldExpireMeta; hashMetadataTtlDict = l.hashMetadataTtlDict;
            clusterEntryMetadata = l.clusterEntryMetadata; keyInObject = l.keyInObject; embedLimit = l.embedLimit; hashLoadExpandsToFullLength = l.hashLoadExpandsToFullLength;
            zslNodeEmbedsElement = l.zslNodeEmbedsElement; zskiplistStruct = l.zskiplistStruct;
            zslHeaderInList = l.zslHeaderInList; zslNodeElementPrefix = l.zslNodeElementPrefix; usageRoundsZskiplist = l.usageRoundsZskiplist; zsetDictNoValue = l.zsetDictNoValue;
            streamTracksAllocation = l.streamTracksAllocation; streamNack = l.streamNack; raxStruct = l.raxStruct; streamCgroupsRef = l.streamCgroupsRef;
            kvstoreDictBytes = l.kvstoreDictBytes; kvstoreExpiresDictBytes = l.kvstoreExpiresDictBytes; kvstorePerSlot = l.kvstorePerSlot; slotInfoCreatesEmptyExpires = l.slotInfoCreatesEmptyExpires; keyspace = l.keyspace; hashEntries = l.hashEntries; sdsAllocSizeExact5 = l.sdsAllocSizeExact5; embedCountsExpire = l.embedCountsExpire;
            embedRobj = l.embedRobj; usageCountsKeyObject = l.usageCountsKeyObject; entryExpiryBytes = l.entryExpiryBytes;
            valkeyHashtableStruct = l.valkeyHashtableStruct; hashtableExpandWaitsForRehash = l.hashtableExpandWaitsForRehash; valkeyHashMetadata = l.valkeyHashMetadata; usageRaxAllocSize = l.usageRaxAllocSize; skipsEmptyKeys = l.skipsEmptyKeys;
        }

        public Builder family(String v) { family = v; return this; }
        public Builder version(ServerVersion v) { version = v; return this; }
        public Builder dictStruct(int v) { dictStruct = v; return this; }
        public Builder quicklistStruct(int v) { quicklistStruct = v; return this; }
        public Builder sdsTypes(boolean v) { sdsTypes = v; return this; }
        public Builder embstrLimit(int v) { embstrLimit = v; return this; }
        public Builder listpacks(boolean v) { listpacks = v; return this; }
        public Builder listpackLists(boolean v) { listpackLists = v; return this; }
        public Builder setEntriesInline(boolean v) { setEntriesInline = v; return this; }
        public Builder quicklist(boolean v) { quicklist = v; return this; }
        public Builder quicklistNode(int v) { quicklistNode = v; return this; }
        public Builder zslMaxLevel(int v) { zslMaxLevel = v; return this; }
        public Builder memoryUsage(boolean v) { memoryUsage = v; return this; }
        public Builder usageRoundsBlobs(boolean v) { usageRoundsBlobs = v; return this; }
        public Builder usageRoundsSds(boolean v) { usageRoundsSds = v; return this; }
        public Builder usageEmbstrAllocation(boolean v) { usageEmbstrAllocation = v; return this; }
        public Builder keySdsAtLeastHdr8(boolean v) { keySdsAtLeastHdr8 = v; return this; }
        public Builder elementsAreSds(boolean v) { elementsAreSds = v; return this; }
        public Builder streamStruct(int v) { streamStruct = v; return this; }
        public Builder usageCountsStreamStruct(boolean v) { usageCountsStreamStruct = v; return this; }
        public Builder streamConsumer(int v) { streamConsumer = v; return this; }
        public Builder streamCG(int v) { streamCG = v; return this; }
        public Builder usageRoundsStreamListpacks(boolean v) { usageRoundsStreamListpacks = v; return this; }
        public Builder hashFieldMstr(boolean v) { hashFieldMstr = v; return this; }
        public Builder hashFieldExpiry(boolean v) { hashFieldExpiry = v; return this; }
        public Builder listpackExStruct(int v) { listpackExStruct = v; return this; }
        public Builder hfieldExpireMeta(int v) { hfieldExpireMeta = v; return this; }
        public Builder hashMetadataTtlDict(int v) { hashMetadataTtlDict = v; return this; }
        public Builder clusterEntryMetadata(int v) { clusterEntryMetadata = v; return this; }
        public Builder keyInObject(boolean v) { keyInObject = v; return this; }
        public Builder embedLimit(int v) { embedLimit = v; return this; }
        public Builder hashLoadExpandsToFullLength(boolean v) { hashLoadExpandsToFullLength = v; return this; }
        public Builder zslNodeEmbedsElement(boolean v) { zslNodeEmbedsElement = v; return this; }
        public Builder zskiplistStruct(int v) { zskiplistStruct = v; return this; }
        public Builder zslHeaderInList(boolean v) { zslHeaderInList = v; return this; }
        public Builder zslNodeElementPrefix(int v) { zslNodeElementPrefix = v; return this; }
        public Builder usageRoundsZskiplist(boolean v) { usageRoundsZskiplist = v; return this; }
        public Builder zsetDictNoValue(boolean v) { zsetDictNoValue = v; return this; }
        public Builder streamTracksAllocation(boolean v) { streamTracksAllocation = v; return this; }
        public Builder streamNack(int v) { streamNack = v; return this; }
        public Builder raxStruct(int v) { raxStruct = v; return this; }
        public Builder streamCgroupsRef(boolean v) { streamCgroupsRef = v; return this; }
        public Builder keyspace(Keyspace v) { keyspace = v; return this; }
        public Builder kvstorePerSlot(boolean v) { kvstorePerSlot = v; return this; }
        public Builder slotInfoCreatesEmptyExpires(boolean v) { slotInfoCreatesEmptyExpires = v; return this; }
        public Builder kvstoreDictBytes(int keys, int expires) { kvstoreDictBytes = keys; kvstoreExpiresDictBytes = expires; return this; }
        public Builder hashEntries(boolean v) { hashEntries = v; return this; }
        public Builder sdsAllocSizeExact5(boolean v) { sdsAllocSizeExact5 = v; return this; }
        public Builder embedCountsExpire(boolean v) { embedCountsExpire = v; return this; }
        public Builder embedRobj(int v) { embedRobj = v; return this; }
        public Builder usageCountsKeyObject(boolean v) { usageCountsKeyObject = v; return this; }
        public Builder entryExpiryBytes(int v) { entryExpiryBytes = v; return this; }
        public Builder valkeyHashtableStruct(int v) { valkeyHashtableStruct = v; return this; }
        public Builder hashtableExpandWaitsForRehash(boolean v) { hashtableExpandWaitsForRehash = v; return this; }
        public Builder valkeyHashMetadata(int v) { valkeyHashMetadata = v; return this; }
        public Builder usageRaxAllocSize(boolean v) { usageRaxAllocSize = v; return this; }
        public Builder skipsEmptyKeys(boolean v) { skipsEmptyKeys = v; return this; }

        public RedisLayout build() {
            return new RedisLayout(family, version, robj, dictEntry, dictStruct, sdsTypes, embstrLimit, listpacks, listpackLists,
                    setEntriesInline, quicklist, quicklistStruct, quicklistNode, zslMaxLevel, memoryUsage, usageRoundsBlobs, usageRoundsSds,
                    usageEmbstrAllocation, keySdsAtLeastHdr8, elementsAreSds, streamStruct, usageCountsStreamStruct, streamConsumer, streamCG, usageRoundsStreamListpacks,
                    hashFieldMstr, hashFieldExpiry, listpackExStruct, hfieldExpireMeta, hashMetadataTtlDict, keyInObject, embedLimit, hashLoadExpandsToFullLength, zslNodeEmbedsElement, zskiplistStruct,
                    zslHeaderInList, zslNodeElementPrefix, usageRoundsZskiplist, zsetDictNoValue, streamTracksAllocation, streamNack, raxStruct, streamCgroupsRef, kvstoreDictBytes, kvstoreExpiresDictBytes, kvstorePerSlot, slotInfoCreatesEmptyExpires, keyspace, hashEntries, sdsAllocSizeExact5,
                    embedCountsExpire, embedRobj, usageCountsKeyObject, entryExpiryBytes, valkeyHashtableStruct, hashtableExpandWaitsForRehash, valkeyHashMetadata, usageRaxAllocSize, skipsEmptyKeys, clusterEntryMetadata);
        }
    }
}
