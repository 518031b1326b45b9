package io.fragscope.analysis.cost;


import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.model.Allocator;
import io.fragscope.model.Allocators;
import io.fragscope.model.EncodedSizes;
import io.fragscope.model.EncodingThresholds;
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
    private final int bufferCap;

    // the keyspace's dicts and tables, counted key by key and charged once (per database, or per slot in cluster mode)
    private final KeyspaceCounter keyspace;
    private int db;

    // per key
    private byte[] key = new byte[64];
    private int keyLen;
    private int keyDb;
    private int type;
    private long declared;
    private long expireAt;
    private String typeName, encoding;
    private long elements;

    private long stringLength;
    private boolean stringInteger;
    private long stringValue;

    private int blobKind = -1;
    private long blobBytes, blobEntries;
    private long convertedBytes, prevZlEntry;
    private long inBlobCount, maxLen;
    private boolean allInt;
    private long minInt, maxInt;

    // element buffer for deferred encoding decisions
    private long[] bLen = new long[256], bVal = new long[256];
    private boolean[] bInt = new boolean[256], bTtl = new boolean[256];
    private byte[] bRole = new byte[256];
    private int bCount;
    private boolean large; // committed to the hashtable/skiplist path

    // hashtable/skiplist path accumulators
    private long htElements;
    private long dictSlots = -1;      // bucket count when the load path leaves a rehash unfinished
    private ValkeyTableGrowth valkeyMidLoad; // Valkey: the hashtable of a hash converted part-way through its load

    // quicklist
    private final ListCost list;

    // stream
    private final Pricing p;
    private final HashCost hashCost;
    private final SkiplistCost skiplist;
    private final StringCost strings;
    private long pendingMember = -1;
    private final StreamCost streamCost;
    private final VectorSetCost vectorSetCost;
    private long streamLength;

    private long moduleBytes;
    private long fieldTtls;

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
        this.hashCost = new HashCost(p);
        this.skiplist = new SkiplistCost(p);
        this.strings = new StringCost(p);
        this.streamCost = new StreamCost(l, ledger);
        this.list = new ListCost(p, t);
        this.keyspace = new KeyspaceCounter(l, model.clusterMode());
        this.vectorSetCost = new VectorSetCost(l, ledger);
        this.bufferCap = bufferCap(t);
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

    @Override
    public void beginKey(int db, byte[] k, int keyLength, int rdbType, long declaredLength, long expireAtMs, long offset) {
        if (key.length < keyLength) key = new byte[Math.max(keyLength, key.length * 2)];
        System.arraycopy(k, 0, key, 0, keyLength);
        keyLen = keyLength;
        keyDb = db;
        type = rdbType;
        declared = declaredLength;
        expireAt = expireAtMs;
        p.usage = 0;
        elements = 0;
        blobKind = -1;
        blobBytes = blobEntries = convertedBytes = prevZlEntry = inBlobCount = maxLen = 0;
        allInt = true;
        minInt = Long.MAX_VALUE;
        maxInt = Long.MIN_VALUE;
        bCount = 0;
        large = false;
        htElements = 0;
        dictSlots = -1;
        valkeyMidLoad = null;
        list.reset();
        streamLength = 0;
        if (isStream(rdbType)) streamCost.begin();
        vectorSetCost.reset();
        moduleBytes = 0;
        fieldTtls = 0;
        keyObjectExtra = 0;
        embedded = false;
        keyMetaClasses = pendingKeyMeta;
        pendingKeyMeta = 0;
        pendingField = -1;
        skiplist.reset();
        pendingMember = -1;
        // A collection whose declared size is over every threshold is a hashtable/skiplist from the start.
        if (declaredLength >= 0 && isDictCandidate(rdbType) && declaredLength > smallLimit(rdbType)) startLarge();
        // Valkey 9 keeps every hash with field TTLs in a hashtable (t_hash.c: listpacks hold no expiry).
        if (valkeyTables() && fieldTtlHash()) startLarge();
        if (rdbType == RDB_TYPE_LIST && l.quicklist()) list.repack();
    }

    @Override public void stringValue(long length, boolean integer, long value) {
        stringLength = length;
        stringInteger = integer;
        stringValue = value;
    }

    @Override public void blob(BlobKind kind, long rawBytes, long entries) {
        blobKind = kind.ordinal();
        blobBytes = rawBytes;
        blobEntries = entries;
        if (type == RDB_TYPE_LIST_ZIPLIST && l.quicklist()) list.repack();
    }

    @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) {
        list.node(kind, rawBytes, container);
    }

    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {
        if (role == ElementRole.LIST_ITEM || role == ElementRole.SET_MEMBER || role == ElementRole.ZSET_MEMBER || role == ElementRole.HASH_FIELD) elements++;
        if (type >= RDB_TYPE_STREAM_LISTPACKS && (type == 15 || type == 19 || type == 21 || type == RDB_TYPE_STREAM_LISTPACKS_4)) return;
        if (inBlob) {
            inBlobCount++;
            maxLen = Math.max(maxLen, length);
            if (!integer) allInt = false;
            else { minInt = Math.min(minInt, value); maxInt = Math.max(maxInt, value); }
            if (list.element(length, integer, value)) {
                // a list's node or re-packed element
            } else if (large) {
                largeElement(role, length, integer, value);
            } else {
                convertedBytes += EncodedSizes.listpackEntry(length, integer, value);
                long zl = EncodedSizes.ziplistEntry(prevZlEntry, length, integer, value);
                prevZlEntry = zl;
            }
            return;
        }
        if (list.element(length, integer, value)) return;
        if (large) { largeElement(role, length, integer, value); return; }
        buffer(role, length, integer, value);
    }

    @Override public void score(double score) {
        if (large) { skiplist.node(l.zslNodeEmbedsElement() ? pendingMember : -1); return; }
        String s = EncodedSizes.scoreText(score);
        boolean integral = score == Math.rint(score) && Math.abs(score) < 1e17;
        buffer(ElementRole.ZSET_SCORE, s.length(), integral, integral ? (long) score : 0);
    }

    @Override public void fieldExpire(long expireAtMs) {
        if (expireAtMs >= 0) fieldTtls++;
        if (large) {
            if (l.hashEntries()) { hashCost.hashEntry(pendingField, pendingValue, expireAtMs >= 0); pendingField = -1; }
            else hashCost.hashFieldStorage(pendingField, expireAtMs >= 0);
            pendingField = -1;
        }
        else if (bCount > 0) bTtl[lastBufferedField] = expireAtMs >= 0;
    }

    /** Hashes whose fields may carry TTLs (7.4 types 24/22): a field's allocation depends on the TTL that follows it. */
    private boolean fieldTtlHash() { return type == RDB_TYPE_HASH_METADATA || type == RDB_TYPE_HASH_METADATA_PRE_GA; }

    private long pendingField = -1, pendingValue;

    private int lastBufferedField;

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

    // ------------------------------------------------------------------ buffering

    private void buffer(ElementRole role, long length, boolean integer, long value) {
        if (bCount == bufferCap) {
            startLarge();
            largeElement(role, length, integer, value);
            return;
        }
        if (bCount == bLen.length) {
            int n = Math.min(bufferCap, bCount * 2);
            bLen = java.util.Arrays.copyOf(bLen, n);
            bVal = java.util.Arrays.copyOf(bVal, n);
            bInt = java.util.Arrays.copyOf(bInt, n);
            bTtl = java.util.Arrays.copyOf(bTtl, n);
            bRole = java.util.Arrays.copyOf(bRole, n);
        }
        bLen[bCount] = length;
        bVal[bCount] = value;
        bInt[bCount] = integer;
        bTtl[bCount] = false;
        if (role == ElementRole.HASH_FIELD) lastBufferedField = bCount;
        bRole[bCount] = (byte) role.ordinal();
        bCount++;
    }

    private static boolean isDictCandidate(int t) {
        return t == RDB_TYPE_SET || t == RDB_TYPE_ZSET || t == RDB_TYPE_ZSET_2 || t == RDB_TYPE_HASH
                || t == RDB_TYPE_HASH_METADATA || t == RDB_TYPE_HASH_METADATA_PRE_GA;
    }

    private long smallLimit(int t) {
        return switch (t) {
            case RDB_TYPE_SET -> l.listpackLists() ? Math.max(t().setIntsetEntries(), t().setListpackEntries()) : t().setIntsetEntries();
            case RDB_TYPE_ZSET, RDB_TYPE_ZSET_2 -> t().zsetEntries();
            default -> t().hashEntries();
        };
    }

    private EncodingThresholds t() { return t; }

    /** From here on the key is a hashtable (or skiplist): replay what was buffered, stream the rest. */
    private void startLarge() {
        if (large) return;
        large = true;
        int n = bCount;
        bCount = 0;
        ElementRole[] roles = ElementRole.values();
        int field = -1;
        for (int i = 0; i < n; i++) {
            ElementRole role = roles[bRole[i]];
            largeElement(role, bLen[i], bInt[i], bVal[i]);
            if (role == ElementRole.HASH_FIELD) field = i;
            if (role == ElementRole.HASH_VALUE && fieldTtlHash() && field >= 0) {
                if (l.hashEntries()) hashCost.hashEntry(pendingField, pendingValue, bTtl[field]);
                else hashCost.hashFieldStorage(pendingField, bTtl[field]);
                pendingField = -1;
            }
        }
    }

    private void largeElement(ElementRole role, long length, boolean integer, long value) {
        switch (role) {
            case SET_MEMBER -> {
                htElements++;
                p.usage += p.elementStorage(length, integer, value) + (valkeyTables() ? 0 : l.dictEntry());
            }
            case HASH_FIELD -> {
                htElements++;
                if (l.hashEntries()) {
                    // 8.2+: field and value become one Entry stored in the no_value dict's buckets (entry.c).
                    pendingField = length;
                    if (!valkeyTables()) p.usage += l.dictEntry(); // Redis's dictMemUsage still counts sizeof(dictEntry) per field
                    return;
                }
                ledger.alloc(l.dictEntry());
                if (fieldTtlHash()) {
                    pendingField = length; // allocated once its TTL is read
                    p.usage += l.dictEntry();
                } else {
                    p.usage += p.elementStorage(length, integer, value) + l.dictEntry();
                }
            }
            case HASH_VALUE -> {
                if (!l.hashEntries()) p.usage += p.elementStorage(length, integer, value);
                else if (fieldTtlHash()) pendingValue = length;
                else { hashCost.hashEntry(pendingField, length, false); pendingField = -1; }
            }
            case ZSET_MEMBER -> {
                htElements++;
                if (l.zslNodeEmbedsElement()) {
                    // The member's sds lives in its skiplist node (t_zset.c zslCreateNode), priced with the score.
                    pendingMember = length;
                    if (!valkeyTables()) p.usage += l.dictEntry();
                    return;
                }
                p.usage += p.elementStorage(length, integer, value);
                if (valkeyTables()) return; // the hashtable's buckets point at the node: no entry of its own
                p.usage += l.dictEntry();
                ledger.alloc(l.dictEntry());
            }
            case ZSET_SCORE -> skiplist.node(l.zslNodeEmbedsElement() ? pendingMember : -1);
            case LIST_ITEM -> { }
        }
    }

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
            long kv = l.keyObjectRequest(keyLen, expireAt >= 0, keyMetaClasses) + keyObjectExtra;
            ledger.alloc(kv);
            if (l.usageCountsKeyObject() || embedded) p.usage += ledger.zmallocSize(kv);
            else if (typeName.equals("string") && encoding.equals("int")) p.usage += l.robj();
        } else {
            // The key itself: its sds (exact length, db.c dbAdd) and its dictEntry in the keyspace.
            long keySds = p.keySdsRequest(keyLen);
            ledger.alloc(keySds);
            ledger.alloc(m.dictEntry());
            p.usage += p.usageKey(keyLen) + m.dictEntry();
        }
        keyspace.key(keyDb, key, keyLen, expireAt >= 0);
        // expires dict entry; the key sds is shared (db.c setExpire). A kvobj keyspace keeps it in the bucket.
        if (expireAt >= 0 && !l.keyInObject()) ledger.alloc(l.dictEntry());
        long requested = ledger.keyRequested;
        long allocated = ledger.keyAllocated;
        long prefix = ledger.keyPrefix;
        ledger.closeKey();
        sink.accept(new KeyCost(keyDb, KeyName.of(key, 0, keyLen), typeName, encoding, elements, requested, allocated,
                allocated - requested - prefix, prefix, p.usage, expireAt, KeyCost.Exactness.EXACT));
    }

    private void value() {
        switch (type) {
            case RDB_TYPE_STRING -> string();
            case RDB_TYPE_LIST, RDB_TYPE_LIST_ZIPLIST -> listFromElements();
            case RDB_TYPE_LIST_QUICKLIST, RDB_TYPE_LIST_QUICKLIST_2 -> quicklist();
            case RDB_TYPE_SET, RDB_TYPE_SET_INTSET, RDB_TYPE_SET_LISTPACK -> set();
            case RDB_TYPE_ZSET, RDB_TYPE_ZSET_2, RDB_TYPE_ZSET_ZIPLIST, RDB_TYPE_ZSET_LISTPACK -> zset();
            case RDB_TYPE_HASH, RDB_TYPE_HASH_ZIPMAP, RDB_TYPE_HASH_ZIPLIST, RDB_TYPE_HASH_LISTPACK,
                 RDB_TYPE_HASH_METADATA, RDB_TYPE_HASH_METADATA_PRE_GA, RDB_TYPE_HASH_LISTPACK_EX,
                 RDB_TYPE_HASH_LISTPACK_EX_PRE_GA -> hash();
            case RDB_TYPE_STREAM_LISTPACKS, RDB_TYPE_STREAM_LISTPACKS_2, RDB_TYPE_STREAM_LISTPACKS_3, RDB_TYPE_STREAM_LISTPACKS_4 -> stream();
            default -> module();
        }
    }

    private void skiplistCost() {
        encoding = "skiplist";
        long presize = declared > 0 && !isBlobType() ? declared : htElements;
        valueObject();
        p.usage += objectUsage() + skiplist.finish(nextPow2(Math.max(4, presize)), htElements, presize);
    }

    private void string() {
        typeName = "string";
        elements = stringLength;
        StringCost.Priced v = strings.price(stringLength, stringInteger, stringValue, keyLen, expireAt >= 0, objectUsage());
        encoding = v.encoding();
        keyObjectExtra = v.keyObjectExtra();
        embedded = v.embedded();
    }

    private boolean embedded;

    /** Linked lists and ziplist lists of old RDBs, re-packed into the modelled version's quicklist. */
    private void listFromElements() {
        typeName = "list";
        if (!list.repacking()) {
            // 2.8/3.0: no quicklist; a ziplist list stays a ziplist, a linked list has a node and an object per element.
            encoding = type == RDB_TYPE_LIST_ZIPLIST ? "ziplist" : "linkedlist";
            valueObject();
            if (type == RDB_TYPE_LIST_ZIPLIST) blobCost();
            else {
                ledger.alloc(48);
                for (int i = 0; i < bCount; i++) {
                    ledger.alloc(24);
                    ledger.alloc(l.robj());
                    ledger.alloc(l.sdsRequest(bLen[i]));
                }
            }
            p.usage += objectUsage();
            return;
        }
        encoding = list.finishRepacked();
    }

    private void quicklist() {
        typeName = "list";
        encoding = list.finishQuicklist();
    }

    private void set() {
        typeName = "set";
        if (type == RDB_TYPE_SET_INTSET || type == RDB_TYPE_SET_LISTPACK) {
            boolean intset = type == RDB_TYPE_SET_INTSET;
            long n = inBlobCount;
            long limit = intset ? t.setIntsetEntries() : t.setListpackEntries();
            if (n > limit) { blobToDict(); return; }
            encoding = intset ? "intset" : "listpack";
            valueObject();
            blobCost();
            return;
        }
        if (large) { dictCost("hashtable"); return; }
        // RDB_TYPE_SET under the thresholds: intset if all integers, else (7.2+) listpack, else hashtable.
        boolean ints = true;
        long max = 0;
        int width = 2;
        long lp = EncodedSizes.LISTPACK_HEADER_AND_END;
        for (int i = 0; i < bCount; i++) {
            ints &= bInt[i];
            max = Math.max(max, bLen[i]);
            if (bInt[i]) width = Math.max(width, EncodedSizes.intsetWidth(bVal[i]));
            lp += EncodedSizes.listpackEntry(bLen[i], bInt[i], bVal[i]);
        }
        if (ints && bCount <= t.setIntsetEntries()) {
            encoding = "intset";
            smallCost(8 + (long) bCount * width);
        } else if (l.listpackLists() && bCount <= t.setListpackEntries() && max <= t.setListpackValue()) {
            encoding = "listpack";
            smallCost(lp);
        } else {
            startLarge();
            dictCost("hashtable");
        }
    }

    private void zset() {
        typeName = "zset";
        if (type == RDB_TYPE_ZSET_ZIPLIST || type == RDB_TYPE_ZSET_LISTPACK) {
            if (inBlobCount / 2 > t.zsetEntries()) { blobToDict(); return; }
            encoding = l.listpacks() ? "listpack" : "ziplist";
            valueObject();
            if (type == RDB_TYPE_ZSET_ZIPLIST && l.listpacks()) convertedCost();
            else blobCost();
            return;
        }
        if (!large) {
            long max = 0;
            for (int i = 0; i < bCount; i++) if (bRole[i] == ElementRole.ZSET_MEMBER.ordinal()) max = Math.max(max, bLen[i]);
            if (max > t.zsetValue()) startLarge();
        }
        if (large) { skiplistCost(); return; }
        encoding = l.listpacks() ? "listpack" : "ziplist";
        smallCost(small(bCount));
    }

    private void hash() {
        typeName = "hash";
        boolean ex = type == RDB_TYPE_HASH_LISTPACK_EX || type == RDB_TYPE_HASH_LISTPACK_EX_PRE_GA;
        if (type == RDB_TYPE_HASH_ZIPMAP || type == RDB_TYPE_HASH_ZIPLIST || type == RDB_TYPE_HASH_LISTPACK || ex) {
            long fields = inBlobCount / (ex ? 3 : 2);
            if (fields > t.hashEntries() || type == RDB_TYPE_HASH_ZIPMAP && maxLen > t.hashValue()) { blobToDict(); return; }
            encoding = ex ? "listpackex" : l.listpacks() ? "listpack" : "ziplist";
            valueObject();
            if (ex) hashCost.listpackExStruct();
            if (type == RDB_TYPE_HASH_ZIPMAP || type == RDB_TYPE_HASH_ZIPLIST && l.listpacks()) convertedCost();
            else blobCost();
            return;
        }
        if (!large) {
            int pairs = 0, convertAt = -1;
            for (int i = 0; i < bCount; i++) {
                if (bRole[i] == ElementRole.HASH_FIELD.ordinal()) pairs++;
                if (convertAt < 0 && bLen[i] > t.hashValue()) convertAt = pairs - 1;
            }
            if (convertAt >= 0) {
                if (valkeyTables()) valkeyMidLoad = valkeyConvertedMidLoad(convertAt, pairs);
                else dictSlots = convertedMidLoad(convertAt, pairs);
                startLarge();
            }
        }
        if (large) { dictCost("hashtable"); return; }
        encoding = fieldTtlHash() && l.hashFieldExpiry() ? "listpackex" : l.listpacks() ? "listpack" : "ziplist";
        if (encoding.equals("listpackex")) hashCost.listpackExStruct();
        smallCost(small(bCount));
    }

    /** Size of a listpack (7.0+) or ziplist holding the buffered elements. */
    private long small(int n) {
        if (l.listpacks()) {
            long lp = EncodedSizes.LISTPACK_HEADER_AND_END;
            for (int i = 0; i < n; i++) lp += EncodedSizes.listpackEntry(bLen[i], bInt[i], bVal[i]);
            return lp;
        }
        long zl = EncodedSizes.ZIPLIST_HEADER_AND_END, prev = 0;
        for (int i = 0; i < n; i++) {
            long e = EncodedSizes.ziplistEntry(prev, bLen[i], bInt[i], bVal[i]);
            zl += e;
            prev = e;
        }
        return zl;
    }

    private void smallCost(long bytes) {
        valueObject();
        ledger.alloc(bytes);
        p.usage += objectUsage() + (l.usageRoundsBlobs() ? ledger.zmallocSize(bytes) : bytes);
    }

    private void blobCost() {
        ledger.alloc(blobBytes);
        p.usage += objectUsage() + (l.usageRoundsBlobs() ? ledger.zmallocSize(blobBytes) : blobBytes);
    }

    /** A zipmap or ziplist the modelled version keeps as a listpack (or a zipmap kept as ziplist before 7.0). */
    private void convertedCost() {
        long bytes = l.listpacks() ? convertedBytes : EncodedSizes.ZIPLIST_HEADER_AND_END + ziplistBytesFromConversion();
        ledger.alloc(bytes);
        p.usage += objectUsage() + (l.usageRoundsBlobs() ? ledger.zmallocSize(bytes) : bytes);
    }

    private long ziplistBytesFromConversion() {
        // Only zipmaps reach here before 7.0; their entries were summed as listpack sizes, ziplist is within a byte per entry.
        return convertedBytes - EncodedSizes.LISTPACK_HEADER_AND_END;
    }

    /** A blob over the thresholds, converted on load: priced from its counts as a hashtable. */
    private void blobToDict() {
        encoding = typeName.equals("zset") ? "skiplist" : "hashtable";
        htElements = typeName.equals("hash") || typeName.equals("zset") ? inBlobCount / 2 : inBlobCount;
        long avg = htElements == 0 ? 0 : Math.max(1, maxLen / 2);
        for (long i = 0; i < htElements; i++) {
            long sds = l.sdsRequest(avg);
            ledger.alloc(sds);
            ledger.alloc(l.dictEntry());
            p.usage += ledger.zmallocSize(sds) + l.dictEntry();
            if (typeName.equals("hash")) {
                ledger.alloc(sds);
                p.usage += ledger.zmallocSize(sds);
            }
        }
        if (typeName.equals("zset")) { for (long i = 0; i < htElements; i++) skiplist.node(l.zslNodeEmbedsElement() ? pendingMember : -1); skiplistCost(); }
        else dictCost(encoding);
    }

    /**
     * Buckets of a hash that the load converted from listpack to hashtable at field {@code at} of {@code n}
     * (rdb.c: hashTypeConvert expands to the fields so far, the rest are added after a dictTryExpand of the
     * remaining count, which a rehash in progress refuses).
     */
    private long convertedMidLoad(int at, int n) {
        DictGrowth d = new DictGrowth();
        d.expand(at);
        for (int i = 0; i < at; i++) d.add();
        d.add();
        long rest = n - at - 1L;
        // Up to 8.0 rdb.c expanded by the fields still to come; 8.2+ by the hash's original length.
        long expandTo = l.hashLoadExpandsToFullLength() ? n : rest;
        if (expandTo > DictGrowth.INITIAL) d.expand(expandTo);
        for (long i = 0; i < rest; i++) d.add();
        return d.slots();
    }

    /**
     * Valkey: the hashtable of a hash converted from listpack at field {@code at} of {@code n} (rdb.c RDB_TYPE_HASH:
     * hashTypeConvert expands to the {@code at} fields so far and adds them, the converting field is added, then
     * hashtableTryExpand to the fields still to come, then the rest are added).
     */
    private ValkeyTableGrowth valkeyConvertedMidLoad(int at, int n) {
        ValkeyTableGrowth g = p.newValkeyTable();
        g.expand(at);
        g.add(at + 1L);
        g.expand(n - at - 1L);
        g.add(n - at - 1L);
        return g;
    }

    /** Valkey 8.1+: sets, hashes and sorted sets are Valkey hashtables, not dicts. */
    private boolean valkeyTables() { return p.valkeyTables(); }

    private void dictCost(String enc) {
        encoding = enc;
        if (valkeyTables() && (typeName.equals("set") || typeName.equals("hash"))) {
            valueObject();
            // Valkey 9 hashes keep their volatile set (a vset, 8 bytes) as the hashtable's metadata
            int meta = typeName.equals("hash") ? l.valkeyHashMetadata() : 0;
            p.usage += objectUsage() + (valkeyMidLoad != null ? p.valkeyHashtable(valkeyMidLoad, meta)
                    : p.valkeyHashtable(htElements, declared > 0 ? declared : htElements, meta));
            if (typeName.equals("hash") && fieldTtlHash()) p.usage += hashCost.volatileSet(fieldTtls);
            return;
        }
        long slots = dictSlots > 0 ? dictSlots : nextPow2(Math.max(4, declared > 0 ? declared : htElements));
        valueObject();
        // A hash with field TTLs gets a dict with dictExpireMetadata (server.h) appended; MEMORY USAGE counts sizeof(dict) only.
        ledger.alloc(l.dictStruct() + (fieldTtlHash() ? l.hashMetadataTtlDict() : 0));
        ledger.alloc(8 * slots);
        p.usage += objectUsage() + l.dictStruct() + 8 * slots;
        boolean inline = typeName.equals("set") ? l.setEntriesInline() : typeName.equals("hash") && l.hashEntries();
        if (valkeyTables()) inline = false;
        if (typeName.equals("set") && !inline) ledger.alloc(l.dictEntry(), htElements);
        // 7.2+ sets and 8.2+ hashes (dict.c no_value + keys_are_odd): an element alone in its bucket needs no entry;
        // colliding ones take a 16-byte dictEntryNoValue.
        if (inline) ledger.alloc(16, collisions(slots, htElements));
    }

    private boolean isBlobType() { return blobKind >= 0; }

    private void stream() {
        typeName = "stream";
        encoding = "stream";
        elements = streamLength;
        p.usage += streamCost.finish();
        valueObject();
        if (!l.streamTracksAllocation()) p.usage += objectUsage();
    }

    private void module() {
        if (vectorSetCost.active()) {
            // TYPE says vectorset, OBJECT ENCODING raw; the value is a moduleValue {type, value} behind the robj.
            typeName = "vectorset";
            encoding = "raw";
            valueObject();
            ledger.alloc(16);
            p.usage += vectorSetCost.memUsage();
            return;
        }
        typeName = "module";
        encoding = "module";
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
