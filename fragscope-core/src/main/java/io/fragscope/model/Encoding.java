package io.fragscope.model;

/**
 * A value's encoding as {@code OBJECT ENCODING} names it (object.c strEncoding), carried as a constant from the
 * reader to the report and turned into text only there ({@link #redisName()}). Besides today's names it has those of
 * older releases that an old RDB or listing still shows ({@code ziplist}, {@code linkedlist}, {@code zipmap}).
 */
public enum Encoding {
    RAW("raw"),
    EMBSTR("embstr"),
    INT("int"),
    LISTPACK("listpack"),
    /** Redis 7.4+: a hash with field TTLs kept as a listpack (OBJ_ENCODING_LISTPACK_EX). */
    LISTPACKEX("listpackex"),
    QUICKLIST("quicklist"),
    /** Up to 6.2: lists' nodes, small hashes and sorted sets; 7.0 converts them to listpacks on load. */
    ZIPLIST("ziplist"),
    INTSET("intset"),
    HASHTABLE("hashtable"),
    SKIPLIST("skiplist"),
    /** Up to 3.0: a list of separate nodes (OBJ_ENCODING_LINKEDLIST). */
    LINKEDLIST("linkedlist"),
    /** Up to 2.4: small hashes (OBJ_ENCODING_ZIPMAP); RDB files keep it as a type that the loader converts. */
    ZIPMAP("zipmap"),
    STREAM("stream"),
    /** A module's value, as fragscope prints it (the RDB holds only the module's serialized form). */
    MODULE("module"),
    /**
     * What strEncoding prints for an encoding it has no name for (Redis 5.0 for streams), and what a listing's label
     * becomes when it is neither a Redis encoding nor a known alias of one (the peers' {@code string}).
     */
    UNKNOWN("unknown"),
    /** Not listed: a listing without an encoding column, or an empty cell. */
    NONE("");

    private static final Encoding[] VALUES = values();

    private final String redisName;

    Encoding(String redisName) { this.redisName = redisName; }

    /** The name {@code OBJECT ENCODING} prints ({@code listpack}, {@code embstr}, …); {@code ""} for {@link #NONE}. */
    public String redisName() { return redisName; }

    /**
     * The encoding a listing's cell names, for a key of type {@code type}: a Redis encoding name (any case), or an alias
     * the peers' memory listings write for one, read from the RDB type each names (redis-rdb-cli and HDT3213/rdb):
     * {@code quicklist2} (RDB_TYPE_LIST_QUICKLIST_2) is {@link #QUICKLIST}; {@code listpacks}, {@code listpacks2},
     * {@code listpacks3} (RDB_TYPE_STREAM_LISTPACKS*) are {@link #STREAM}; {@code zset2} (RDB_TYPE_ZSET_2) is
     * {@link #SKIPLIST}; {@code hashex} (RDB_TYPE_HASH_METADATA, a hash with field TTLs in a dict) is {@link #HASHTABLE};
     * the type's own name for the plain RDB types 2-4 ({@code set} and {@code hash} with a dict, {@code zset} with a
     * skiplist) is {@link #HASHTABLE} or {@link #SKIPLIST}. Null or empty is {@link #NONE}; any other label is
     * {@link #UNKNOWN}.
     */
    public static Encoding ofListed(KeyType type, String label) {
        if (label == null) return NONE;
        String s = label.strip();
        if (s.isEmpty()) return NONE;
        for (Encoding e : VALUES) if (e != NONE && e.redisName.equalsIgnoreCase(s)) return e;
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "quicklist2": return QUICKLIST;
            case "listpacks", "listpacks2", "listpacks3": return STREAM;
            case "zset2": return SKIPLIST;
            case "hashex": return HASHTABLE;
            case "set": return type == KeyType.SET ? HASHTABLE : UNKNOWN;
            case "hash": return type == KeyType.HASH ? HASHTABLE : UNKNOWN;
            case "zset": return type == KeyType.ZSET ? SKIPLIST : UNKNOWN;
            default: return UNKNOWN;
        }
    }
}
