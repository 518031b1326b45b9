package io.fragscope.analysis.cost;

import io.fragscope.model.EncodedSizes;
import io.fragscope.model.Encoding;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.KeyType;
import io.fragscope.model.RedisLayout;
import io.fragscope.source.rdb.RdbVisitor.BlobKind;
import io.fragscope.source.rdb.RdbVisitor.ElementRole;

import static io.fragscope.source.rdb.RdbFormat.*;

/**
 * The value of one set, sorted set or hash (and the linked and ziplist lists of 2.8/3.0, which are not re-packed)
 * as the modelled server builds it on load: which encoding the elements end in (rdb.c rdbLoadObject, the
 * {@code *-max-listpack-*} thresholds), and what it allocates and MEMORY USAGE counts for it (object.c
 * objectComputeSize): a listpack, ziplist, intset or zipmap blob kept or converted, or a dict / Valkey hashtable /
 * skiplist built element by element.
 *
 * <p>Elements are priced as they stream in, except up to {@link RdbKeyCoster#bufferCap} of them while the encoding
 * still depends on elements to come (a set is an intset only if every member is an integer). One instance per
 * coster; {@link #begin} per key. Adds to {@link Pricing#usage} and the {@link Ledger}.
 */
final class CollectionCost {
    private final RedisLayout l;
    private final EncodingThresholds t;
    private final Pricing p;
    private final Ledger ledger;
    private final HashCost hashCost;
    private final SkiplistCost skiplist;

    private int type;
    private long declared;
    private KeyType typeName;

    private boolean blob;
    private long blobBytes;
    /** Listpack bytes of the blob's entries, for a ziplist or zipmap the modelled version keeps as a listpack. */
    private long convertedBytes;
    private long inBlobCount, maxLen;

    private final ElementBuffer buf;
    /** Committed to the hashtable/skiplist path: elements are priced as they come. */
    private boolean large;

    private long htElements;
    /** Bucket count when the load leaves a dict's rehash unfinished (a hash converted part-way), else -1. */
    private long dictSlots = -1;
    /** Valkey: the hashtable of a hash converted part-way through its load, else null. */
    private ValkeyTableGrowth valkeyMidLoad;
    private long pendingField = -1, pendingValue, pendingMember = -1;
    private long fieldTtls;

    CollectionCost(Pricing p, Ledger ledger, EncodingThresholds t) {
        this.p = p;
        this.l = p.l;
        this.t = t;
        this.ledger = ledger;
        this.hashCost = new HashCost(p);
        this.skiplist = new SkiplistCost(p);
        this.buf = new ElementBuffer(RdbKeyCoster.bufferCap(t));
    }

    void begin(int rdbType, long declaredLength) {
        type = rdbType;
        declared = declaredLength;
        blob = false;
        blobBytes = convertedBytes = inBlobCount = maxLen = 0;
        buf.count = 0;
        large = false;
        htElements = 0;
        dictSlots = -1;
        valkeyMidLoad = null;
        pendingField = -1;
        pendingMember = -1;
        fieldTtls = 0;
        skiplist.reset();
        // A collection whose declared size is over every threshold is a hashtable/skiplist from the start.
        if (declaredLength >= 0 && isDictCandidate(rdbType) && declaredLength > smallLimit(rdbType)) startLarge();
        // Valkey 9 keeps every hash with field TTLs in a hashtable (t_hash.c: listpacks hold no expiry).
        if (p.valkeyTables() && fieldTtlHash()) startLarge();
    }

    void blob(BlobKind kind, long rawBytes) {
        blob = true;
        blobBytes = rawBytes;
    }

    /** An entry of the key's blob (listpack, ziplist, intset, zipmap) that is not a list's. */
    void blobElement(ElementRole role, long length, boolean integer, long value) {
        inBlobCount++;
        maxLen = Math.max(maxLen, length);
        if (large) largeElement(role, length, integer, value);
        else convertedBytes += EncodedSizes.listpackEntry(length, integer, value);
    }

