package io.fragscope.analysis.cost;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.EncodedSizes;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.source.KeyName;
import io.fragscope.source.listing.ListingFormat;
import io.fragscope.source.listing.ListingRow;
import io.fragscope.source.rdb.RdbVisitor.BlobKind;
import io.fragscope.source.rdb.RdbVisitor.ElementRole;

import static io.fragscope.source.rdb.RdbFormat.*;

/**
 * Prices a row of a peer's memory listing (redis-rdb-tools, redis-rdb-cli, HDT3213/rdb) from what the row states
 * about the key, not from the peer's size taken as MEMORY USAGE. The peer's size is the output of a known formula
 * ({@link PeerFormulas}); the formula is inverted to recover what it hides, and the key so recovered is priced by
 * the same coster as an RDB file ({@link RdbKeyCoster}), with the modelled version's layout and allocator:
 * <ul>
 *   <li>the key's own part (dictEntry, name sds, robj, expires entry) is known from the key and its expiry and
 *       taken off; what is left is the value's part;</li>
 *   <li>a string's length is the listed one (rdb-tools: {@code num_elements}; rdb-cli: {@code len_largest_element})
 *       or, where only the rounded sds is counted (HDT3213), the middle of the lengths that round to it; a value
 *       counted at 0 is an integer, whose value no peer prints: every other one is priced as shared (below 10,000);</li>
 *   <li>a listpack, ziplist, intset or zipmap is counted at its RDB length by every peer: kept exactly, its elements
 *       taken at the mean length that fills it;</li>
 *   <li>a hashtable or skiplist is counted as a dict, a fixed part per element and each element's rounded sds
 *       (integers at 0): the mean element length is found by bisection so that elements spread evenly over ±25 %
 *       of it (capped at the listed largest element, which one element takes) give the peer's sum;
 *       with nothing left for the elements, they are integers;</li>
 *   <li>a quicklist is counted by its node payloads plus a node overhead: the node count is the one that packs the
 *       payload into nodes of {@code list-max-listpack-size} bytes, and the payload is shared evenly by the nodes;</li>
 *   <li>a stream: rdb-tools counts its listpacks' allocations and an estimated radix tree per listpack, rdb-cli its
 *       RDB bytes, HDT3213 only a radix tree per entry: its nodes are taken as full (100 entries, 4 KiB).</li>
 * </ul>
 * The row's listed size stays as the peer's figure ({@code memory_usage_bytes} of the key), beside fragscope's
 * allocation; every row is {@link KeyCost.Exactness#MODELLED}. Rows this class cannot take apart (no size, a type
 * or encoding it does not know, more than {@link #MAX_ELEMENTS} elements) go to {@link ListingEstimator}.
 */
public final class PeerListingEstimator {
    /** Above this many elements a row is priced by {@link ListingEstimator} (the replay is per element). */
    static final long MAX_ELEMENTS = 1 << 24;
    /** Stream nodes close at stream-node-max-entries (100) or stream-node-max-bytes (4096). */
    private static final long STREAM_NODE_ENTRIES = 100, STREAM_NODE_BYTES = 4096;
    /**
     * No peer lists which fields of a hash carry a TTL: every other field is taken to have one, and a listpackex
     * entry for the TTL at the mean of a 13-digit time (10 bytes) and none (2 bytes).
     */
    private static final long TTL_ENTRY = 6, FIELD_TTL = 2_500_000_000_000L;

    private final ListingFormat peer;
    private final CostModel m;
    private final RedisLayout l;
    private final EncodingThresholds t;
    private final RdbKeyCoster coster;
    private final ListingEstimator fallback;
    private KeyCost last;
    private long integers;

    /** @throws IllegalArgumentException when {@code peer} is not one of the three peers' formats ({@link #prices}) */
    public PeerListingEstimator(ListingFormat peer, CostModel model) {
        if (!prices(peer)) throw new IllegalArgumentException(peer + " is not a peer's memory listing");
        this.peer = peer;
        this.m = model;
        this.l = model.layout();
        this.t = model.thresholds();
        this.coster = new RdbKeyCoster(model, c -> last = c, false);
        this.fallback = new ListingEstimator(model);
    }

    /** True for the listing formats whose sizes come from a peer's formula this class inverts. */
    public static boolean prices(ListingFormat format) {
        return format == ListingFormat.RDB_TOOLS || format == ListingFormat.RDB_CLI || format == ListingFormat.HDT3213;
    }

