package io.fragscope.source.rdb;

/**
 * What the RDB reader tells its consumer, in file order. The reader decodes only what a memory
 * model needs (lengths, integer-ness, blob sizes); it never builds an object per element, and
 * it calls these methods with primitives so a 50-million-member set streams through.
 *
 * <p>Order for one key: {@link #beginKey}, then value events, then {@link #endKey}. Events
 * for values:
 * <ul>
 *   <li>strings: one {@link #stringValue};</li>
 *   <li>linked list / hashtable set / hashtable hash / skiplist zset (RDB types 1-5, 24):
 *       {@link #element} per element (hash: field then value; zset: member, with {@link #score}
 *       after it);</li>
 *   <li>a single-blob encoding (ziplist, listpack, intset, zipmap; types 9-13, 16, 17, 20, 25):
 *       one {@link #blob}, followed by {@link #element} per entry it holds, flagged {@code inBlob};</li>
 *   <li>quicklists (14, 18): one {@link #quicklistNode} per node, each followed by its entries
 *       as {@link #element} with {@code inBlob};</li>
 *   <li>streams (15, 19, 21): {@link #streamNode} per listpack node, then {@link #streamMeta},
 *       then {@link #streamGroup} per consumer group, each followed by its {@link #streamConsumer}s;</li>
 *   <li>module values (6, 7): one {@link #moduleValue}.</li>
 * </ul>
 * Offsets are byte offsets from the start of the file.
 */
public interface RdbVisitor {

    /** The magic's version number, e.g. 10 for {@code REDIS0010}. */
    default void header(int rdbVersion) {}

    /** AUX field (redis-ver, redis-bits, used-mem, ctime, aof-base, ...). Values are text in practice. */
    default void aux(String key, String value) {}

    default void selectDb(int db) {}

    /** RESIZEDB: the sizes the writer announced for the current db's main and expires dicts. */
    default void resizeDb(long dbSize, long expiresSize) {}

    /** MODULE_AUX payload that was skipped. */
    default void moduleAux(long moduleId, String moduleName, long bytes) {}

    /** FUNCTION / FUNCTION2 payload (library code), skipped. */
    default void function(long bytes) {}

    /** SLOT_INFO (7.4 cluster): slot id and its dict sizes. */
    default void slotInfo(long slot, long slotSize, long expiresSlotSize) {}

    /**
     * @param db          current database
     * @param key         key bytes; the array is reused by the reader after the key ends — copy what you keep
     * @param keyLength   number of valid bytes in {@code key}
     * @param rdbType     RDB object type code (0 string, 1 list, ... 25 hash listpack-ex)
     * @param declaredLength element count the file declares for the value (hash: fields; zset: members;
     *                    quicklist: nodes; blob encodings and strings: -1)
     * @param expireAtMs  absolute expire time in ms, or -1
     * @param offset      offset of the key's type byte
     */
    void beginKey(int db, byte[] key, int keyLength, int rdbType, long declaredLength, long expireAtMs, long offset);

    /** A string value. {@code integer} when Redis would hold it as an integer (string2l), then {@code value} is it. */
    default void stringValue(long length, boolean integer, long value) {}

    /**
     * A whole encoded blob as stored (after LZF decompression).
     * @param rawBytes blob size in bytes, which is what Redis allocates when it loads the blob as is
     * @param entries  number of entries the blob's header announces (-1 if it does not say)
     */
    default void blob(BlobKind kind, long rawBytes, long entries) {}

    /** One quicklist node. {@code container} is 1 PLAIN, 2 PACKED (types 18), or 2 for ziplist nodes (14). */
    default void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) {}

    /**
     * One element. {@code integer} when Redis would hold it as an integer; then {@code value} is it.
     * {@code inBlob} when it came from inside a ziplist/listpack/intset/zipmap (already counted by {@link #blob}).
     */
    default void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {}

    /** Score of the preceding zset member (skiplist types 3 and 5). */
    default void score(double score) {}

    /** Field expiry of the preceding hash field (7.4 types 24/25), absolute ms; -1 none. */
    default void fieldExpire(long expireAtMs) {}

    /** One stream listpack node: its 16-byte master id key and listpack size. */
    default void streamNode(long nodeKeyBytes, long listpackBytes) {}

    default void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) {}

    default void streamGroup(long nameBytes, long pendingEntries, long consumers) {}

    default void streamConsumer(long nameBytes, long pendingEntries) {}

    /** A module value, skipped by its opcodes. */
    default void moduleValue(long moduleId, String moduleName, long bytes) {}

    /** The key's value ended at {@code endOffset}. Optional LRU idle seconds / LFU freq precede the key (-1 if absent). */
    void endKey(long endOffset, long lruIdleSeconds, int lfuFreq);

    /**
     * End of file reached. {@code checksum} is the 8-byte trailer (RDB 5+), {@code checksumOk} false
     * only when a non-zero trailer disagrees with the CRC64 of the file.
     */
    default void end(long offset, boolean checksumPresent, boolean checksumOk) {}

    enum BlobKind { ZIPLIST, LISTPACK, INTSET, ZIPMAP, LISTPACK_EX, PLAIN }

    enum ElementRole { LIST_ITEM, SET_MEMBER, ZSET_MEMBER, ZSET_SCORE, HASH_FIELD, HASH_VALUE }
}
