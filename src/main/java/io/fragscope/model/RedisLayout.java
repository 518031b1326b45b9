package io.fragscope.model;

/**
 * Sizes of the structures Redis allocates per key, for one version family, chosen once per input.
 * Sources: src/server.h (robj, zset), src/dict.h (dict, dictEntry), src/sds.h, src/quicklist.h,
 * src/t_zset.c, src/object.c; per-version differences from the shared docs §3.4 and the tags' headers.
 *
 * @param dictStruct       {@code sizeof(dict)}: two dictht tables until 6.2 (96), 56 from 7.0
 * @param sdsTypes         sds headers by length (sdshdr5/8/16/32/64) since 3.2; before, one 8-byte header
 * @param embstrLimit      longest string kept as embstr (44 since 3.2, 39 in 3.0, none in 2.8)
 * @param listpacks        7.0+: listpack replaces ziplist (ziplists in old RDBs are converted on load)
 * @param listpackLists    7.2+: small lists are plain listpacks, small string sets are listpacks
 * @param setEntriesInline 7.2+: hashtable sets keep members in the buckets, entries only on collisions
 * @param quicklist        3.2+: lists are quicklists
 * @param quicklistStruct  {@code sizeof(quicklist)}: 40 (head, tail, count, len, fill and compress bits)
 * @param quicklistNode    {@code sizeof(quicklistNode)}: 32 until 6.2, 40 from 7.0
 * @param zslMaxLevel      ZSKIPLIST_MAXLEVEL: the header node has this many levels
 * @param usageRoundsBlobs MEMORY USAGE takes allocator sizes of listpacks/intsets/quicklist nodes (7.0+), blob lengths before
 * @param memoryUsage      MEMORY USAGE exists (4.0+)
 * @param streamStruct     {@code sizeof(stream)}: 40 before 7.0, 80 from 7.0
 * @param hashFieldMstr    7.4: hashtable hash fields are mstr ({@code hfield}), same sizes as sds for fields without TTL
 */
public record RedisLayout(RedisVersion version, int robj, int dictEntry, int dictStruct, boolean sdsTypes, int embstrLimit,
                          boolean listpacks, boolean listpackLists, boolean setEntriesInline, boolean quicklist,
                          int quicklistStruct, int quicklistNode, int zslMaxLevel, boolean usageRoundsBlobs, boolean memoryUsage,
                          int streamStruct, boolean hashFieldMstr) {

    public static final int SHARED_INTEGERS = 10_000;

    public static RedisLayout of(RedisVersion v) {
        boolean v32 = v.atLeast(3, 2), v40 = v.atLeast(4, 0), v60 = v.atLeast(6, 0), v70 = v.atLeast(7, 0), v72 = v.atLeast(7, 2);
        int embstr = v32 ? 44 : v.atLeast(3, 0) ? 39 : 0;
        int maxLevel = v.atLeast(6, 0) ? 32 : v40 ? 64 : 32;
        return new RedisLayout(v, 16, 24, v70 ? 56 : 96, v32, embstr, v70, v72, v72, v32,
                40, v70 ? 40 : 32, maxLevel, v70, v40, v70 ? 80 : 40, v.atLeast(7, 4));
    }

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

    /** Request size of an embstr object: robj and sdshdr8 (or the old 8-byte header) in one allocation. */
    public long embstrRequest(long len) { return robj + (sdsTypes ? 3 : 8) + len + 1; }

    public String family() {
        if (!version.atLeast(3, 2)) return "2.8-3.0";
        if (!version.atLeast(4, 0)) return "3.2";
        if (!version.atLeast(6, 2)) return "4.0-6.0";
        if (!version.atLeast(7, 0)) return "6.2";
        if (!version.atLeast(7, 2)) return "7.0";
        if (!version.atLeast(7, 4)) return "7.2";
        return "7.4";
    }
}