    public KeyCost estimate(ListingRow row, long listedAtMs) {
        long expireAt = row.expireAtMs(listedAtMs);
        String type = row.type() == null ? "" : row.type();
        String enc = row.encoding() == null ? "" : row.encoding();
        long n = row.elements();
        if (row.sizeBytes() < 0 || n > MAX_ELEMENTS) return fallback.estimate(row, listedAtMs);
        long value = Math.max(0, row.sizeBytes() - PeerFormulas.topLevel(peer, row.key(), expireAt >= 0));
        last = null;
        boolean priced = switch (type) {
            case "string" -> string(row, value, expireAt);
            case "hash", "set", "zset" -> collection(row, type, enc, Math.max(0, n), value, expireAt);
            case "list" -> list(row, enc, Math.max(0, n), value, expireAt);
            case "stream" -> stream(row, Math.max(0, n), value, expireAt);
            default -> module(row, value, expireAt);
        };
        if (!priced || last == null) return fallback.estimate(row, listedAtMs);
        KeyCost c = last;
        io.fragscope.model.KeyType modelledType = c.type() == io.fragscope.model.KeyType.MODULE ? io.fragscope.model.KeyType.ofListed(type) : c.type();
        // A type no formula knows is sized as the peer listed it (as a module value is), but its encoding is not known either.
        io.fragscope.model.Encoding modelledEncoding = modelledType == io.fragscope.model.KeyType.UNKNOWN ? io.fragscope.model.Encoding.UNKNOWN : c.encoding();
        return new KeyCost(row.db(), row.key(), modelledType, modelledEncoding, c.elements(), c.requestedBytes(), c.allocatedBytes(),
                c.roundingWasteBytes(), c.prefixOverheadBytes(), row.sizeBytes(), expireAt, KeyCost.Exactness.MODELLED);
    }

    // ------------------------------------------------------------------ strings

    private boolean string(ListingRow row, long value, long expireAt) {
        begin(row, RDB_TYPE_STRING, -1, expireAt);
        if (value == 0 && (peer != ListingFormat.RDB_TOOLS || row.elements() == 8)) {
            // counted at 0: an integer (rdbtools lists its length as 8, the size of a long); its value is not listed
            long v = integers++ % 2 == 0 ? 1_000 : 1_000_000;
            coster.stringValue(v == 1_000 ? 4 : 7, true, v);
        } else {
            coster.stringValue(stringLength(row, value), false, 0);
        }
        coster.endKey(0, -1, -1);
        return true;
    }

    /** The string's length: listed by rdb-tools and rdb-cli (rdb-cli's rounded from 1 kB on), else from its rounded sds. */
    long stringLength(ListingRow row, long value) {
        if (peer == ListingFormat.RDB_TOOLS && row.elements() >= 0) return row.elements();
        long lo = 0, hi = Long.MAX_VALUE / 4;
        if (value > 0) {
            // lengths whose sds the peer rounds to this class (rdb-cli prints sizes from 1 kB on to 0.1 kB)
            long slack = peer == ListingFormat.RDB_CLI ? printedSlack(row.sizeBytes()) : 0;
            lo = lengthForSds(value - slack, false);
            hi = lengthForSds(value + slack, true);
        }
        if (peer == ListingFormat.RDB_CLI && row.largestElementBytes() >= 0) {
            long s = printedSlack(row.largestElementBytes());
            long a = Math.max(lo, row.largestElementBytes() - s), b = Math.min(hi, row.largestElementBytes() + s);
            if (a <= b) { lo = a; hi = b; } else return row.largestElementBytes();
        }
        if (hi >= Long.MAX_VALUE / 4) return lo;
        return (lo + hi) / 2;
    }

    /** rdb-cli prints a size from 1,000 bytes on with one decimal of kB, MB, …: the figure read is within half of that. */
    static long printedSlack(long bytes) {
        long unit = 1;
        while (bytes >= unit * 1000 && unit < 1_000_000_000_000L) unit *= 1000;
        return unit == 1 ? 0 : unit / 20;
    }

    /** Smallest ({@code !last}) or largest length whose sds the peer counts at most (at least) {@code cost} bytes. */
    private long lengthForSds(long cost, boolean last) {
        long lo = 0, hi = Math.max(1, cost);
        if (last) {
            while (lo < hi) { long mid = (lo + hi + 1) >>> 1; if (PeerFormulas.sds(peer, mid) <= cost) lo = mid; else hi = mid - 1; }
            return lo;
        }
        while (lo < hi) { long mid = (lo + hi) >>> 1; if (PeerFormulas.sds(peer, mid) >= cost) hi = mid; else lo = mid + 1; }
        return lo;
    }