    /**
     * Whether pricing a blob value of RDB type {@code rdbType} whose header counts {@code entries} needs its entries
     * one by one ({@link io.fragscope.source.rdb.RdbVisitor#wantsEntries}): only when the count converts it on load, the
     * same comparisons as {@link #set}, {@link #zset} and {@link #hash} (a converted blob is priced from its
     * longest element). A listpack, intset or quicklist node kept as it is costs its bytes whatever it holds.
     */
    boolean needsEntries(int rdbType, long entries) {
        return switch (rdbType) {
            case RDB_TYPE_SET_INTSET, RDB_TYPE_SET_LISTPACK, RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_HASH_LISTPACK -> overCount(rdbType, entries);
            case RDB_TYPE_LIST_QUICKLIST_2 -> false;
            default -> true;
        };
    }

    /**
     * Whether a set, sorted set or hash blob of RDB type {@code rdbType} holding {@code entries} entries is over its
     * count threshold, so the load converts it (rdb.c rdbLoadObject: intset and set listpack by members, a sorted set by
     * member-score pairs, a hash by fields, a listpackex's field TTL being its third entry).
     */
    private boolean overCount(int rdbType, long entries) {
        return switch (rdbType) {
            case RDB_TYPE_SET_INTSET -> entries > t.setIntsetEntries();
            case RDB_TYPE_SET_LISTPACK -> entries > t.setListpackEntries();
            case RDB_TYPE_ZSET_ZIPLIST, RDB_TYPE_ZSET_LISTPACK -> entries / 2 > t.zsetEntries();
            case RDB_TYPE_HASH_LISTPACK_EX, RDB_TYPE_HASH_LISTPACK_EX_PRE_GA -> entries / 3 > t.hashEntries();
            case RDB_TYPE_HASH_ZIPMAP, RDB_TYPE_HASH_ZIPLIST, RDB_TYPE_HASH_LISTPACK -> entries / 2 > t.hashEntries();
            default -> false;
        };
    }

    /** {@code entries} entries of the key's blob, counted and not sent ({@link #needsEntries}). */
    void entriesCounted(long entries) { inBlobCount += entries; }

    /** An element stored on its own in the file (a hashtable set or hash, a skiplist zset, a linked list). */
    void element(ElementRole role, long length, boolean integer, long value) {
        if (large) largeElement(role, length, integer, value);
        else buffer(role, length, integer, value);
    }

    void score(double score) {
        if (large) { skiplist.node(l.zslNodeEmbedsElement() ? pendingMember : -1); return; }
        String s = EncodedSizes.scoreText(score);
        boolean integral = score == Math.rint(score) && Math.abs(score) < 1e17;
        buffer(ElementRole.ZSET_SCORE, s.length(), integral, integral ? (long) score : 0);
    }

    void fieldExpire(long expireAtMs) {
        if (expireAtMs >= 0) fieldTtls++;
        if (large) {
            if (l.hashEntries()) hashCost.hashEntry(pendingField, pendingValue, expireAtMs >= 0);
            else hashCost.hashFieldStorage(pendingField, expireAtMs >= 0);
            pendingField = -1;
        } else if (buf.count > 0) buf.ttl[buf.lastField] = expireAtMs >= 0;
    }

    /** Hashes whose fields may carry TTLs (7.4 types 24/22): a field's allocation depends on the TTL that follows it. */
    private boolean fieldTtlHash() { return type == RDB_TYPE_HASH_METADATA || type == RDB_TYPE_HASH_METADATA_PRE_GA; }

    // ------------------------------------------------------------------ buffering

    private void buffer(ElementRole role, long length, boolean integer, long value) {
        if (buf.add(role, length, integer, value)) return;
        startLarge();
        largeElement(role, length, integer, value);
    }

    private static boolean isDictCandidate(int t) {
        return t == RDB_TYPE_SET || t == RDB_TYPE_ZSET || t == RDB_TYPE_ZSET_2 || t == RDB_TYPE_HASH
                || t == RDB_TYPE_HASH_METADATA || t == RDB_TYPE_HASH_METADATA_PRE_GA;
    }

    private long smallLimit(int rdbType) {
        return switch (rdbType) {
            case RDB_TYPE_SET -> l.listpackLists() ? Math.max(t.setIntsetEntries(), t.setListpackEntries()) : t.setIntsetEntries();
            case RDB_TYPE_ZSET, RDB_TYPE_ZSET_2 -> t.zsetEntries();
            default -> t.hashEntries();
        };
    }

