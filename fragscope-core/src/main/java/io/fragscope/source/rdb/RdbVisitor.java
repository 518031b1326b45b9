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
 *   <li>linked list / hashtable set / hashtable hash / skiplist zset (RDB types 1-5, 22, 24):
 *       {@link #element} per element (hash: field then value; zset: member, with {@link #score}
 *       after it); hashes with field TTLs (Redis 22 and 24, Valkey's 22) add {@link #fieldExpire} per field;</li>
 *   <li>a single-blob encoding (ziplist, listpack, intset, zipmap; types 9-13, 16, 17, 20, 23, 25):
 *       one {@link #blob}, followed by {@link #element} per entry it holds, flagged {@code inBlob}
 *       (listpackex, 23 and 25: field, value, then {@link #fieldExpire} per field), or by one {@link #entriesCounted}
 *       when no visitor wants them ({@link #wantsEntries});</li>
 *   <li>quicklists (14, 18): one {@link #quicklistNode} per node, each followed by its entries
 *       as {@link #element} with {@code inBlob} (or, for the one node of a quicklist 2, {@link #entriesCounted});</li>
 *   <li>streams (15, 19, 21, 26): per listpack node {@link #streamNodeId} then {@link #streamNode}; then
 *       {@link #streamMeta}; per consumer group {@link #streamGroupBegin}, {@link #streamPendingEntry} per entry
 *       of its global PEL, {@link #streamGroup}, then per consumer {@link #streamConsumerBegin},
 *       {@link #streamConsumerPendingId} per entry of its PEL, {@link #streamConsumer}; type 26 (Redis 8.6) then
 *       has its IDMP section: {@link #streamIdmp}, per producer {@link #streamIdmpProducer} followed by
 *       {@link #streamIdmpEntry} per entry, then {@link #streamIdmpEnd};</li>
 *   <li>module values (6, 7): one {@link #moduleValue}; for Redis 8's vector sets (module {@code vectorset})
 *       it is preceded by {@link #vectorSet} and, per element, {@link #vectorSetNode} followed by
 *       {@link #vectorSetLayer} per HNSW layer of the node.</li>
 * </ul>
 * Before a key's {@link #beginKey}: {@link #keyMetadata} per metadata class (Redis 8.6 KEY_META opcode), and
 * {@link #longKeyName} when the name is longer than {@link io.fragscope.source.KeyName#MAX_HELD} bytes (the reader
 * never holds such a name whole; {@code beginKey} then gets its first bytes only).
 * Between keys: {@link #skippedOpcode} for opcodes other servers write that carry nothing this model needs,
 * {@link #warning} for what makes the reading less than complete without stopping it, and after the EOF
 * marker and checksum {@link #aofTail} when the file is an AOF with an RDB preamble, or {@link #trailingBytes}.
 *
 * <p>Arrays passed to these methods ({@code key}, names, ids) are the reader's own buffers, reused after the
 * call returns: copy what you keep. Offsets are byte offsets from the start of the file. Stream IDs are given
 * as {@code (ms, seq)}; the radix trees key them as 16 bytes, {@code ms} then {@code seq}, each big-endian
 * (t_stream.c streamEncodeID), so the rax key of an ID is {@code ms >>> 56 … ms, seq >>> 56 … seq}.
 */
public interface RdbVisitor {

    /**
     * The magic: its version number (10 for {@code REDIS0010}, 80 for {@code VALKEY080}) and whether it is Valkey's
     * rather than Redis's (the magic decides, not the number: a {@code REDIS0099} of a test suite is still Redis's).
     */
    default void header(int rdbVersion, boolean valkeyMagic) {}

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
     * The key about to begin has a name longer than {@link io.fragscope.source.KeyName#MAX_HELD} bytes: read in
     * pieces, never held (a 100 MB name must cost no more memory than a short one). {@code name} is its first bytes
     * with its full length and a hash of all of them ({@link io.fragscope.source.KeyName#cut}). The following
     * {@link #beginKey} gets the held bytes only, and the slot over every byte: price the key with {@code name.length()}.
     */
    default void longKeyName(io.fragscope.source.KeyName name) {}

    /**
     * @param db          current database
     * @param key         key bytes (the first {@link io.fragscope.source.KeyName#MAX_HELD} after a {@link #longKeyName}); the array is reused by the reader after the key ends — copy what you keep
     * @param keyLength   number of valid bytes in {@code key}
     * @param slot        the key's cluster slot, 0 to 16383, over its whole name (cluster.c keyHashSlot: the CRC16 of
     *                    the hash tag or of the name); given for every key, in cluster mode or not
     * @param rdbType     RDB object type code (0 string, 1 list, ... 25 hash listpack-ex)
     * @param declaredLength element count the file declares for the value (hash: fields; zset: members;
     *                    quicklist: nodes; blob encodings and strings: -1)
     * @param expireAtMs  absolute expire time in ms, or -1
     * @param offset      offset of the key's type byte
     */
    void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset);

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
     * Asked, right after {@link #blob} or {@link #quicklistNode}, whether this visitor needs the blob's entries one by
     * one as {@link #element} events, or their count is enough. Asked only of a blob whose header counts its entries
     * and that is the key's whole value: a listpack hash, set or sorted set (RDB types 16, 17, 20), an intset (11), or
     * the one packed node of a quicklist (18). When every visitor says no, the reader still decompresses and checks the
     * blob whole, as {@code sanitize-dump-payload} does, but sends {@link #entriesCounted} instead of its elements: on a
     * file of small hashes and sets that is most of the events of a read.
     *
     * <p>With {@link RdbEventPipe} this runs on the reader's thread, ahead of the events replayed so far: an
     * implementation reads only immutable state, or volatile state that a stale read can only make say "yes" where a
     * fresh one would say no (the top-N floor only rises), so the results are those of a read that walked every blob.
     *
     * @param rdbType  the key's RDB type (rdb.h RDB_TYPE_*)
     * @param keyBytes the length of the key's name in bytes (the whole name, also for one too long to hold)
     * @param rawBytes the blob's size in bytes, decompressed
     * @param entries  the entries its header counts (a hash's fields and values, a sorted set's members and scores)
     */
    default boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return true; }

    /**
     * The blob {@link #blob} or {@link #quicklistNode} just announced holds {@code entries} entries, checked whole, which
     * are not sent one by one because no visitor wanted them ({@link #wantsEntries}); it stands for those {@link #element}
     * events.
     */
    default void entriesCounted(long entries) {}

    /**
     * One element. {@code integer} when Redis would hold it as an integer; then {@code value} is it.
     * {@code inBlob} when it came from inside a ziplist/listpack/intset/zipmap (already counted by {@link #blob}).
     */
    default void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {}

    /** Score of the preceding zset member (skiplist types 3 and 5). */
    default void score(double score) {}

    /**
     * Field expiry of the preceding hash field, absolute ms; -1 when the field has none (listpackex stores 0 for
     * that, t_hash.c HASH_LP_NO_TTL; Valkey -1). Redis types 22-25, Valkey's 22.
     */
    default void fieldExpire(long expireAtMs) {}

    /** One stream listpack node: its 16-byte master id key and listpack size. */
    default void streamNode(long nodeKeyBytes, long listpackBytes) {}

    default void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) {}

    default void streamGroup(long nameBytes, long pendingEntries, long consumers) {}

    default void streamConsumer(long nameBytes, long pendingEntries) {}

    /** A module value, skipped by its opcodes (or decoded first, for vector sets). */
    default void moduleValue(long moduleId, String moduleName, long bytes) {}

    // ------------------------------------------------------------------ events added for RDB 13 / Valkey 9 pricing

    /**
     * The master ID of the next stream listpack node: the key of its radix-tree node ({@code s->rax}), read from
     * the node's 16-byte key (rdb.c rdbLoadObject, "Get the master ID"). Followed by {@link #streamNode}.
     */
    default void streamNodeId(long ms, long seq) {}

    /**
     * A consumer group starts (rdb.c: {@code streamCreateCG}, inserted in {@code s->cgroups}, a rax keyed by the
     * name bytes). {@code name[0..nameLength)} is reused after the call. {@code entriesRead} is the group's
     * {@code entries_read} (RDB types 19+), -1 for types 15. Then its global PEL entries, then {@link #streamGroup}.
     */
    default void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) {}

    /**
     * One entry of the current group's global PEL ({@code cgroup->pel}, a rax keyed by the 16-byte ID; each value a
     * {@code streamNACK}, t_stream.c streamCreateNACK). {@code deliveryTimeMs} and {@code deliveryCount} as stored.
     */
    default void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) {}

    /**
     * A consumer of the current group starts ({@code streamCreateConsumer}: inserted in {@code cgroup->consumers},
     * a rax keyed by the name bytes; the name is also kept as an sds). {@code activeTimeMs} is -1 before type 21.
     * Then its PEL IDs, then {@link #streamConsumer}.
     */
    default void streamConsumerBegin(byte[] name, int nameLength, long seenTimeMs, long activeTimeMs) {}

    /** One ID of the current consumer's PEL ({@code consumer->pel}, a rax keyed by the 16-byte ID sharing the group's NACK). */
    default void streamConsumerPendingId(long ms, long seq) {}

    /**
     * Type 26 (Redis 8.6) IDMP section starts: {@code s->idmp_duration} (seconds), {@code s->idmp_max_entries}, and
     * the number of producers (rdb.c rdbLoadStreamIdmpEntries). When {@code producers} &gt; 0 Redis creates
     * {@code s->idmp_producers} with {@code raxNew()}.
     */
    default void streamIdmp(long durationSeconds, long maxEntries, long producers) {}

    /**
     * One IDMP producer: its pid (the key in {@code s->idmp_producers}, a rax), and how many entries follow.
     * Redis allocates an {@code idmpProducer} (zmalloc of 24 bytes: dict pointer, head, tail; t_stream.c
     * idmpProducerCreate) and its {@code dict} of entries ({@code dictCreate(&idmpDictType)}, then one
     * {@code dictAdd} per entry). {@code pid[0..pidLength)} is reused after the call.
     */
    default void streamIdmpProducer(byte[] pid, int pidLength, long entries) {}

    /**
     * One IDMP entry of the current producer: an {@code idmpEntry} of {@code 32 + iidBytes} bytes
     * (next pointer, streamID, iid_len, the iid inline; t_stream.c idmpEntryCreate), added to the producer's dict
     * and linked list. The stream ID it maps to is {@code (ms, seq)}.
     */
    default void streamIdmpEntry(long iidBytes, long ms, long seq) {}

    /** End of the IDMP section: the all-time counts {@code s->iids_added} and {@code s->iids_duplicates}. */
    default void streamIdmpEnd(long iidsAdded, long iidsDuplicates) {}

    /**
     * A Redis 8 vector set (module type {@code vectorset}, encoding version 0), as VectorSetRdbSave writes it
     * (modules/vector-sets/vset.c, same in 8.0.6 and 8.6.3).
     *
     * @param dimensions      {@code hnsw->vector_dim}: dimensions stored per vector (after REDUCE, if any)
     * @param elements        {@code hnsw->node_count}
     * @param quantization    {@code hnsw->quant_type}: 0 none (float32), 1 Q8 (int8), 2 binary (hnsw.h HNSW_QUANT_*)
     * @param m               HNSW {@code M} (0 in files before it was configurable: Redis then uses 16)
     * @param projectionInputDimensions with REDUCE: the input dimension of the random projection, whose matrix
     *                        of {@code 4 * projectionInputDimensions * dimensions} bytes Redis allocates; else 0
     * @param hasAttributes   the set holds attributes (SAVE_FLAG_HAS_ATTRIBS), so each node carries an attribute string
     */
    default void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) {}

    /**
     * One element (HNSW node) of the current vector set, in the order of {@code hnsw->head}'s list.
     *
     * @param nameBytes      length of the element string ({@code nv->item}, a module string)
     * @param nameInteger    the element is an integer string (an RDB integer encoding, or decimal text string2ll
     *                       accepts); Redis keeps it as a raw sds all the same (module.c moduleLoadString, RDB_LOAD_NONE)
     * @param attributeBytes length of its JSON attribute string, 0 when it has none (Redis keeps no string then)
     * @param vectorBytes    the stored (quantized) vector: {@code hnsw_quants_bytes} = dims*4, dims, or (dims+63)/64*8
     * @param nodeId         the node's serialized id
     * @param level          the node's top level: it has {@code level + 1} layers, each reported by {@link #vectorSetLayer}
     */
    default void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) {}

    /** One layer of the current node: {@code num_links} neighbours stored, {@code max_links} slots allocated (hnsw.c hnswNodeLayer). */
    default void vectorSetLayer(int layer, long links, long maxLinks) {}

    /**
     * A key metadata class attached to the next key (Redis 8.6 RDB_OPCODE_KEY_META, keymeta.c rdbLoadKeyMetadata):
     * its 4-character class name, version and flags from the 32-bit class spec, and the bytes of its serialized
     * value (module opcodes up to and including the EOF marker). Comes before that key's {@link #beginKey}.
     */
    default void keyMetadata(String className, int version, int flags, long valueBytes) {}

    /**
     * An opcode that this model does not need, skipped by its length: Redis Enterprise's RAM_LRU (107) and
     * SLOT_NUM (121), Valkey's SLOT_IMPORT (243). {@code bytes} counts the opcode byte and its payload.
     */
    default void skippedOpcode(int opcode, String name, long offset, long bytes) {}

    /**
     * Something that makes the reading less than complete without stopping it, in one line ready for a person,
     * e.g. a format version newer than this reader knows. A consumer that reports completeness must report
     * the input as partial after a warning.
     */
    default void warning(long offset, String message) {}

    /**
     * After the RDB's EOF marker and checksum the file goes on with AOF commands (an appendonly.aof written with
     * aof-use-rdb-preamble, or an RDB base followed by its incremental AOF): {@code bytes} from {@code offset}
     * to the end of the file, {@code commands} complete RESP arrays ({@code *N}) among them, and whether the
     * tail ends exactly after its last command ({@code clean}; false when it is cut or is not RESP after some point).
     * These commands are not analysed: a consumer must not call the input complete.
     */
    default void aofTail(long offset, long bytes, long commands, boolean clean) {}

    /**
     * Bytes after the checksum that are not AOF commands (one corpus file has 40 ASCII bytes there). Redis ignores
     * them too (rdb.c stops at the EOF opcode), so they do not make the reading partial; a consumer should say so.
     */
    default void trailingBytes(long offset, long bytes) {}

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