    // ------------------------------------------------------------------ hashes, sets, sorted sets

    private boolean collection(ListingRow row, String type, String enc, long n, long value, long expireAt) {
        boolean hash = type.equals("hash"), zset = type.equals("zset");
        switch (enc) {
            case "ziplist", "listpack", "intset", "zipmap" -> {
                int rdbType = switch (enc) {
                    case "intset" -> RDB_TYPE_SET_INTSET;
                    case "zipmap" -> RDB_TYPE_HASH_ZIPMAP;
                    case "ziplist" -> hash ? RDB_TYPE_HASH_ZIPLIST : zset ? RDB_TYPE_ZSET_ZIPLIST : RDB_TYPE_LIST_ZIPLIST;
                    default -> hash ? RDB_TYPE_HASH_LISTPACK : zset ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_SET_LISTPACK;
                };
                blob(row, rdbType, enc, hash || zset ? 2 : 1, n, value, expireAt);
                return true;
            }
            case "listpackex", "hashlistpackex" -> { // rdb-cli names RDB type 25 hashlistpackex, HDT3213 listpackex
                if (peer == ListingFormat.RDB_CLI) { // its listpack's RDB length and 8 bytes
                    blob(row, RDB_TYPE_HASH_LISTPACK_EX, enc, 3, n, Math.max(0, value - 8), expireAt);
                    return true;
                }
                // HDT3213 counts a listpackex as a dict (its encoding is not "listpack"): elements from that formula
                return dict(row, "hash", RDB_TYPE_HASH_LISTPACK_EX, n, value, expireAt);
            }
            case "hashtable", "hash", "set", "skiplist", "zset", "zset2" ->
                { return dict(row, type, hash ? RDB_TYPE_HASH : zset ? RDB_TYPE_ZSET_2 : RDB_TYPE_SET, n, value, expireAt); }
            case "hashex", "hashmetadata" -> { // a hash with field TTLs (Redis 7.4 type 24, Valkey 9 type 22): HDT3213, rdb-cli
                return dict(row, "hash", l.version().isValkey() ? VALKEY_RDB_TYPE_HASH_2 : RDB_TYPE_HASH_METADATA, n, value, expireAt);
            }
            default -> { return false; }
        }
    }

    /** A listpack, ziplist, intset or zipmap of {@code bytes} holding {@code n} elements of {@code perElement} entries. */
    private void blob(ListingRow row, int rdbType, String enc, int perElement, long n, long bytes, long expireAt) {
        boolean listpack = rdbType == RDB_TYPE_HASH_LISTPACK || rdbType == RDB_TYPE_ZSET_LISTPACK || rdbType == RDB_TYPE_SET_LISTPACK
                || rdbType == RDB_TYPE_HASH_LISTPACK_EX;
        BlobKind kind = switch (rdbType) {
            case RDB_TYPE_SET_INTSET -> BlobKind.INTSET;
            case RDB_TYPE_HASH_ZIPMAP -> BlobKind.ZIPMAP;
            case RDB_TYPE_HASH_LISTPACK_EX -> BlobKind.LISTPACK_EX;
            default -> listpack ? BlobKind.LISTPACK : BlobKind.ZIPLIST;
        };
        long entries = n * perElement;
        if (kind == BlobKind.LISTPACK_EX && bytes == 0) {
            bytes = EncodedSizes.LISTPACK_HEADER_AND_END + n * (2 * EncodedSizes.listpackEntry(8, false, 0) + TTL_ENTRY);
        }
        begin(row, rdbType, -1, expireAt);
        coster.blob(kind, bytes, entries);
        ElementRole[] roles = rdbType == RDB_TYPE_SET_INTSET || rdbType == RDB_TYPE_SET_LISTPACK ? new ElementRole[] {ElementRole.SET_MEMBER}
                : rdbType == RDB_TYPE_LIST_ZIPLIST ? new ElementRole[] {ElementRole.LIST_ITEM}
                : rdbType == RDB_TYPE_ZSET_ZIPLIST || rdbType == RDB_TYPE_ZSET_LISTPACK ? new ElementRole[] {ElementRole.ZSET_MEMBER, ElementRole.ZSET_SCORE}
                : new ElementRole[] {ElementRole.HASH_FIELD, ElementRole.HASH_VALUE};
        if (kind == BlobKind.INTSET) {
            long width = n > 0 ? Math.max(2, (bytes - 8) / n) : 2;
            long v = width <= 2 ? 1_000 : width <= 4 ? 1_000_000 : 1_000_000_000_000L;
            for (long i = 0; i < n; i++) coster.element(ElementRole.SET_MEMBER, String.valueOf(v).length(), true, v, true);
        } else {
            long stored = kind == BlobKind.LISTPACK_EX ? 2 * n : entries;
            long payload = bytes - (listpack ? EncodedSizes.LISTPACK_HEADER_AND_END : EncodedSizes.ZIPLIST_HEADER_AND_END)
                    - (kind == BlobKind.LISTPACK_EX ? TTL_ENTRY * n : 0);
            long len = stored > 0 ? lengthForEntry(payload / (double) stored, listpack) : 0;
            for (long i = 0; i < n; i++) {
                for (ElementRole r : roles) coster.element(r, len, false, 0, true);
                if (kind == BlobKind.LISTPACK_EX) coster.fieldExpire(i % 2 == 0 ? FIELD_TTL : -1);
            }
        }
        coster.endKey(0, -1, -1);
    }