    /** From here on the key is a hashtable (or skiplist): replay what was buffered, stream the rest. */
    private static final ElementRole[] ROLES = ElementRole.values();

    private void startLarge() {
        if (large) return;
        large = true;
        int n = buf.count;
        buf.count = 0;
        ElementRole[] roles = ROLES;
        int field = -1;
        for (int i = 0; i < n; i++) {
            ElementRole role = roles[buf.role[i]];
            largeElement(role, buf.len[i], buf.integer[i], buf.val[i]);
            if (role == ElementRole.HASH_FIELD) field = i;
            if (role == ElementRole.HASH_VALUE && fieldTtlHash() && field >= 0) {
                if (l.hashEntries()) hashCost.hashEntry(pendingField, pendingValue, buf.ttl[field]);
                else hashCost.hashFieldStorage(pendingField, buf.ttl[field]);
                pendingField = -1;
            }
        }
    }

    private void largeElement(ElementRole role, long length, boolean integer, long value) {
        switch (role) {
            case SET_MEMBER -> {
                htElements++;
                p.usage += p.elementStorage(length, integer, value) + (p.valkeyTables() ? 0 : l.dictEntry());
            }
            case HASH_FIELD -> {
                htElements++;
                if (l.hashEntries()) {
                    // 8.2+: field and value become one Entry stored in the no_value dict's buckets (entry.c).
                    pendingField = length;
                    if (!p.valkeyTables()) p.usage += l.dictEntry(); // Redis's dictMemUsage still counts sizeof(dictEntry) per field
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
                    if (!p.valkeyTables()) p.usage += l.dictEntry();
                    return;
                }
                p.usage += p.elementStorage(length, integer, value);
                if (p.valkeyTables()) return; // the hashtable's buckets point at the node: no entry of its own
                p.usage += l.dictEntry();
                ledger.alloc(l.dictEntry());
            }
            case ZSET_SCORE -> skiplist.node(l.zslNodeEmbedsElement() ? pendingMember : -1);
            case LIST_ITEM -> { }
        }
    }

    // ------------------------------------------------------------------ the encoding the key ends in

    /** 2.8/3.0 lists (no quicklist): a ziplist list stays a ziplist; a linked list has a node and an object per element. */
    Encoding oldList() {
        p.valueObject();
        if (type == RDB_TYPE_LIST_ZIPLIST) blobCost();
        else {
            ledger.alloc(48);
            for (int i = 0; i < buf.count; i++) {
                ledger.alloc(24);
                ledger.alloc(l.robj());
                ledger.alloc(l.sdsRequest(buf.len[i]));
            }
        }
        p.usage += p.objectUsage();
        return type == RDB_TYPE_LIST_ZIPLIST ? Encoding.ZIPLIST : Encoding.LINKEDLIST;
    }

    /** @return the set's encoding: intset, listpack or hashtable */
    Encoding set() {
        typeName = KeyType.SET;
        if (type == RDB_TYPE_SET_INTSET || type == RDB_TYPE_SET_LISTPACK) {
            boolean intset = type == RDB_TYPE_SET_INTSET;
            if (overCount(type, inBlobCount)) return blobToDict();
            p.valueObject();
            blobCost();
            return intset ? Encoding.INTSET : Encoding.LISTPACK;
        }
        if (large) return dictCost(Encoding.HASHTABLE);
        // RDB_TYPE_SET under the thresholds: intset if all integers, else (7.2+) listpack, else hashtable.
        boolean ints = true;
        long max = 0;
        int width = 2;
        long lp = EncodedSizes.LISTPACK_HEADER_AND_END;
        for (int i = 0; i < buf.count; i++) {
            ints &= buf.integer[i];
            max = Math.max(max, buf.len[i]);
            if (buf.integer[i]) width = Math.max(width, EncodedSizes.intsetWidth(buf.val[i]));
            lp += EncodedSizes.listpackEntry(buf.len[i], buf.integer[i], buf.val[i]);
        }
        if (ints && buf.count <= t.setIntsetEntries()) {
            smallCost(8 + (long) buf.count * width);
            return Encoding.INTSET;
        }
        if (l.listpackLists() && buf.count <= t.setListpackEntries() && max <= t.setListpackValue()) {
            smallCost(lp);
            return Encoding.LISTPACK;
        }
        startLarge();
        return dictCost(Encoding.HASHTABLE);
    }

