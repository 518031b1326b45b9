package io.fragscope.analysis.cost;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.Allocator;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.model.RedisLayout;
import io.fragscope.source.listing.ListingRow;

/**
 * Prices a key from what a listing says about it: type, encoding, element count and its size, taken as the
 * {@code MEMORY USAGE} the server printed (a SCAN + MEMORY USAGE listing; the peers' memory listings are priced by
 * {@link PeerListingEstimator}, which hands this class the rows it cannot take apart).
 * The figure is kept as {@code memory_usage_bytes}; what the allocator really holds is derived from it with what
 * the layout says MEMORY USAGE counts (object.c objectComputeSize / kvobjAllocSize at each version):
 * <ul>
 *   <li>the key: its sds and dictEntry (counted unrounded), or the key object (kvobj, Valkey's robj) with the value;</li>
 *   <li>an integer string below 10,000 shares a preallocated object where the layout keeps the key apart;</li>
 *   <li>a hashtable set (7.2+) or hash (8.2+) keeps members in its buckets, though MEMORY USAGE counts a
 *       24-byte dictEntry each: only the expected collisions take a 16-byte entry;</li>
 *   <li>where MEMORY USAGE counts exact lengths (sds before 6.2, blobs before 7.0 and from 8.2), the allocator's
 *       rounding of each allocation is added as its average around that size;</li>
 *   <li>a stream's radix trees (nodes, consumer groups' pending entries) are counted by MEMORY USAGE at 244 bytes
 *       a node up to 8.0; beyond its listpacks (at most 4 KiB per 100 listed entries) about 0.28 of that is real.</li>
 * </ul>
 * Strings whose length is listed are modelled exactly, unless the listed size says otherwise (a listing whose
 * element count is not STRLEN). Everything is marked {@link KeyCost.Exactness#MODELLED}.
 */
public final class ListingEstimator {
    private final CostModel m;
    private final RedisLayout l;
    private final Allocator a;

    public ListingEstimator(CostModel model) {
        this.m = model;
        this.l = model.layout();
        this.a = model.allocator().allocator();
    }

    public KeyCost estimate(ListingRow row, long listedAtMs) {
        long size = Math.max(0, row.sizeBytes());
        long expireAt = row.expireAtMs(listedAtMs);
        String type = row.type() == null ? "" : row.type();
        String enc = row.encoding() == null ? "" : row.encoding();
        long elements = Math.min(Math.max(0, row.elements()), 1L << 40); // a count no key reaches: kept from overflowing the sums below
        long keyLen = row.key().length();
        Priced key = key(keyLen, expireAt >= 0);
        Priced value;
        if (type.equals("string") && row.elements() >= 0 && !enc.isEmpty()) {
            value = string(enc, elements, keyLen, expireAt >= 0);
            // A listing whose "elements" is not STRLEN (or a size from another tool): trust the listed figure.
            if (size > 0 && Math.abs(key.usage + value.usage - size) > Math.max(64, size / 4)) value = fromUsage(type, enc, elements, size - key.usage);
        } else {
            value = fromUsage(type, enc, elements, Math.max(0, size - key.usage));
        }
        long requested = key.requested + value.requested, allocated = key.allocated + value.allocated;
        long prefix = a.prefixSize() * (key.allocations + value.allocations);
        KeyType t = KeyType.ofListed(type);
        return new KeyCost(row.db(), row.key(), t, Encoding.ofListed(t, enc), elements, requested, allocated,
                Math.max(0, allocated - requested - prefix), prefix, size, expireAt, KeyCost.Exactness.MODELLED);
    }

    /** An estimate's parts: bytes asked, bytes handed out, how many allocations, and what MEMORY USAGE counts of it. */
    private record Priced(long requested, long allocated, long allocations, long usage) {
        static final Priced NONE = new Priced(0, 0, 0, 0);
    }

    private Priced one(long request, long usage) { return new Priced(request, a.footprint(request), 1, usage); }

