package io.fragscope.source.rdb;

/**
 * Type codes and opcodes as {@code src/rdb.h} names them, so checking this reader against
 * {@code rdb.c} is a grep. Comments give the RDB version (and Redis release) that introduced each.
 */
public final class RdbFormat {
    private RdbFormat() {}

    public static final int RDB_TYPE_STRING = 0;
    public static final int RDB_TYPE_LIST = 1;
    public static final int RDB_TYPE_SET = 2;
    public static final int RDB_TYPE_ZSET = 3;
    public static final int RDB_TYPE_HASH = 4;
    /** RDB 8 / 4.0: scores as binary doubles. */
    public static final int RDB_TYPE_ZSET_2 = 5;
    /** 4.0 release candidates: cannot be skipped without the module. */
    public static final int RDB_TYPE_MODULE_PRE_GA = 6;
    public static final int RDB_TYPE_MODULE_2 = 7;
    public static final int RDB_TYPE_HASH_ZIPMAP = 9;
    public static final int RDB_TYPE_LIST_ZIPLIST = 10;
    public static final int RDB_TYPE_SET_INTSET = 11;
    public static final int RDB_TYPE_ZSET_ZIPLIST = 12;
    public static final int RDB_TYPE_HASH_ZIPLIST = 13;
    /** RDB 7 / 3.2. */
    public static final int RDB_TYPE_LIST_QUICKLIST = 14;
    /** RDB 9 / 5.0. */
    public static final int RDB_TYPE_STREAM_LISTPACKS = 15;
    /** RDB 10 / 7.0. */
    public static final int RDB_TYPE_HASH_LISTPACK = 16;
    public static final int RDB_TYPE_ZSET_LISTPACK = 17;
    public static final int RDB_TYPE_LIST_QUICKLIST_2 = 18;
    public static final int RDB_TYPE_STREAM_LISTPACKS_2 = 19;
    /** RDB 11 / 7.2. */
    public static final int RDB_TYPE_SET_LISTPACK = 20;
    public static final int RDB_TYPE_STREAM_LISTPACKS_3 = 21;
    /** 7.4 release candidates, then RDB 12 / 7.4: hash field expiration. */
    public static final int RDB_TYPE_HASH_METADATA_PRE_GA = 22;
    public static final int RDB_TYPE_HASH_LISTPACK_EX_PRE_GA = 23;
    public static final int RDB_TYPE_HASH_METADATA = 24;
    public static final int RDB_TYPE_HASH_LISTPACK_EX = 25;
    /** RDB 13 / Redis 8.6: stream with IDMP (idempotent producers) after the consumer groups. */
    public static final int RDB_TYPE_STREAM_LISTPACKS_4 = 26;
    /** Valkey's meaning of type 22 (magic VALKEY, RDB 80 / Valkey 9.0): hash with per-field expiry. */
    public static final int VALKEY_RDB_TYPE_HASH_2 = 22;

    /** Redis's meaning of opcode 243 (RDB 13 / 8.6): key metadata classes before a key's type (keymeta.c). */
    public static final int RDB_OPCODE_KEY_META = 243;
    /** Valkey's meaning of opcode 243 (RDB 80 / 9.0): slot import job (cluster_migrateslots.c clusterRDBLoadSlotImport). */
    public static final int VALKEY_RDB_OPCODE_SLOT_IMPORT = 243;
    /** Redis Enterprise only (redis/librdb src/lib/defines.h): an LRU hint, one length; and the key's cluster slot, one length. */
    public static final int RDB_ENT_OPCODE_RAM_LRU = 107, RDB_ENT_OPCODE_SLOT_NUM = 121;

    public static final int RDB_OPCODE_SLOT_INFO = 244;
    public static final int RDB_OPCODE_FUNCTION2 = 245;
    public static final int RDB_OPCODE_FUNCTION_PRE_GA = 246;
    public static final int RDB_OPCODE_MODULE_AUX = 247;
    public static final int RDB_OPCODE_IDLE = 248;
    public static final int RDB_OPCODE_FREQ = 249;
    public static final int RDB_OPCODE_AUX = 250;
    public static final int RDB_OPCODE_RESIZEDB = 251;
    public static final int RDB_OPCODE_EXPIRETIME_MS = 252;
    public static final int RDB_OPCODE_EXPIRETIME = 253;
    public static final int RDB_OPCODE_SELECTDB = 254;
    public static final int RDB_OPCODE_EOF = 255;

    /** Length prefixes: top two bits 00 6-bit, 01 14-bit, 10 32/64-bit, 11 special encoding. */
    static final int RDB_6BITLEN = 0, RDB_14BITLEN = 1, RDB_32BITLEN = 0x80, RDB_64BITLEN = 0x81, RDB_ENCVAL = 3;
    static final int RDB_ENC_INT8 = 0, RDB_ENC_INT16 = 1, RDB_ENC_INT32 = 2, RDB_ENC_LZF = 3;

    /** Module value opcodes (rdb.h RDB_MODULE_OPCODE_*). */
    static final int RDB_MODULE_OPCODE_EOF = 0, RDB_MODULE_OPCODE_SINT = 1, RDB_MODULE_OPCODE_UINT = 2,
            RDB_MODULE_OPCODE_FLOAT = 3, RDB_MODULE_OPCODE_DOUBLE = 4, RDB_MODULE_OPCODE_STRING = 5;

    /** Quicklist node containers (quicklist.h). */
    static final int QUICKLIST_NODE_CONTAINER_PLAIN = 1, QUICKLIST_NODE_CONTAINER_PACKED = 2;

    /**
     * Newest RDB version this reader knows with the {@code REDIS} magic: Redis 7.4 writes 12, Redis 8.6 writes 13
     * (Valkey 7.2 to 8.1 write 11). RDB 14 (Redis 8.8) and 15 (8.10) are not known: no source of theirs here.
     */
    public static final int MAX_KNOWN_VERSION = 13;
    /** Newest RDB version this reader knows with the {@code VALKEY} magic: 80 (Valkey 9.0 and 9.1). 81 (9.2) is not known. */
    public static final int MAX_KNOWN_VALKEY_VERSION = 80;

    /** The module type name Redis 8's built-in vector sets register (modules/vector-sets/vset.c, RedisModule_CreateDataType). */
    public static final String VECTORSET_MODULE = "vectorset";

    public static String typeName(int t) {
        return switch (t) {
            case 0 -> "string";
            case 1, 10, 14, 18 -> "list";
            case 2, 11, 20 -> "set";
            case 3, 5, 12, 17 -> "zset";
            case 4, 9, 13, 16, 22, 23, 24, 25 -> "hash";
            case 6, 7 -> "module";
            case 15, 19, 21, 26 -> "stream";
            default -> "type " + t;
        };
    }

    /**
     * What {@code TYPE key} prints: as {@link #typeName(int)}, except that a module value (type 7) is named by
     * its module type, so Redis 8's built-in vector sets are {@code vectorset}. {@code moduleName} may be null.
     */
    public static String typeName(int t, String moduleName) {
        if ((t == RDB_TYPE_MODULE_2 || t == RDB_TYPE_MODULE_PRE_GA) && moduleName != null) return moduleName;
        return typeName(t);
    }
}