    /** @return the sorted set's encoding: listpack (ziplist before 7.0) or skiplist */
    Encoding zset() {
        typeName = KeyType.ZSET;
        if (type == RDB_TYPE_ZSET_ZIPLIST || type == RDB_TYPE_ZSET_LISTPACK) {
            if (overCount(type, inBlobCount)) return blobToDict();
            p.valueObject();
            if (type == RDB_TYPE_ZSET_ZIPLIST && l.listpacks()) convertedCost();
            else blobCost();
            return l.listpacks() ? Encoding.LISTPACK : Encoding.ZIPLIST;
        }
        if (!large) {
            long max = 0;
            for (int i = 0; i < buf.count; i++) if (buf.is(i, ElementRole.ZSET_MEMBER)) max = Math.max(max, buf.len[i]);
            if (max > t.zsetValue()) startLarge();
        }
        if (large) return skiplistCost();
        smallCost(small(buf.count));
        return l.listpacks() ? Encoding.LISTPACK : Encoding.ZIPLIST;
    }

    /** @return the hash's encoding: listpack (ziplist before 7.0), listpackex (field TTLs) or hashtable */
    Encoding hash() {
        typeName = KeyType.HASH;
        boolean ex = type == RDB_TYPE_HASH_LISTPACK_EX || type == RDB_TYPE_HASH_LISTPACK_EX_PRE_GA;
        if (type == RDB_TYPE_HASH_ZIPMAP || type == RDB_TYPE_HASH_ZIPLIST || type == RDB_TYPE_HASH_LISTPACK || ex) {
            if (overCount(type, inBlobCount) || type == RDB_TYPE_HASH_ZIPMAP && maxLen > t.hashValue()) return blobToDict();
            p.valueObject();
            if (ex) hashCost.listpackExStruct();
            if (type == RDB_TYPE_HASH_ZIPMAP || type == RDB_TYPE_HASH_ZIPLIST && l.listpacks()) convertedCost();
            else blobCost();
            return ex ? Encoding.LISTPACKEX : l.listpacks() ? Encoding.LISTPACK : Encoding.ZIPLIST;
        }
        if (!large) {
            int pairs = 0, convertAt = -1;
            for (int i = 0; i < buf.count; i++) {
                if (buf.is(i, ElementRole.HASH_FIELD)) pairs++;
                if (convertAt < 0 && buf.len[i] > t.hashValue()) convertAt = pairs - 1;
            }
            if (convertAt >= 0) {
                if (p.valkeyTables()) valkeyMidLoad = ValkeyTableGrowth.convertedMidLoad(p.newValkeyTable(), convertAt, pairs);
                else dictSlots = DictGrowth.convertedMidLoad(convertAt, pairs, l.hashLoadExpandsToFullLength());
                startLarge();
            }
        }
        if (large) return dictCost(Encoding.HASHTABLE);
        Encoding encoding = fieldTtlHash() && l.hashFieldExpiry() ? Encoding.LISTPACKEX : l.listpacks() ? Encoding.LISTPACK : Encoding.ZIPLIST;
        if (encoding == Encoding.LISTPACKEX) hashCost.listpackExStruct();
        smallCost(small(buf.count));
        return encoding;
    }

    /** Size of a listpack (7.0+) or ziplist holding the buffered elements. */
    private long small(int n) {
        if (l.listpacks()) {
            long lp = EncodedSizes.LISTPACK_HEADER_AND_END;
            for (int i = 0; i < n; i++) lp += EncodedSizes.listpackEntry(buf.len[i], buf.integer[i], buf.val[i]);
            return lp;
        }
        long zl = EncodedSizes.ZIPLIST_HEADER_AND_END, prev = 0;
        for (int i = 0; i < n; i++) {
            long e = EncodedSizes.ziplistEntry(prev, buf.len[i], buf.integer[i], buf.val[i]);
            zl += e;
            prev = e;
        }
        return zl;
    }

