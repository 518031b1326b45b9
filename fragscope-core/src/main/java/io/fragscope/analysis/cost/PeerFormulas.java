package io.fragscope.analysis.cost;

import io.fragscope.source.KeyName;
import io.fragscope.source.listing.ListingFormat;

/**
 * The public memory formulas of the three peer tools whose listings fragscope reads, as far as one listed row
 * depends on them, so that a row's size can be taken apart again ({@link PeerListingEstimator}). Every figure is
 * in bytes and 64-bit. Sources, at the commits named in {@code listing/peers/README.md}:
 * <ul>
 *   <li>redis-rdb-tools ({@link ListingFormat#RDB_TOOLS}): rdbtools/memprofiler.py {@code MemoryCallback}
 *       (sizeof_string, top_level_object_overhead, hashtable_overhead, skiplist_entry_overhead,
 *       ziplist_entry_overhead, quicklist_overhead, sizeof_stream_radix_tree), run with its default
 *       {@code --redis-version 5.0};</li>
 *   <li>redis-rdb-cli ({@link ListingFormat#RDB_CLI}): ext/rct/support/MemoryCalculator.java and
 *       ext/rct/MemoryRdbVisitor.java (blobs and quicklist nodes at their RDB length, streams at their RDB bytes);</li>
 *   <li>HDT3213/rdb ({@link ListingFormat#HDT3213}): memprofiler/*.go (sizeOfString with its {@code 25536} bound,
 *       the ziplist entry of sizeOfZiplist with its swapped prevlen, quicklist and quicklist2 node overheads).</li>
 * </ul>
 * All three round an sds to the size classes of jemalloc 4 with an 8-byte quantum ({@link #jemallocClass}) and
 * count an integer-looking string as 0 bytes (a shared or embedded integer).
 */
final class PeerFormulas {
    private PeerFormulas() {}

    /** The peers' table of size classes (jemalloc 4.0.4, LG_QUANTUM 3): 8 … 64 by 8, then four per doubling. */
    static long jemallocClass(long request) {
        if (request <= 8) return 8;
        if (request <= 64) return (request + 7) / 8 * 8;
        long group = Long.highestOneBit(request - 1); // request in (group, 2 * group]
        long step = group / 4;
        return (request + step - 1) / step * step;
    }

    /** What the peer counts for a string of {@code len} bytes that is not integer-looking: its rounded sds. */
    static long sds(ListingFormat peer, long len) {
        long hdr;
        if (peer == ListingFormat.HDT3213) {
            // memprofiler/common.go sizeOfString: +1+1, +2+1, then "< 25536" where 2^16 was meant
            hdr = len < 32 ? 2 : len < 256 ? 3 : len < 25536 ? 6 : len < (1L << 32) ? 10 : 18;
        } else {
            hdr = len < 32 ? 2 : len < 256 ? 4 : len < 65536 ? 6 : len < (1L << 32) ? 10 : 18;
        }
        return jemallocClass(len + hdr);
    }

    /** dictEntry as the peers count it: two pointers and an int64. */
    static final long DICT_ENTRY = 24;
    /** robj (redisObject) as the peers count it. */
    static final long ROBJ = 16;

    /**
     * The key's part of a row: its dictEntry, its sds (0 for an integer-looking name), the robj, and an expires
     * entry with its 8-byte time when the key has a TTL (rdbtools top_level_object_overhead, rdb-cli calcObject,
     * HDT3213 topLevelObjectOverhead).
     */
    static long topLevel(ListingFormat peer, KeyName key, boolean expiry) {
        long name = integerLooking(peer, key) ? 0 : sds(peer, key.length());
        return DICT_ENTRY + name + ROBJ + (expiry ? DICT_ENTRY + 8 : 0);
    }

    /** A dict of {@code n} entries: the dict and both dictht structs (92 bytes) and 1.5 tables of next_power(n) pointers. */
    static long hashtable(long n) { return 92 + nextPowerAbove(n) * 12; }

    /** A skiplist zset's fixed part: the zset struct, its dict ({@link #hashtable}) and the zskiplist header. */
    static long skiplist(long n) { return 48 + hashtable(n); }

    /** Smallest power of two strictly above {@code n} (rdbtools next_power, rdb-cli MemoryMisc.power, HDT3213 nextPower). */
    static long nextPowerAbove(long n) {
        if (n < 1) return 1;
        return Long.highestOneBit(n) << 1;
    }

    /**
     * The expected per-member fixed part of a skiplist zset: the 8-byte score, a dictEntry, the node's fields and
     * 16 bytes per level of a random level with p = 0.25 (expectation 4/3). HDT3213 rounds 16 × 1.33 to 21;
     * the other two draw the level at random, so their sums only have this expectation.
     */
    static double zsetMember(ListingFormat peer) {
        return peer == ListingFormat.HDT3213 ? 77 : 8 + 24 + 16 + 8 + 16 * 4.0 / 3;
    }

