package io.fragscope.analysis.cost;


import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.model.Allocator;
import io.fragscope.model.Allocators;
import io.fragscope.model.Encoding;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.KeyType;
import io.fragscope.model.RedisLayout;
import io.fragscope.source.KeyName;
import io.fragscope.source.rdb.RdbVisitor;

import java.util.ArrayList;
import java.util.List;

import static io.fragscope.source.rdb.RdbFormat.*;

/**
 * Prices every key of an RDB file as the modelled Redis would hold it after loading the file into an
 * empty server: the allocations it makes (src/rdb.c rdbLoadObject, src/object.c, src/t_*.c), their
 * size classes, and what {@code MEMORY USAGE key SAMPLES 0} prints (object.c objectComputeSize). Per
 * dataset it adds the keyspace and expires bucket arrays, giving the growth of used_memory.
 *
 * <p>State is primitive and per key; elements are not kept, except up to a small buffer while an
 * encoding still depends on elements to come (a set is an intset only if every member is an integer).
 */
public final class RdbKeyCoster implements RdbVisitor {
    private final CostModel m;
    private final RedisLayout l;
    private final EncodingThresholds t;
    private final KeyCostSink sink;
    private final Ledger ledger;

    // the keyspace's dicts and tables, counted key by key and charged once (per database, or per slot in cluster mode)
    private final KeyspaceCounter keyspace;
    private int db;

    // per key
    private byte[] key = new byte[64];
    /** Bytes held in {@link #key}: the whole name, or its first {@link KeyName#MAX_HELD} bytes for a long one. */
    private int keyLen;
    /** The name's full length in bytes, which the server allocates. */
    private long keyBytes;
    /** The current key's name when too long to hold ({@link #longKeyName}); else null. */
    private KeyName longName, pendingLongName;
    /** The current key's cluster slot, as the reader gives it. */
    private int keySlot;
    private int keyDb;
    private int type;
    private long declared;
    private long expireAt;
    private KeyType typeName;
    private Encoding encoding;
    private long elements;

    private long stringLength;
    private boolean stringInteger;
    private long stringValue;

    // the value, by kind: each prices its part of the key and adds to p.usage and the ledger
    private final Pricing p;
    private final StringCost strings;
    private final ListCost list;
    private final CollectionCost collection;
    private final StreamCost streamCost;
    private final VectorSetCost vectorSetCost;
    private long streamLength;
    private long moduleBytes;

    public RdbKeyCoster(CostModel model, KeyCostSink sink) { this(model, sink, true); }

    /**
     * @param datasetTables false for a coster whose per-key costs only are read (the reclaim plan's threshold
     *                      what-ifs): it keeps neither the size-class histogram nor the other allocators' totals,
     *                      so {@link #sizeClasses()} and {@link #whatIf()} are empty
     */
    public RdbKeyCoster(CostModel model, KeyCostSink sink, boolean datasetTables) {
        this.m = model;
        this.l = model.layout();
        this.t = model.thresholds();
        this.sink = sink;
        List<Allocator> all = datasetTables ? new ArrayList<>(Allocators.all()) : List.of();
        this.ledger = new Ledger(model.allocator().allocator(), all, datasetTables);
        this.p = new Pricing(model, ledger);
        this.strings = new StringCost(p);
        this.collection = new CollectionCost(p, ledger, t);
        this.streamCost = new StreamCost(l, ledger);
        this.list = new ListCost(p, t);
        this.keyspace = new KeyspaceCounter(l, model.clusterMode());
        this.vectorSetCost = new VectorSetCost(l, ledger);
    }

    /** Elements buffered before a collection is taken for a hashtable/skiplist whatever its encoding; depends on the thresholds. */
    public static int bufferCap(EncodingThresholds t) {
        long maxThreshold = Math.max(Math.max(t.hashEntries() * 2, t.setIntsetEntries()), Math.max(t.setListpackEntries(), t.zsetEntries() * 2));
        return (int) Math.min(1 << 20, Math.max(4096, maxThreshold + 2));
    }

    // ------------------------------------------------------------------ file-level events

    @Override public void selectDb(int db) { this.db = db; }

    /** SLOT_INFO (a server in cluster mode wrote it): the loading server creates that slot's dicts (rdb.c). */
    @Override public void slotInfo(long slot, long slotSize, long expiresSlotSize) { keyspace.slotInfo(db, slot); }

