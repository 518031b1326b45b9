package io.fragscope.analysis.cost;

import io.fragscope.model.Encoding;
import io.fragscope.model.RedisLayout;

/**
 * A string value as the modelled server loads it (object.c createStringObject, tryObjectEncoding; kvobjSet in
 * Redis 8.2+, objectSetKeyAndExpire in Valkey 8.0+): an integer (shared below 10,000 where the key lives apart),
 * an embstr (robj and sds in one allocation; with the key, where the family embeds it), or a raw robj and sds.
 */
final class StringCost {
    private final Pricing p;
    private final RedisLayout l;

    /**
     * @param encoding       OBJECT ENCODING: int, embstr or raw
     * @param keyObjectExtra bytes the key object carries for an embedded value (families with the key in the object)
     * @param embedded       the value lives in the key object
     */
    record Priced(Encoding encoding, long keyObjectExtra, boolean embedded) {}

    private static final Priced INT = new Priced(Encoding.INT, 0, false), EMBSTR = new Priced(Encoding.EMBSTR, 0, false),
            RAW = new Priced(Encoding.RAW, 0, false);

    StringCost(Pricing pricing) {
        this.p = pricing;
        this.l = pricing.l;
    }

    /**
     * Charges the value's allocations and adds what MEMORY USAGE counts of them to {@link Pricing#usage}.
     *
     * @param objectUsage what MEMORY USAGE counts for a robj in this family (0 where the key object is counted whole)
     */
    Priced price(long length, boolean integer, long value, long keyLen, boolean ttl, long objectUsage) {
        if (l.keyInObject()) return withKey(length, integer, keyLen, ttl, objectUsage);
        if (integer) {
            p.usage += l.robj();
            boolean shared = p.m.sharedIntegers() && value >= 0 && value < RedisLayout.SHARED_INTEGERS;
            if (!shared) p.ledger.alloc(l.robj());
            return INT;
        }
        if (length <= l.embstrLimit()) {
            long req = l.embstrRequest(length);
            p.ledger.alloc(req);
            // Before 7.0 object.c counted an embstr as sdslen + 2 + sizeof(robj), not its allocation.
            p.usage += l.usageEmbstrAllocation() ? p.ledger.zmallocSize(req) : length + 2 + l.robj();
            return EMBSTR;
        }
        long sds = l.sdsRequest(length);
        p.ledger.alloc(l.robj());
        p.ledger.alloc(sds);
        p.usage += l.robj() + p.usageSds(length);
        return RAW;
    }

    /**
     * A string whose key lives in its object: an integer keeps its value in the object's pointer; a short string is
     * embedded after the key when the object stays within the family's limit (64 bytes; 128 in Valkey 9, which also
     * counts the expire slot); anything else gets its own exact-length sds.
     */
    private Priced withKey(long length, boolean integer, long keyLen, boolean ttl, long objectUsage) {
        if (integer) return INT;
        long exp = l.embedCountsExpire() && ttl ? 8 : 0;
        // Valkey 9 sizes the key's sds header exactly (one byte up to 31 bytes); the others count it as one byte.
        long keyHdr = l.embedRobj() < l.robj() ? l.sdsHeader(keyLen) - 1 : 0;
        long size = l.embedRobj() + keyLen + 3 + keyHdr + exp + 4 + length;
        if (length <= l.embstrLimit() && size <= l.embedLimit()) {
            return new Priced(Encoding.EMBSTR, l.embeddedStringBytes(length), true);
        }
        long sds = l.sdsRequest(length);
        p.ledger.alloc(sds);
        p.usage += objectUsage + (l.sdsAllocSizeExact5() && l.sdsHeader(length) == 1 ? sds : p.ledger.zmallocSize(sds));
        return RAW;
    }
}
