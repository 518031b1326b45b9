package io.fragscope.analysis.cost;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.Allocator;
import io.fragscope.model.RedisLayout;
import io.fragscope.source.listing.ListingRow;

/**
 * Prices a key from what a listing says about it (type, encoding, element count, its size), which is less
 * than an RDB says. Strings are modelled like the RDB path (their length is the element count); for other
 * types the listed size stands for the allocated bytes and the rounding inside it is estimated: the value
 * is split into the allocations its encoding makes (one blob for listpacks and intsets, one per node for
 * quicklists, two or three per element for hashtables and skiplists), and each allocation of the average
 * size is given the allocator's average rounding around that size. {@code memory_usage_bytes} stays the
 * listed figure. Everything is marked {@link KeyCost.Exactness#MODELLED}.
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
        long expireAt = row.expireAtMs() >= 0 ? row.expireAtMs() : row.ttlMs() >= 0 ? listedAtMs + row.ttlMs() : -1;
        long keyReq = l.sdsRequest(row.key().length());
        long requested = keyReq + m.dictEntry();
        long allocated = a.footprint(keyReq) + a.footprint(m.dictEntry());
        long count = 2;
        String type = row.type() == null ? "" : row.type();
        String enc = row.encoding() == null ? "" : row.encoding();
        long elements = Math.max(0, row.elements());
        if (type.equals("string") && elements >= 0 && !enc.isEmpty()) {
            long[] v = stringValue(enc, elements);
            requested += v[0];
            allocated += v[1];
            count += v[2];
        } else {
            // The listed size counts MEMORY USAGE's parts: the key, 24 for its dictEntry, the value.
            long value = Math.max(0, size - a.usable(keyReq) - 24);
            long allocations = switch (enc) {
                case "listpack", "ziplist", "intset", "listpackex" -> 2;
                case "quicklist" -> 2 + Math.max(1, value / 8192) * 2;
                case "hashtable", "skiplist", "linkedlist" -> 3 + elements * (type.equals("hash") || type.equals("zset") ? 3 : 2);
                default -> 2 + elements;
            };
            allocations = Math.max(1, allocations);
            long avg = Math.max(1, value / allocations);
            long waste = Math.round(averageWaste(avg) * allocations);
            allocated += value;
            requested += Math.max(0, value - waste);
            count += allocations;
        }
        long prefix = a.prefixSize() * count;
        allocated += 0;
        return new KeyCost(row.db(), row.key(), type, enc, elements, requested, allocated,
                Math.max(0, allocated - requested - prefix), prefix, size, expireAt, KeyCost.Exactness.MODELLED);
    }

    /** {requested, allocated, allocations} of a string value of {@code len} bytes in encoding {@code enc}. */
    private long[] stringValue(String enc, long len) {
        return switch (enc) {
            case "int" -> new long[] {l.robj(), a.footprint(l.robj()), 1};
            case "embstr" -> new long[] {l.embstrRequest(len), a.footprint(l.embstrRequest(len)), 1};
            default -> new long[] {l.robj() + l.sdsRequest(len), a.footprint(l.robj()) + a.footprint(l.sdsRequest(len)), 2};
        };
    }

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