    @Override public void resizeDb(long dbSize, long expiresSize) { keyspace.resizeHint(db, dbSize, expiresSize); }

    // ------------------------------------------------------------------ key events

    @Override public void longKeyName(KeyName name) {
        pendingLongName = name;
    }

    @Override
    public void beginKey(int db, byte[] k, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
        if (key.length < keyLength) key = new byte[Math.max(keyLength, key.length * 2)];
        System.arraycopy(k, 0, key, 0, keyLength);
        keyLen = keyLength;
        longName = pendingLongName;
        keySlot = slot;
        pendingLongName = null;
        keyBytes = longName == null ? keyLength : longName.length();
        keyDb = db;
        type = rdbType;
        declared = declaredLength;
        expireAt = expireAtMs;
        p.usage = 0;
        elements = 0;
        collection.begin(rdbType, declaredLength);
        list.reset();
        streamLength = 0;
        if (isStream(rdbType)) streamCost.begin();
        vectorSetCost.reset();
        moduleBytes = 0;
        keyObjectExtra = 0;
        embedded = false;
        keyMetaClasses = pendingKeyMeta;
        pendingKeyMeta = 0;
        if (rdbType == RDB_TYPE_LIST && l.quicklist()) list.repack();
    }

    @Override public void stringValue(long length, boolean integer, long value) {
        stringLength = length;
        stringInteger = integer;
        stringValue = value;
    }

    @Override public void blob(BlobKind kind, long rawBytes, long entries) {
        collection.blob(kind, rawBytes);
        if (type == RDB_TYPE_LIST_ZIPLIST && l.quicklist()) list.repack();
    }