    /** The string length whose listpack (ziplist) entry is closest to {@code entry} bytes. */
    static long lengthForEntry(double entry, boolean listpack) {
        long best = 0;
        double err = Double.MAX_VALUE;
        for (long len = Math.max(0, (long) entry - 12); len <= Math.max(1, (long) entry + 1); len++) {
            long e = listpack ? EncodedSizes.listpackEntry(len, false, 0) : EncodedSizes.ziplistEntry(0, len, false, 0);
            if (Math.abs(e - entry) < err) { err = Math.abs(e - entry); best = len; }
        }
        return best;
    }

    /**
     * A hashtable set or hash, or a skiplist zset: the peer's sum of rounded element sds is what is left of the
     * value once the dict and the fixed part per element are taken off; the mean element length comes from it.
     */
    private boolean dict(ListingRow row, String type, int rdbType, long n, long value, long expireAt) {
        boolean hash = type.equals("hash"), zset = type.equals("zset");
        boolean before4 = !l.version().atLeast(4, 0);
        double fixed;
        long struct;
        if (zset) {
            struct = PeerFormulas.skiplist(n);
            fixed = PeerFormulas.zsetMember(peer) + (peer == ListingFormat.RDB_CLI && before4 ? PeerFormulas.ROBJ : 0);
        } else {
            struct = PeerFormulas.hashtable(n);
            fixed = PeerFormulas.dictMember(peer, before4);
            if (peer == ListingFormat.RDB_CLI && rdbType == RDB_TYPE_HASH_METADATA) { fixed += 8; struct += 8; }
        }
        long m = hash ? 2 * n : n;
        double sum = value - struct - fixed * n;
        long max = peer == ListingFormat.HDT3213 ? -1 : row.largestElementBytes();
        boolean ints = sum < 4 * m; // every element counted at 0: integers
        LengthSpread s = ints ? null : invert(m, max, sum);
        long limit = hash ? t.hashValue() : zset ? t.zsetValue() : t.setListpackValue();
        long entries = hash ? t.hashEntries() : zset ? t.zsetEntries() : t.setListpackEntries();
        // listed as a dict though small enough for a listpack (sets have one from 7.2): one element is too long for it
        boolean small = n <= entries && (hash || zset || l.listpackLists());
        if (s != null && small && s.longest() <= limit) s.raiseLongest(limit + 1);
        begin(row, rdbType, n, expireAt);
        boolean fieldTtl = rdbType == RDB_TYPE_HASH_METADATA || rdbType == VALKEY_RDB_TYPE_HASH_2 || rdbType == RDB_TYPE_HASH_LISTPACK_EX;
        if (rdbType == RDB_TYPE_HASH_LISTPACK_EX) {
            long lp = EncodedSizes.LISTPACK_HEADER_AND_END;
            for (long i = 0; i < 2 * n; i++) lp += EncodedSizes.listpackEntry(s == null ? 7 : s.length(i), false, 0);
            coster.blob(BlobKind.LISTPACK_EX, lp + TTL_ENTRY * n, 3 * n);
        }
        boolean inBlob = rdbType == RDB_TYPE_HASH_LISTPACK_EX;
        for (long i = 0, e = 0; i < n; i++) {
            if (hash) {
                element(ElementRole.HASH_FIELD, s, e++, inBlob);
                element(ElementRole.HASH_VALUE, s, e++, inBlob);
                if (fieldTtl) coster.fieldExpire(i % 2 == 0 ? FIELD_TTL : -1);
            } else if (zset) {
                element(ElementRole.ZSET_MEMBER, s, e++, false);
                coster.score(i);
            } else {
                element(ElementRole.SET_MEMBER, s, e++, false);
            }
        }
        coster.endKey(0, -1, -1);
        return true;
    }