    /** The key's own allocations and what MEMORY USAGE counts for them. */
    private Priced key(long keyLen, boolean ttl) {
        if (l.keyInObject()) {
            // Counted with the value: the key object is the value's robj.
            long kv = l.keyObjectRequest(keyLen, ttl, 0);
            return new Priced(kv - l.robj(), a.footprint(kv) - a.footprint(l.robj()), 0,
                    l.usageCountsKeyObject() ? zmalloc(kv) - l.robj() : 0);
        }
        long sds = l.keySdsAtLeastHdr8() ? Math.max(3, l.sdsHeader(keyLen)) + keyLen + 1 : l.sdsRequest(keyLen);
        long entry = m.dictEntry();
        long usage = (l.usageRoundsSds() ? zmalloc(sds) : sds) + entry;
        return new Priced(sds + entry, a.footprint(sds) + a.footprint(entry), 2, usage);
    }

    /** A string value of {@code len} bytes in encoding {@code enc}, as the RDB path prices it. */
    private Priced string(String enc, long len, long keyLen, boolean ttl) {
        switch (enc) {
            case "int": {
                boolean shared = !l.keyInObject() && m.sharedIntegers() && len <= 4; // 0..9999 (a sign takes a byte)
                long usage = l.keyInObject() && l.usageCountsKeyObject() ? 0 : l.robj();
                return shared ? new Priced(0, 0, 0, usage) : new Priced(l.robj(), a.footprint(l.robj()), 1, usage);
            }
            case "embstr": {
                if (l.keyInObject()) {
                    long keyOnly = l.keyObjectRequest(keyLen, ttl, 0);
                    long kv = keyOnly + l.embeddedStringBytes(len);
                    return new Priced(kv - (keyOnly - l.robj()), a.footprint(kv) - (a.footprint(keyOnly) - a.footprint(l.robj())), 1,
                            zmalloc(kv) - (l.usageCountsKeyObject() ? zmalloc(keyOnly) - l.robj() : 0));
                }
                long req = l.embstrRequest(len);
                return one(req, l.usageEmbstrAllocation() ? zmalloc(req) : len + 2 + l.robj());
            }
            default: {
                long sds = l.sdsRequest(len);
                long usage = l.robj() + (l.usageRoundsSds() && !(l.sdsAllocSizeExact5() && l.sdsHeader(len) == 1) ? zmalloc(sds) : sds);
                return new Priced(l.robj() + sds, a.footprint(l.robj()) + a.footprint(sds), 2, usage);
            }
        }
    }