    /** A hash or set member's fixed part: a dictEntry, and two robj per pair (set: per member) before RDB 8 in rdb-cli. */
    static long dictMember(ListingFormat peer, boolean rdbBefore8) {
        return DICT_ENTRY + (peer == ListingFormat.RDB_CLI && rdbBefore8 ? 2 * ROBJ : 0);
    }

    /** A quicklist's fixed part and its per-node part, as the peer counts them (HDT3213 has a second form for quicklist2). */
    static long quicklistFixed(ListingFormat peer, boolean quicklist2) {
        return peer == ListingFormat.HDT3213 && quicklist2 ? 40 : 32;
    }

    /** Per node: the quicklistNode, plus the ziplist or listpack header where the peer recomputes it (rdbtools, HDT3213). */
    static long quicklistNode(ListingFormat peer, boolean quicklist2) {
        return switch (peer) {
            case RDB_TOOLS -> 48 + 11;
            case HDT3213 -> quicklist2 ? 36 + 7 : 48 + 11;
            default -> 48; // rdb-cli adds each node's RDB bytes, headers included
        };
    }

    /** rdbtools ziplist_entry_overhead for a string of {@code len} bytes: prevlen 1 or 5, header 1, 2 or 5, the bytes. */
    static long rdbToolsZiplistEntry(long len) {
        return (len < 254 ? 1 : 5) + (len <= 63 ? 1 : len <= 16383 ? 2 : 5) + len;
    }

    /** The data bytes rdbtools and HDT3213 give a ziplist integer: 0 below 12, then 1, 2, 3, 4 or 8 bytes by magnitude. */
    static long ziplistIntWidth(long v) {
        return v < 12 ? 0 : v < 1L << 8 ? 1 : v < 1L << 16 ? 2 : v < 1L << 24 ? 3 : v < 1L << 32 ? 4 : 8;
    }

    /** HDT3213 zipListIntEntryOverhead: prevlen 5 (its test is the wrong way round), header 1, {@link #ziplistIntWidth}. */
    static long hdtZiplistIntEntry(long v) { return 5 + 1 + ziplistIntWidth(v); }

    /** HDT3213 zipListStrEntryOverhead: prevlen 5 below 254 bytes (the comparison is the wrong way round), header 1 or 5. */
    static long hdtZiplistEntry(long len) {
        return (len < 254 ? 5 : 1) + (len <= 63 ? 1 : 5) + len;
    }

    /**
     * streamRadixTreeMemoryUsage as the peers copied it, for a tree of {@code elements}: 2.5 nodes per element,
     * each {@code 4 + 30 × 8} bytes, and 16 per element.
     */
    static long streamRadix(long elements) {
        long nodes = (long) (elements * 2.5);
        return 16 * elements + nodes * 4 + nodes * 30 * 8;
    }

    /** A stream's struct and its rax struct: rdbtools and HDT3213 (plus 40 bytes from RDB stream version 2 in HDT3213). */
    static long streamFixed(ListingFormat peer, boolean streamV2) {
        return 8 * 2 + 8 + 16 + 8 + 8 * 2 + (peer == ListingFormat.HDT3213 && streamV2 ? 16 * 2 + 8 : 0);
    }

    /**
     * Whether the peer takes this key name for an integer and counts no sds for it: Python's {@code int(bytes)}
     * (blanks around, a sign, digits with single underscores), rdb-cli's parseLong (a sign, digits, no overflow;
     * a lone sign passes), Go's {@code strconv.ParseInt(s, 10, 64)} (a sign, digits, within int64).
     */
    static boolean integerLooking(ListingFormat peer, KeyName key) {
        if (key.isCut() || key.length() == 0 || key.length() > 64) return false;
        byte[] b = key.toByteArray();
        int from = 0, to = b.length;
        if (peer == ListingFormat.RDB_TOOLS) {
            while (from < to && isBlank(b[from])) from++;
            while (to > from && isBlank(b[to - 1])) to--;
        }
        if (from < to && (b[from] == '+' || b[from] == '-')) from++;
        if (from == to) return peer == ListingFormat.RDB_CLI && b.length == 1;
        long v = 0;
        boolean lastDigit = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '_' && peer == ListingFormat.RDB_TOOLS && lastDigit && i + 1 < to) { lastDigit = false; continue; }
            if (c < '0' || c > '9') return false;
            lastDigit = true;
            if (peer != ListingFormat.RDB_TOOLS) {
                if (v > (Long.MAX_VALUE - (c - '0')) / 10) return false;
                v = v * 10 + (c - '0');
            }
        }
        return lastDigit;
    }

    private static boolean isBlank(byte c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c; }
}