    /** Element {@code i} of a spread, or an integer of seven digits where the peer counted the elements at 0. */
    private void element(ElementRole role, LengthSpread s, long i, boolean inBlob) {
        if (s == null) coster.element(role, 7, true, 1_000_000 + i, inBlob);
        else coster.element(role, s.length(i), false, 0, inBlob);
    }

    /**
     * The spread of {@code m} element lengths whose rounded sds the peer sums to {@code sum} ({@link LengthSpread#invert}).
     */
    LengthSpread invert(long m, long max, double sum) { return LengthSpread.invert(m, max, sum, len -> PeerFormulas.sds(peer, len)); }

    /** What the peer sums for the sds of {@code s}'s elements. */
    double peerSum(LengthSpread s) { return s.sum(len -> PeerFormulas.sds(peer, len)); }

    // ------------------------------------------------------------------ lists

    private boolean list(ListingRow row, String enc, long n, long value, long expireAt) {
        boolean quicklist2 = enc.equals("quicklist2") || (peer == ListingFormat.RDB_TOOLS ? false : enc.equals("listpack"));
        if (!enc.equals("quicklist") && !quicklist2) {
            if (enc.equals("ziplist")) { blob(row, RDB_TYPE_LIST_ZIPLIST, enc, 1, n, value, expireAt); return true; }
            if (enc.equals("linkedlist") || enc.equals("list")) return linkedList(row, n, value, expireAt); // HDT3213 says "list"
            return false;
        }
        if (n == 0 || value <= 0) return false;
        long fixed = PeerFormulas.quicklistFixed(peer, quicklist2), perNode = PeerFormulas.quicklistNode(peer, quicklist2);
        long limit = Math.max(512, t.listNodeBytes() > 0 ? t.listNodeBytes() : 8192);
        long hdr = quicklist2 ? EncodedSizes.LISTPACK_HEADER_AND_END : EncodedSizes.ZIPLIST_HEADER_AND_END;
        // the node count that packs the payload (nodes fill to the limit less about a quarter of an entry: a node takes
        // entries while they fit, and the small ones fit most often)
        long nodes = 1, payload = 0;
        for (; nodes <= n; nodes++) {
            long entriesBytes = value - fixed - perNode * nodes; // payload of every node, headers excluded where the peer adds them
            long nodeBytes = peer == ListingFormat.RDB_CLI ? entriesBytes : entriesBytes + hdr * nodes;
            payload = nodeBytes;
            if (peer == ListingFormat.HDT3213 && !quicklist2) payload = hdtZiplistToTrue(entriesBytes, n) + hdr * nodes;
            double entry = Math.max(1, (payload - hdr * nodes) / (double) n);
            long perNodeEntries = Math.max(1, (long) ((limit - hdr - entry / 4) / entry));
            if ((n + perNodeEntries - 1) / perNodeEntries <= nodes) break;
        }
        nodes = Math.min(nodes, n);
        if (payload <= hdr * nodes) return false;
        begin(row, quicklist2 ? RDB_TYPE_LIST_QUICKLIST_2 : RDB_TYPE_LIST_QUICKLIST, nodes, expireAt);
        long len = lengthForEntry((payload - hdr * nodes) / (double) n, quicklist2);
        BlobKind kind = quicklist2 ? BlobKind.LISTPACK : BlobKind.ZIPLIST;
        for (long i = 0; i < nodes; i++) {
            long bytes = payload / nodes + (i < payload % nodes ? 1 : 0);
            long entries = n / nodes + (i < n % nodes ? 1 : 0);
            coster.quicklistNode(kind, bytes, entries, 2);
            for (long e = 0; e < entries; e++) coster.element(ElementRole.LIST_ITEM, len, false, 0, true);
        }
        coster.endKey(0, -1, -1);
        return true;
    }