    /** A value known only by what MEMORY USAGE counted for it ({@code usage}, the key's part taken off). */
    private Priced fromUsage(String type, String enc, long n, long usage) {
        long value = usage;
        long allocations, sized; // all allocations, and those MEMORY USAGE counted at their exact length
        long entrySlack = 0;      // MEMORY USAGE counts sizeof(dictEntry) where the allocator hands out more
        boolean exactLengths;
        boolean clustered = false; // the sized allocations sit just under a limit, not spread around their mean
        // Redis 5.0's OBJECT ENCODING names no encoding for streams (object.c strEncoding: "unknown" until 6.0)
        if (type.equals("stream") && enc.equals("unknown")) enc = "stream";
        switch (enc) {
            case "hashtable", "skiplist" -> {
                boolean inline = type.equals("set") ? l.setEntriesInline()
                        : type.equals("hash") ? l.hashEntries() : l.zslNodeEmbedsElement();
                boolean valkey = isValkey() && l.keyspace() == RedisLayout.Keyspace.HASHTABLE;
                if (inline && !valkey) { // Redis counts a 24-byte dictEntry per element that the buckets hold instead
                    long slots = RdbKeyCoster.nextPow2(Math.max(4, n));
                    // colliding elements take a 16-byte dictEntryNoValue, rounded like any allocation (24 with glibc)
                    value = Math.max(0, value - 24 * n) + a.footprint(16) * RdbKeyCoster.collisions(slots, n);
                } else if (!valkey) {
                    entrySlack = n * (a.footprint(l.dictEntry()) - l.dictEntry());
                }
                long sds = type.equals("hash") && !l.hashEntries() ? 2 * n : n;
                allocations = 3 + sds + (inline || valkey ? 0 : n);
                sized = enc.equals("skiplist") ? n : sds;
                exactLengths = !l.usageRoundsSds() || l.sdsAllocSizeExact5();
            }
            case "quicklist" -> {
                long nodes = Math.max(1, (value + 8191) / 8192);
                allocations = 3 + 2 * nodes;
                sized = nodes;
                exactLengths = !l.usageRoundsBlobs();
                // Nodes fill up to list-max-listpack-size (8 KiB at -2) before a new one starts: all but the last sit
                // just under it, so their rounding is that of their mean size, not of sizes spread around it.
                clustered = nodes > 1;
            }
            case "stream" -> {
                if (!l.usageRaxAllocSize() && !l.streamTracksAllocation()) {
                    // Up to 8.0 MEMORY USAGE counts every radix-tree node (stream, PELs) at 244 bytes and 16 per element,
                    // where a node takes about 40 and a pending entry about 80 with its NACK: the listpacks (at most
                    // stream-node-max-bytes, 4 KiB, per 100 entries) are kept, the rest taken at 0.28 of its count.
                    long listpacks = Math.min(value, Math.max(1, (n + 99) / 100) * 4096);
                    value = listpacks + Math.round((value - listpacks) * 0.28);
                }
                allocations = 4 + 3 * Math.max(1, (n + 99) / 100);
                sized = Math.max(1, (n + 99) / 100);
                exactLengths = !l.usageRoundsStreamListpacks() || l.streamTracksAllocation(); // 8.6 tracks lpBytes
            }
            case "linkedlist" -> {
                allocations = 2 + 2 * n;
                sized = n;
                exactLengths = !l.usageRoundsSds();
            }
            case "raw" -> {
                if (!type.equals("vectorset")) { allocations = 2; sized = 1; exactLengths = !l.usageRoundsBlobs(); break; }
                // A vector set (Redis 8, modules/vector-sets): per element an HNSW node, its vector, its value, the name
                // index's rax node, the name, and a links array per layer; VectorSetMemUsage counts their requested sizes.
                allocations = 2 + 6 * n;
                sized = 6 * n;
                exactLengths = true;
            }
            default -> { // robj and one blob: listpack, ziplist, intset, listpackex
                allocations = 2;
                sized = 1;
                exactLengths = !l.usageRoundsBlobs();
            }
        }
        allocations = Math.max(1, allocations);
        sized = Math.max(1, sized);
        // The allocations counted at exact length: their mean size, and the allocator's mean rounding around it.
        long mean = enc.equals("hashtable") || enc.equals("skiplist") || enc.equals("linkedlist") ? value / (2 * sized) : value / sized;
        double waste = (clustered ? a.footprint(Math.max(1, mean)) - Math.max(1, mean) - a.prefixSize() : averageWaste(Math.max(1, mean))) * sized;
        long allocated = value + entrySlack + (exactLengths ? Math.round(waste) : 0);
        long requested = Math.max(0, allocated - entrySlack - Math.round(waste));
        return new Priced(requested, allocated, allocations, usage);
    }

    private boolean isValkey() { return l.version().isValkey(); }

    private long zmalloc(long request) { return a.prefixSize() == 0 ? a.usable(request) : request + a.prefixSize(); }

    /** Mean rounding of requests spread ±25% around {@code size}: the expected cost of one allocation of about that size. */
    double averageWaste(long size) {
        double total = 0;
        int n = 16;
        for (int i = 0; i < n; i++) {
            long x = Math.max(1, Math.round(size * (0.75 + 0.5 * i / (n - 1))));
            total += a.footprint(x) - x - a.prefixSize();
        }
        return total / n;
    }
}
