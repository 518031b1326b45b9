package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.cost.RdbKeyCoster;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.where.WhereCollector;
import io.fragscope.model.Encoding;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.KeyType;
import io.fragscope.source.KeyName;
import io.fragscope.source.rdb.RdbVisitor;
import io.fragscope.source.rdb.TeeVisitor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rides along one RDB pass, after the main {@link RdbKeyCoster}: it receives that coster's {@link KeyCost}s through
 * {@link #sink()} and the reader's events as an {@link RdbVisitor} (put it after the main coster in a
 * {@link TeeVisitor}). The threshold what-if (the same keys under the encoding thresholds doubled and halved) is
 * priced by two more costers, but only for the keys it can change: a hash, set or sorted set's events are recorded
 * ({@link #TAPE_EVENTS} at most) and replayed into a what-if coster only when one of the key's counts or element
 * lengths lies between the run's threshold and the what-if's, the only case in which one of the coster's threshold
 * comparisons comes out otherwise (every other key prices the same under both, so it adds nothing to the table). A
 * key with more events than the tape holds is fed to both what-if costers as it is read. Memory is bounded: the
 * tape, and {@link WhereCollector}'s capped tables.
 */
public final class ProfileCollector implements RdbVisitor {
    private final CostModel model;
    private final RdbKeyCoster[] variants;
    private final EncodingThresholds[] variantThresholds;
    private final String[] direction = {"raise", "lower"};
    private final KeyCost[] variantCost = new KeyCost[2];
    private final long fallbackNowMs;
    private long ctimeMs = -1;

    /** Whether the current key goes to the what-if costers: only hashes, sets and sorted sets depend on the thresholds. */
    private boolean fan;
    /** The current key is fed to both what-if costers as it is read (its events overflowed the tape, or {@link #exhaustive}). */
    private boolean live;
    /** Replay every hash, set and sorted set into both what-if costers (the reference the selective replay is tested against). */
    private final boolean exhaustive;

    /** Events of the current key, three longs each: kind and flags, then two operands. */
    static final int TAPE_EVENTS = 16_384;
    private static final int EV_BLOB = 1, EV_ELEMENT = 2, EV_SCORE = 3, EV_FIELD_EXPIRE = 4, EV_COUNTED = 5;
    private long[] tape = new long[3 * 256];
    private int tapeEvents;
    private int beginDb, beginType;
    private long beginDeclared, beginExpire, beginOffset;
    /** Per key: the counts and lengths the costers compare with the thresholds. */
    private long inBlob, notInBlob, declared;
    /** Per what-if: an element length lies between the run's and the what-if's value thresholds. */
    private final boolean[] lengthCrosses = new boolean[2];
    private final long[][] valueRange = new long[2][];
    private final long[][] entriesRange = new long[2][];
    private final boolean[] capDiffers = new boolean[2];
    private final long[] capMin = new long[2];
    private byte[] key = new byte[64];
    /** Bytes held in {@link #key}; a name over {@link KeyName#MAX_HELD} bytes is {@link #longName}. */
    private int keyLen;
    private KeyName longName, pendingLongName;
    /** The key's cluster slot, the reader's (over every byte of a long name). */
    private int keySlot;
    private long largest;
    private KeyCost base;

    private final long[] expiryBytes = new long[KeyspaceProfile.ExpiryBucket.values().length];
    private final long[] expiryKeys = new long[expiryBytes.length];
    private final long[] idleBytes = new long[KeyspaceProfile.IDLE_THRESHOLDS_SECONDS.length];
    private boolean lruKnown, lfuKnown;
    private long lfuColdBytes, keyBytes;
    /** Per direction (0 raise, 1 lower) and type: keys converted, bytes, binding-setting bits. */
    @SuppressWarnings("unchecked")
    private final Map<KeyType, long[]>[] whatIf = new Map[] {new EnumMap<>(KeyType.class), new EnumMap<>(KeyType.class)};

    private final WhereCollector where;

    /**
     * @param model         the main coster's model; the what-if costers copy it with other thresholds
     * @param aggregation   prefix separators/depth and top-N of the run
     * @param fileTimeMs    the file's modification time, "now" for expiry when it has no ctime AUX field
     */
    public ProfileCollector(CostModel model, AggregationOptions aggregation, long fileTimeMs) {
        this(model, aggregation, fileTimeMs, false);
    }

    /** @param exhaustive true: every hash, set and sorted set goes through both what-if costers (for tests) */
    ProfileCollector(CostModel model, AggregationOptions aggregation, long fileTimeMs, boolean exhaustive) {
        this.exhaustive = exhaustive;
        this.model = model;
        this.fallbackNowMs = fileTimeMs;
        EncodingThresholds t = model.thresholds();
        this.variantThresholds = new EncodingThresholds[] {scaled(t, 2, 1), scaled(t, 1, 2)};
        this.variants = new RdbKeyCoster[2];
        for (int i = 0; i < 2; i++) {
            int slot = i;
            variants[i] = new RdbKeyCoster(new CostModel(model.layout(), model.allocator(), variantThresholds[i], model.clusterMode(),
                    model.sharedIntegers(), model.versionReason()), c -> variantCost[slot] = c, false);
        }
        for (int i = 0; i < 2; i++) {
            EncodingThresholds a = t, b = variantThresholds[i];
            valueRange[i] = ranges(new long[] {a.hashValue(), a.setListpackValue(), a.zsetValue()},
                    new long[] {b.hashValue(), b.setListpackValue(), b.zsetValue()});
            entriesRange[i] = ranges(new long[] {a.hashEntries(), a.setIntsetEntries(), a.setListpackEntries(), a.zsetEntries(),
                            Math.max(a.setIntsetEntries(), a.setListpackEntries())},
                    new long[] {b.hashEntries(), b.setIntsetEntries(), b.setListpackEntries(), b.zsetEntries(),
                            Math.max(b.setIntsetEntries(), b.setListpackEntries())});
            long capA = RdbKeyCoster.bufferCap(a), capB = RdbKeyCoster.bufferCap(b);
            capDiffers[i] = capA != capB;
            capMin[i] = Math.min(capA, capB);
        }
        this.where = new WhereCollector(aggregation);
        io.fragscope.model.Allocator a = model.allocator().allocator();
        io.fragscope.model.RedisLayout l = model.layout();
        // a key object holds the robj; a keyspace of key objects has no dictEntry per key (RdbKeyCoster.endKey)
        this.keyStructsBound = l.keyInObject() ? 0 : a.footprint(l.robj()) + 2 * a.footprint(model.dictEntry());
        this.quicklistStructsBound = a.footprint(l.quicklistStruct()) + a.footprint(l.quicklistNode());
        for (int v = 0; v < 2; v++) for (int len = 0; len < CROSS_TABLE; len++) crossTable[v][len] = within(valueRange[v], len);
    }

    /** {@link #within} of {@link #valueRange} for every length below {@link #CROSS_TABLE}: a lookup per element. */
    private static final int CROSS_TABLE = 4096;
    private final boolean[][] crossTable = new boolean[2][CROSS_TABLE];

    /** Half-open intervals (lo, hi] between each pair of thresholds, as lo0, hi0, lo1, hi1 … */
    private static long[] ranges(long[] a, long[] b) {
        long[] r = new long[a.length * 2];
        for (int i = 0; i < a.length; i++) {
            r[2 * i] = Math.min(a[i], b[i]);
            r[2 * i + 1] = Math.max(a[i], b[i]);
        }
        return r;
    }

    private static boolean within(long[] ranges, long q) {
        for (int i = 0; i < ranges.length; i += 2) if (q > ranges[i] && q <= ranges[i + 1]) return true;
        return false;
    }

    static EncodingThresholds scaled(EncodingThresholds t, long mul, long div) {
        return new EncodingThresholds(t.hashEntries() * mul / div, t.hashValue() * mul / div, t.setIntsetEntries() * mul / div,
                t.setListpackEntries() * mul / div, t.setListpackValue() * mul / div, t.zsetEntries() * mul / div,
                t.zsetValue() * mul / div, t.listSize());
    }

    /** Where the main coster hands its costs (before this visitor's {@link #endKey} of the same key). */
    public KeyCostSink sink() { return c -> base = c; }

    @Override public void header(int v, boolean valkeyMagic) { for (RdbKeyCoster c : variants) c.header(v, valkeyMagic); }

    @Override public void aux(String k, String v) {
        if (k.equals("ctime")) {
            try { ctimeMs = Long.parseLong(v.trim()) * 1000; } catch (NumberFormatException e) { ctimeMs = -1; }
        }
        for (RdbKeyCoster c : variants) c.aux(k, v);
    }

    @Override public void selectDb(int db) { for (RdbKeyCoster c : variants) c.selectDb(db); }
    @Override public void resizeDb(long a, long b) { for (RdbKeyCoster c : variants) c.resizeDb(a, b); }

    @Override public void longKeyName(KeyName name) {
        pendingLongName = name;
    }

    @Override public void beginKey(int db, byte[] k, int len, int slot, int t, long d, long e, long o) {
        if (key.length < len) key = new byte[Math.max(len, key.length * 2)];
        System.arraycopy(k, 0, key, 0, len);
        keyLen = len;
        keySlot = slot;
        longName = pendingLongName;
        pendingLongName = null;
        largest = 0;
        base = null;
        fan = thresholdDependent(t);
        if (!fan) return;
        live = exhaustive;
        tapeEvents = 0;
        inBlob = notInBlob = 0;
        declared = d;
        lengthCrosses[0] = lengthCrosses[1] = false;
        beginDb = db;
        beginType = t;
        beginDeclared = d;
        beginExpire = e;
        beginOffset = o;
        if (live) for (RdbKeyCoster c : variants) {
            if (longName != null) c.longKeyName(longName);
            c.beginKey(db, k, len, slot, t, d, e, o);
        }
    }

    private void record(int kind, long a, long b) {
        if (tapeEvents == TAPE_EVENTS) {
            // Too many events to hold: the what-if costers take this key as it is read, from what was recorded on.
            live = true;
            for (RdbKeyCoster c : variants) replay(c, true);
            tapeEvents = 0;
        }
        if (live) { apply(variants[0], kind, a, b); apply(variants[1], kind, a, b); return; }
        int at = 3 * tapeEvents;
        if (at + 3 > tape.length) tape = java.util.Arrays.copyOf(tape, Math.min(3 * TAPE_EVENTS, tape.length * 2));
        tape[at] = kind;
        tape[at + 1] = a;
        tape[at + 2] = b;
        tapeEvents++;
    }

    private static final RdbVisitor.BlobKind[] BLOB_KINDS = RdbVisitor.BlobKind.values();
    private static final RdbVisitor.ElementRole[] ROLES = RdbVisitor.ElementRole.values();

    private static void apply(RdbKeyCoster c, long kind, long a, long b) {
        switch ((int) (kind & 0xff)) {
            case EV_BLOB -> c.blob(BLOB_KINDS[(int) (kind >>> 8)], a, b);
            case EV_ELEMENT -> c.element(ROLES[(int) (kind >>> 10)], a, (kind & 0x100) != 0, b, (kind & 0x200) != 0);
            case EV_SCORE -> c.score(Double.longBitsToDouble(a));
            case EV_FIELD_EXPIRE -> c.fieldExpire(a);
            case EV_COUNTED -> c.entriesCounted(a);
            default -> throw new IllegalStateException("tape event " + kind);
        }
    }

    /** Hands the recorded key to one what-if coster: its beginKey, then every event in order. */
    private void replay(RdbKeyCoster c, boolean begin) {
        if (begin && longName != null) c.longKeyName(longName);
        if (begin) c.beginKey(beginDb, key, keyLen, keySlot, beginType, beginDeclared, beginExpire, beginOffset);
        for (int i = 0; i < tapeEvents; i++) apply(c, tape[3 * i], tape[3 * i + 1], tape[3 * i + 2]);
    }

    /** Whether what-if {@code v} can price the recorded key otherwise than the run's thresholds do. */
    private boolean crosses(int v) {
        if (lengthCrosses[v]) return true;
        long[] r = entriesRange[v];
        if (within(r, declared) || within(r, inBlob) || within(r, inBlob / 2) || within(r, inBlob / 3) || within(r, notInBlob)) return true;
        return capDiffers[v] && notInBlob >= capMin[v];
    }

    /** Hash, set and sorted-set types (rdb.h): the only ones whose encoding the *-max-listpack-* and intset settings decide. */
    static boolean thresholdDependent(int rdbType) {
        return switch (rdbType) {
            case 2, 3, 4, 5, 9, 11, 12, 13, 16, 17, 20, 22, 23, 24, 25 -> true;
            default -> false;
        };
    }

    @Override public void stringValue(long length, boolean integer, long value) { largest = Math.max(largest, length); }

    @Override public void blob(BlobKind kind, long raw, long entries) { if (fan) record(EV_BLOB | kind.ordinal() << 8, raw, entries); }

    /**
     * The largest element is needed for a key that may enter the top keys, and the entries for one a what-if coster
     * converts by its count. Reads the what-if costers' thresholds and the top's floor, both safe on the reader's thread.
     */
    @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) {
        if (where.mayEnterTop(allocatedBound(rdbType, keyBytes, rawBytes))) return true;
        return thresholdDependent(rdbType) && (variants[0].wantsEntries(rdbType, keyBytes, rawBytes, entries)
                || variants[1].wantsEntries(rdbType, keyBytes, rawBytes, entries));
    }

    /**
     * At least the allocated bytes of a key of RDB type {@code rdbType} whose value is one blob of {@code rawBytes} (an
     * intset, a set, sorted set or hash listpack, or a quicklist's one listpack node), from the modelled layout's own
     * sizes, each rounded by the allocator with its prefix: the blob; the allocation holding the name (its sds at
     * sdshdr8 or wider, or the key object that embeds it with the robj and all eight metadata slots Redis allows,
     * keymeta.c); the value's robj and the keyspace and expires dictEntry (with cluster metadata) beside an sds key;
     * and for a quicklist the load keeps as one, its struct and node.
     * The same pieces {@code RdbKeyCoster.endKey} and {@code ListCost} charge, so it is tight: a bound 300 bytes
     * looser made the reader decompress and walk a seventh of the benchmark's lists for their largest element.
     * {@code CountedEntriesTest} holds every such key of the real files to it, under five layouts.
     */
    long allocatedBound(int rdbType, long keyBytes, long rawBytes) {
        io.fragscope.model.Allocator a = model.allocator().allocator();
        io.fragscope.model.RedisLayout l = model.layout();
        long name = l.keyInObject() ? l.keyObjectRequest(keyBytes, true, KEY_META_CLASSES - 1)
                : Math.max(3, l.sdsHeader(keyBytes)) + keyBytes + 1;
        return a.footprint(rawBytes) + a.footprint(name) + keyStructsBound
                + (rdbType == io.fragscope.source.rdb.RdbFormat.RDB_TYPE_LIST_QUICKLIST_2 && !model.keepsOneNodeListAsListpack(rawBytes) ? quicklistStructsBound : 0);
    }

    /** keymeta.c: a key carries at most eight metadata values, the first being its expire time. */
    private static final int KEY_META_CLASSES = 8;

    /** The fixed structs of {@link #allocatedBound} (every key's; a quicklist's), each with the allocator's rounding and prefix. */
    private final long keyStructsBound, quicklistStructsBound;

    @Override public void entriesCounted(long entries) {
        if (!fan) return;
        inBlob += entries;
        record(EV_COUNTED, entries, 0);
    }

    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {
        if (role != ElementRole.ZSET_SCORE) largest = Math.max(largest, length);
        if (!fan) return;
        if (inBlob) this.inBlob++; else notInBlob++;
        if (role != ElementRole.ZSET_SCORE) {
            if (length < CROSS_TABLE) {
                lengthCrosses[0] |= crossTable[0][(int) length];
                lengthCrosses[1] |= crossTable[1][(int) length];
            } else {
                lengthCrosses[0] |= within(valueRange[0], length);
                lengthCrosses[1] |= within(valueRange[1], length);
            }
        }
        record(EV_ELEMENT | (integer ? 0x100 : 0) | (inBlob ? 0x200 : 0) | role.ordinal() << 10, length, value);
    }

    @Override public void score(double s) {
        if (!fan) return;
        notInBlob++;   // the coster buffers a score like an element
        record(EV_SCORE, Double.doubleToRawLongBits(s), 0);
    }

    @Override public void fieldExpire(long at) { if (fan) record(EV_FIELD_EXPIRE, at, 0); }

    @Override public void endKey(long endOffset, long lru, int lfu) {
        variantCost[0] = variantCost[1] = null;
        if (fan) {
            for (int v = 0; v < 2; v++) {
                if (live) variants[v].endKey(endOffset, lru, lfu);
                else if (crosses(v)) {
                    replay(variants[v], true);
                    variants[v].endKey(endOffset, lru, lfu);
                }
            }
        }
        KeyCost c = base;
        if (c == null) return;   // the main coster priced nothing (cannot happen with RdbKeyCoster; be safe)
        long bytes = c.allocatedBytes();
        long now = ctimeMs >= 0 ? ctimeMs : fallbackNowMs;
        int b = KeyspaceProfile.ExpiryBucket.of(c.ttlMs(), now).ordinal();
        expiryBytes[b] += bytes;
        expiryKeys[b]++;
        if (lru >= 0) {
            lruKnown = true;
            for (int i = 0; i < idleBytes.length; i++) if (lru > KeyspaceProfile.IDLE_THRESHOLDS_SECONDS[i]) idleBytes[i] += bytes;
        }
        if (lfu >= 0) {
            lfuKnown = true;
            if (lfu < 5) lfuColdBytes += bytes;
        }
        keyBytes += longName == null ? keyLen : longName.length();
        for (int i = 0; i < 2; i++) if (variantCost[i] != null) compare(i, c, variantCost[i]);
        where.add(c, bytes, largest, key, keyLen, keySlot);
    }

    private void compare(int v, KeyCost before, KeyCost after) {
        long delta = after.allocatedBytes() - before.allocatedBytes();
        boolean converted = before.encoding() != after.encoding();
        if (!converted && delta == 0) return;
        long[] acc = whatIf[v].computeIfAbsent(before.type(), k -> new long[3]);
        if (converted) acc[0]++;
        acc[1] += delta;
        if (converted) acc[2] |= binding(v, before, after);
    }

    /** Which thresholds decide the conversion, as bits: 1 entries, 2 value, 4 intset entries. */
    private long binding(int v, KeyCost before, KeyCost after) {
        EncodingThresholds lo = v == 0 ? model.thresholds() : variantThresholds[1];
        long n = before.elements();
        boolean intset = before.encoding() == Encoding.INTSET || after.encoding() == Encoding.INTSET;
        return switch (before.type()) {
            case HASH -> (n > lo.hashEntries() ? 1 : 0) | (largest > lo.hashValue() ? 2 : 0);
            case SET -> intset ? 4 : (n > lo.setListpackEntries() ? 1 : 0) | (largest > lo.setListpackValue() ? 2 : 0);
            case ZSET -> (n > lo.zsetEntries() ? 1 : 0) | (largest > lo.zsetValue() ? 2 : 0);
            default -> 0;
        };
    }

    public KeyspaceProfile profile() {
        List<KeyspaceProfile.EncodingWhatIf> wi = new ArrayList<>();
        boolean listpackNames = model.layout().version().atLeast(7, 0);
        for (int v : new int[] {1, 0}) { // "lower" before "raise", types by name: the order the plan lists them in
            for (Map.Entry<KeyType, long[]> e : whatIf[v].entrySet()) {
                long[] acc = e.getValue();
                wi.add(new KeyspaceProfile.EncodingWhatIf(direction[v], e.getKey(),
                        settings(e.getKey(), acc[2], model.thresholds(), variantThresholds[v], listpackNames), acc[0], acc[1]));
            }
        }
        return new KeyspaceProfile(ctimeMs >= 0 ? ctimeMs : fallbackNowMs, expiryBytes.clone(), expiryKeys.clone(), lruKnown, idleBytes.clone(),
                lfuKnown, lfuColdBytes, wi, keyBytes, where.summary());
    }

    private static List<KeyspaceProfile.Setting> settings(KeyType type, long bits, EncodingThresholds from, EncodingThresholds to, boolean lp) {
        String small = lp ? "listpack" : "ziplist";
        List<KeyspaceProfile.Setting> out = new ArrayList<>();
        switch (type) {
            case HASH -> {
                if ((bits & 1) != 0) out.add(new KeyspaceProfile.Setting("hash-max-" + small + "-entries", from.hashEntries(), to.hashEntries()));
                if ((bits & 2) != 0) out.add(new KeyspaceProfile.Setting("hash-max-" + small + "-value", from.hashValue(), to.hashValue()));
            }
            case SET -> {
                if ((bits & 4) != 0) out.add(new KeyspaceProfile.Setting("set-max-intset-entries", from.setIntsetEntries(), to.setIntsetEntries()));
                if ((bits & 1) != 0) out.add(new KeyspaceProfile.Setting("set-max-listpack-entries", from.setListpackEntries(), to.setListpackEntries()));
                if ((bits & 2) != 0) out.add(new KeyspaceProfile.Setting("set-max-listpack-value", from.setListpackValue(), to.setListpackValue()));
            }
            case ZSET -> {
                if ((bits & 1) != 0) out.add(new KeyspaceProfile.Setting("zset-max-" + small + "-entries", from.zsetEntries(), to.zsetEntries()));
                if ((bits & 2) != 0) out.add(new KeyspaceProfile.Setting("zset-max-" + small + "-value", from.zsetValue(), to.zsetValue()));
            }
            default -> { }
        }
        return out;
    }
}