    @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) {
        list.node(kind, rawBytes, container);
    }

    /** Immutable state only (the thresholds): safe on the reader's thread. */
    @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) {
        return collection.needsEntries(rdbType, entries);
    }

    @Override public void entriesCounted(long entries) {
        // as element() counts them: a hash's fields and a sorted set's members are every other entry, from the first
        elements += type == RDB_TYPE_HASH_LISTPACK || type == RDB_TYPE_ZSET_LISTPACK ? (entries + 1) / 2 : entries;
        collection.entriesCounted(entries);
    }

    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {
        if (role == ElementRole.LIST_ITEM || role == ElementRole.SET_MEMBER || role == ElementRole.ZSET_MEMBER || role == ElementRole.HASH_FIELD) elements++;
        if (type >= RDB_TYPE_STREAM_LISTPACKS && (type == 15 || type == 19 || type == 21 || type == RDB_TYPE_STREAM_LISTPACKS_4)) return;
        if (list.element(length, integer, value)) return; // a list's node or re-packed element
        if (inBlob) collection.blobElement(role, length, integer, value);
        else collection.element(role, length, integer, value);
    }

    @Override public void score(double score) { collection.score(score); }

    @Override public void fieldExpire(long expireAtMs) { collection.fieldExpire(expireAtMs); }

    @Override public void streamNodeId(long ms, long seq) { streamCost.nodeId(ms, seq); }

    @Override public void streamNode(long nodeKeyBytes, long listpackBytes) { streamCost.node(listpackBytes); }

    @Override public void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) { streamLength = length; }

    @Override public void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) {
        streamCost.groupBegin(name, nameLength);
    }

    @Override public void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) { streamCost.pendingEntry(ms, seq); }

    @Override public void streamConsumerBegin(byte[] name, int nameLength, long seenTimeMs, long activeTimeMs) {
        streamCost.consumerBegin(name, nameLength);
    }

    @Override public void streamConsumerPendingId(long ms, long seq) { streamCost.consumerPendingId(ms, seq); }

    /** Lists, sets, sorted sets and hashes: the types a 6.2+ server does not keep when the file holds them empty. */
    private static boolean isCollection(int t) {
        return t != RDB_TYPE_STRING && !isStream(t) && t != RDB_TYPE_MODULE_2 && t != RDB_TYPE_MODULE_PRE_GA;
    }

    private long skippedEmptyKeys;

    /** Keys the file holds empty, which the modelled server drops on load and which are not priced. */
    public long skippedEmptyKeys() { return skippedEmptyKeys; }

    private static boolean isStream(int t) {
        return t == RDB_TYPE_STREAM_LISTPACKS || t == RDB_TYPE_STREAM_LISTPACKS_2 || t == RDB_TYPE_STREAM_LISTPACKS_3 || t == RDB_TYPE_STREAM_LISTPACKS_4;
    }

    @Override public void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) {
        vectorSetCost.begin(dimensions, elements, m, projectionInputDimensions);
        this.elements = elements;
    }

    @Override public void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) {
        vectorSetCost.node(nameBytes, attributeBytes, vectorBytes, level);
    }

    @Override public void vectorSetLayer(int layer, long links, long maxLinks) { vectorSetCost.layer(layer, maxLinks); }

    /** KEY_META (Redis 8.6): a metadata class attached to the next key, one 8-byte slot in its kvobj. */
    @Override public void keyMetadata(String className, int version, int flags, long valueBytes) { pendingKeyMeta++; }

    private int keyMetaClasses, pendingKeyMeta;

    @Override public void moduleValue(long moduleId, String moduleName, long bytes) { moduleBytes = bytes; }

    // ------------------------------------------------------------------ the value's object

    /** Bytes the key object carries besides robj, metadata and key (an embedded string value). */
    private long keyObjectExtra;

    /** The value's robj; where the key lives in the object (kvobj) it is allocated with the key, in {@link #endKey}. */
    private void valueObject() { p.valueObject(); }

    /** What MEMORY USAGE counts for the value's robj; the kvobj is counted with the key. */
    private long objectUsage() { return p.objectUsage(); }

    // ------------------------------------------------------------------ end of key

    @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) {
        list.finishConvertedNode();
        if (l.skipsEmptyKeys() && elements == 0 && isCollection(type)) {
            skippedEmptyKeys++; // rdb.c rdbLoadObject "emptykey": the server drops it on load
            ledger.discardKey();
            return;
        }
        value();
        if (l.keyInObject()) {
            // The key object, with an embedded string if any. The keyspace stores it in the bucket itself (no_value);
            // collisions are charged with the bucket arrays.
            long kv = l.keyObjectRequest(keyBytes, expireAt >= 0, keyMetaClasses) + keyObjectExtra;
            ledger.alloc(kv);
            if (l.usageCountsKeyObject() || embedded) p.usage += ledger.zmallocSize(kv);
            else if (typeName == KeyType.STRING && encoding == Encoding.INT) p.usage += l.robj();
        } else {
            // The key itself: its sds (exact length, db.c dbAdd) and its dictEntry in the keyspace.
            long keySds = p.keySdsRequest(keyBytes);
            ledger.alloc(keySds);
            ledger.alloc(m.dictEntry());
            p.usage += p.usageKey(keyBytes) + m.dictEntry();
        }
        keyspace.key(keyDb, keySlot, expireAt >= 0);
        // expires dict entry; the key sds is shared (db.c setExpire). A kvobj keyspace keeps it in the bucket.
        if (expireAt >= 0 && !l.keyInObject()) ledger.alloc(l.dictEntry());
        long requested = ledger.keyRequested;
        long allocated = ledger.keyAllocated;
        long prefix = ledger.keyPrefix;
        ledger.closeKey();
        sink.accept(new KeyCost(keyDb, longName != null ? longName : KeyName.of(key, 0, keyLen), typeName, encoding, elements, requested, allocated,
                allocated - requested - prefix, prefix, p.usage, expireAt, KeyCost.Exactness.EXACT));
    }

    private void value() {
        switch (type) {
            case RDB_TYPE_STRING -> string();
            case RDB_TYPE_LIST, RDB_TYPE_LIST_ZIPLIST -> listFromElements();
            case RDB_TYPE_LIST_QUICKLIST, RDB_TYPE_LIST_QUICKLIST_2 -> quicklist();
            case RDB_TYPE_SET, RDB_TYPE_SET_INTSET, RDB_TYPE_SET_LISTPACK -> { typeName = KeyType.SET; encoding = collection.set(); }
            case RDB_TYPE_ZSET, RDB_TYPE_ZSET_2, RDB_TYPE_ZSET_ZIPLIST, RDB_TYPE_ZSET_LISTPACK -> { typeName = KeyType.ZSET; encoding = collection.zset(); }
            case RDB_TYPE_HASH, RDB_TYPE_HASH_ZIPMAP, RDB_TYPE_HASH_ZIPLIST, RDB_TYPE_HASH_LISTPACK,
                 RDB_TYPE_HASH_METADATA, RDB_TYPE_HASH_METADATA_PRE_GA, RDB_TYPE_HASH_LISTPACK_EX,
                 RDB_TYPE_HASH_LISTPACK_EX_PRE_GA -> { typeName = KeyType.HASH; encoding = collection.hash(); }
            case RDB_TYPE_STREAM_LISTPACKS, RDB_TYPE_STREAM_LISTPACKS_2, RDB_TYPE_STREAM_LISTPACKS_3, RDB_TYPE_STREAM_LISTPACKS_4 -> stream();
            default -> module();
        }
    }

    private void string() {
        typeName = KeyType.STRING;
        elements = stringLength;
        StringCost.Priced v = strings.price(stringLength, stringInteger, stringValue, keyBytes, expireAt >= 0, objectUsage());
        encoding = v.encoding();
        keyObjectExtra = v.keyObjectExtra();
        embedded = v.embedded();
    }

    private boolean embedded;

    /** Linked lists and ziplist lists of old RDBs, re-packed into the modelled version's quicklist. */
    private void listFromElements() {
        typeName = KeyType.LIST;
        // 2.8/3.0 have no quicklist: their lists stay as the file holds them
        encoding = list.repacking() ? list.finishRepacked() : collection.oldList();
    }

    private void quicklist() {
        typeName = KeyType.LIST;
        encoding = list.finishQuicklist();
    }

    private void stream() {
        typeName = KeyType.STREAM;
        encoding = Encoding.STREAM;
        elements = streamLength;
        p.usage += streamCost.finish();
        valueObject();
        if (!l.streamTracksAllocation()) p.usage += objectUsage();
    }

    private void module() {
        if (vectorSetCost.active()) {
            // TYPE says vectorset, OBJECT ENCODING raw; the value is a moduleValue {type, value} behind the robj.
            typeName = KeyType.VECTORSET;
            encoding = Encoding.RAW;
            valueObject();
            ledger.alloc(16);
            p.usage += vectorSetCost.memUsage();
            return;
        }
        typeName = KeyType.MODULE;
        encoding = Encoding.MODULE;
        valueObject();
        ledger.alloc(Math.max(8, moduleBytes));
        p.usage += objectUsage() + moduleBytes;
    }

    // ------------------------------------------------------------------ dataset

    /** The keys' allocations plus the keyspace's dicts and tables (rdb.c RESIZEDB → dictExpand), charged once. */
    public long estimatedUsedMemory() {
        return ledger.charge + keyspace.charge(ledger.model(), false);
    }

    /**
     * Tells {@code observer} of every allocation with its size class as the keys are priced (each key's before its
     * {@code KeyCost} reaches the sink), so the size classes can be split by key type and prefix. Changes no figure.
     */
    public void observeSizeClasses(io.fragscope.analysis.keys.SizeClassObserver observer) { ledger.observer = observer; }

    /** Expected number of elements that find their bucket taken, hashing {@code n} elements into {@code slots}. */
    static long collisions(long slots, long n) {
        double occupied = slots * (1 - Math.pow(1 - 1.0 / slots, n));
        return Math.max(0, Math.round(n - occupied));
    }

    public SizeClassHistogram sizeClasses() {
        if (ledger.histogram == null) return new SizeClassHistogram(ledger.model().name(), List.of());
        return ledger.histogram.snapshot(ledger.model().name());
    }

    /** The same keys under every allocator model: requested, allocated, waste, prefix, estimated used_memory. */
    public List<long[]> whatIf() {
        List<long[]> out = new ArrayList<>();
        ledger.settleWhatIf();
        for (int i = 0; i < ledger.whatIf().size(); i++) {
            Allocator a = ledger.whatIf().get(i);
            long buckets = keyspace.charge(a, false);
            out.add(new long[] {ledger.wiRequested[i], ledger.wiAllocated[i], ledger.wiAllocated[i] - ledger.wiRequested[i] - ledger.wiPrefix[i],
                    ledger.wiPrefix[i], ledger.wiCharge[i] + buckets});
        }
        return out;
    }

    public List<Allocator> whatIfAllocators() { return ledger.whatIf(); }

    public static long nextPow2(long n) {
        if (n <= 1) return 1;
        return Long.highestOneBit(n - 1) << 1;
    }
}