    private void smallCost(long bytes) {
        p.valueObject();
        ledger.alloc(bytes);
        p.usage += p.objectUsage() + (l.usageRoundsBlobs() ? ledger.zmallocSize(bytes) : bytes);
    }

    private void blobCost() {
        ledger.alloc(blobBytes);
        p.usage += p.objectUsage() + (l.usageRoundsBlobs() ? ledger.zmallocSize(blobBytes) : blobBytes);
    }

    /** A zipmap or ziplist the modelled version keeps as a listpack (or a zipmap kept as ziplist before 7.0). */
    private void convertedCost() {
        // Only zipmaps keep a ziplist (before 7.0); their entries were summed as listpack sizes, ziplist is within a byte per entry.
        long bytes = l.listpacks() ? convertedBytes : EncodedSizes.ZIPLIST_HEADER_AND_END + convertedBytes - EncodedSizes.LISTPACK_HEADER_AND_END;
        ledger.alloc(bytes);
        p.usage += p.objectUsage() + (l.usageRoundsBlobs() ? ledger.zmallocSize(bytes) : bytes);
    }

    /** A blob over the thresholds, converted on load: priced from its counts as a hashtable (or skiplist). */
    private Encoding blobToDict() {
        boolean zset = typeName == KeyType.ZSET, hash = typeName == KeyType.HASH;
        htElements = hash || zset ? inBlobCount / 2 : inBlobCount;
        long avg = htElements == 0 ? 0 : Math.max(1, maxLen / 2);
        for (long i = 0; i < htElements; i++) {
            long sds = l.sdsRequest(avg);
            ledger.alloc(sds);
            ledger.alloc(l.dictEntry());
            p.usage += ledger.zmallocSize(sds) + l.dictEntry();
            if (hash) {
                ledger.alloc(sds);
                p.usage += ledger.zmallocSize(sds);
            }
        }
        if (!zset) return dictCost(Encoding.HASHTABLE);
        for (long i = 0; i < htElements; i++) skiplist.node(l.zslNodeEmbedsElement() ? pendingMember : -1);
        return skiplistCost();
    }

    private Encoding skiplistCost() {
        long presize = declared > 0 && !blob ? declared : htElements;
        p.valueObject();
        p.usage += p.objectUsage() + skiplist.finish(RdbKeyCoster.nextPow2(Math.max(4, presize)), htElements, presize);
        return Encoding.SKIPLIST;
    }

    private Encoding dictCost(Encoding enc) {
        boolean set = typeName == KeyType.SET, hash = typeName == KeyType.HASH;
        if (p.valkeyTables() && (set || hash)) {
            p.valueObject();
            // Valkey 9 hashes keep their volatile set (a vset, 8 bytes) as the hashtable's metadata
            int meta = hash ? l.valkeyHashMetadata() : 0;
            p.usage += p.objectUsage() + (valkeyMidLoad != null ? p.valkeyHashtable(valkeyMidLoad, meta)
                    : p.valkeyHashtable(htElements, declared > 0 ? declared : htElements, meta));
            if (hash && fieldTtlHash()) p.usage += hashCost.volatileSet(fieldTtls);
            return enc;
        }
        long slots = dictSlots > 0 ? dictSlots : RdbKeyCoster.nextPow2(Math.max(4, declared > 0 ? declared : htElements));
        p.valueObject();
        // A hash with field TTLs gets a dict with dictExpireMetadata (server.h) appended; MEMORY USAGE counts sizeof(dict) only.
        ledger.alloc(l.dictStruct() + (fieldTtlHash() ? l.hashMetadataTtlDict() : 0));
        ledger.alloc(8 * slots);
        p.usage += p.objectUsage() + l.dictStruct() + 8 * slots;
        boolean inline = !p.valkeyTables() && (set ? l.setEntriesInline() : hash && l.hashEntries());
        if (set && !inline) ledger.alloc(l.dictEntry(), htElements);
        // 7.2+ sets and 8.2+ hashes (dict.c no_value + keys_are_odd): an element alone in its bucket needs no entry;
        // colliding ones take a 16-byte dictEntryNoValue.
        if (inline) ledger.alloc(16, RdbKeyCoster.collisions(slots, htElements));
        return enc;
    }
}