    /**
     * HDT3213's ziplist entries are 4 bytes larger than the real ones below 64 bytes, 7 from 64 to 253 and 3 above
     * (its prevlen and header are mixed up): the real payload of {@code n} entries whose HDT3213 sum is {@code hdt},
     * their lengths spread as for a dict's elements.
     */
    long hdtZiplistToTrue(long hdt, long n) {
        if (n <= 0 || hdt <= 0) return Math.max(0, hdt);
        LengthSpread s = LengthSpread.invert(n, -1, hdt, PeerFormulas::hdtZiplistEntry);
        return Math.round(s.sum(PeerFormulas::rdbToolsZiplistEntry));
    }

    /**
     * A linked list (RDB type 1, which rdb-cli and HDT3213 list as read): the list struct, a 24-byte node per element
     * (and a robj per element in rdb-cli before RDB 8), and each element's rounded sds.
     */
    private boolean linkedList(ListingRow row, long n, long value, long expireAt) {
        if (n == 0) return false;
        long perElement = 24 + (peer == ListingFormat.RDB_CLI && !l.version().atLeast(4, 0) ? PeerFormulas.ROBJ : 0);
        double sum = value - 48 - perElement * n;
        LengthSpread s = sum < 4 * n ? null : invert(n, peer == ListingFormat.HDT3213 ? -1 : row.largestElementBytes(), sum);
        begin(row, RDB_TYPE_LIST, n, expireAt);
        for (long i = 0; i < n; i++) element(ElementRole.LIST_ITEM, s, i, false);
        coster.endKey(0, -1, -1);
        return true;
    }

    // ------------------------------------------------------------------ streams and modules

    private boolean stream(ListingRow row, long n, long value, long expireAt) {
        long nodes, lpBytes, entries;
        switch (peer) {
            case RDB_TOOLS -> { // listpacks at their allocation, a radix tree of 2.5 nodes per listpack
                long largest = Math.max(STREAM_NODE_BYTES / 4, row.largestElementBytes());
                long rest = value - PeerFormulas.streamFixed(peer, false);
                nodes = Math.max(1, Math.round(rest / (double) (PeerFormulas.jemallocClass(largest) + PeerFormulas.streamRadix(1))));
                lpBytes = Math.max(16, Math.min(largest, (rest - PeerFormulas.streamRadix(nodes)) / nodes));
                entries = nodes * STREAM_NODE_ENTRIES;
            }
            case RDB_CLI -> { // the value's RDB bytes: per node a 16-byte ID and its listpack
                nodes = Math.max(1, (value + STREAM_NODE_BYTES - 1) / STREAM_NODE_BYTES);
                lpBytes = Math.max(16, (value - 40) / nodes - 20);
                entries = nodes * STREAM_NODE_ENTRIES;
            }
            default -> { // a radix tree per entry, nothing of the listpacks: nodes of 100 entries filled to 4 KiB
                long rest = value - PeerFormulas.streamFixed(peer, l.version().atLeast(7, 0));
                entries = Math.max(0, rest / (PeerFormulas.streamRadix(1000) / 1000));
                nodes = Math.max(entries > 0 ? 1 : 0, (entries + STREAM_NODE_ENTRIES - 1) / STREAM_NODE_ENTRIES);
                lpBytes = STREAM_NODE_BYTES;
            }
        }
        if (nodes > MAX_ELEMENTS) return false;
        begin(row, RDB_TYPE_STREAM_LISTPACKS, -1, expireAt);
        long ms = 1_700_000_000_000L;
        for (long i = 0; i < nodes; i++) {
            coster.streamNodeId(ms + i * 1000, 0);
            coster.streamNode(16, lpBytes);
        }
        coster.streamMeta(entries, ms + nodes * 1000, 0, nodes);
        coster.endKey(0, -1, -1);
        return true;
    }

    /** A module value (a vector set, …): no peer models one; what is left beyond the key is taken as its bytes. */
    private boolean module(ListingRow row, long value, long expireAt) {
        begin(row, RDB_TYPE_MODULE_2, -1, expireAt);
        coster.moduleValue(0, row.type() == null ? "" : row.type(), value);
        coster.endKey(0, -1, -1);
        return true;
    }

    private void begin(ListingRow row, int rdbType, long declared, long expireAt) {
        KeyName k = row.key();
        if (k.isCut()) coster.longKeyName(k);
        byte[] b = k.toByteArray();
        // The slot counts only in cluster mode (per-slot tables); a listing's cut name lost the bytes it needs: slot 0,
        // as those tables only count keys.
        int slot = m.clusterMode() && !k.isCut() ? io.fragscope.source.ClusterSlot.slot(b, b.length) : 0;
        coster.beginKey(row.db(), b, b.length, slot, rdbType, declared, expireAt, 0);
    }
}
