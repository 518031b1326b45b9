package io.fragscope.analysis.cost;

import io.fragscope.model.RedisLayout;

/**
 * The parts of a hash that depend on its family's layout: field storage with and without TTLs (Redis 7.4+ hfield,
 * 8.2+ and Valkey hash Entries), Valkey 9's volatile-field sets and the {@code listpackEx} struct. Each allocation
 * goes to the shared ledger and what MEMORY USAGE counts of it to {@link Pricing#usage}.
 */
final class HashCost {
    private final Pricing p;
    private final RedisLayout l;

    HashCost(Pricing pricing) {
        this.p = pricing;
        this.l = pricing.l;
    }

    /**
     * The pending field of a TTL hash, now that its TTL is known: an hfield (mstr) with ExpireMeta and mstrFlags
     * before its header when it has a TTL (t_hash.c hfieldNew, mstr.c mstrNewWithMeta), a plain mstr otherwise.
     */
    void hashFieldStorage(long pendingField, boolean ttl) {
        if (pendingField < 0) return;
        long req = l.sdsRequest(pendingField) + (ttl ? l.hfieldExpireMeta() + 2 : 0);
        p.ledger.alloc(req);
        p.usage += p.ledger.zmallocSize(req);
    }


    /**
     * An 8.2+ hash Entry (entry.c setEntryWriteInfo): ExpireMeta when the field has a TTL, the field's sds (never
     * sdshdr5 with a TTL), and the value embedded as sdshdr8 when the whole stays within 128 bytes, else a pointer to
     * its own sds. MEMORY USAGE counts entryMemUsage: the embedded sds at their exact size, a separate value by
     * sdsAllocSize.
     */
    void hashEntry(long field, long value, boolean ttl) {
        if (field < 0) return;
        long expiry = ttl ? l.entryExpiryBytes() : 0;
        int fieldHdr = l.sdsHeader(field) == 1 && ttl ? 3 : l.sdsHeader(field);
        long valueEmbedded = 3 + value + 1;
        long entry = fieldHdr + field + 1 + expiry;
        if (entry + valueEmbedded <= 128) {
            entry += valueEmbedded;
            p.ledger.alloc(entry);
            // Redis counts the embedded sds at their exact sizes; Valkey's embedded value takes the allocation's rest.
            p.usage += l.sdsAllocSizeExact5() ? entry : p.ledger.zmallocSize(entry);
        } else {
            if (fieldHdr == 1) fieldHdr = 3;
            entry = fieldHdr + field + 1 + expiry + 8;
            p.ledger.alloc(entry);
            p.ledger.alloc(l.sdsRequest(value));
            p.usage += (l.sdsAllocSizeExact5() ? entry : p.ledger.zmallocSize(entry)) + p.usageSds(value);
        }
    }

    /**
     * Valkey 9's volatile set of a hash's fields with TTLs (vset.c): nothing for one field, a pointer vector
     * ({@code pVector}: 8-byte header, a pointer per field, grown by reallocation) up to 127, beyond that a rax of
     * such vectors per expiry time bucket, taken here as vectors of 127 and a rax node each.
     */
    long volatileSet(long fields) {
        if (fields < 2) return 0;
        if (fields <= 127) {
            p.ledger.alloc(8 + 8 * fields);
            return p.ledger.zmallocSize(8 + 8 * fields);
        }
        long vectors = (fields + 126) / 127, total = 0;
        for (long i = 0; i < vectors; i++) {
            long n = Math.min(127, fields - i * 127);
            p.ledger.alloc(8 + 8 * n);
            total += p.ledger.zmallocSize(8 + 8 * n);
        }
        p.ledger.alloc(l.raxStruct());
        p.ledger.alloc(32, vectors + 1);
        return total + p.ledger.zmallocSize(l.raxStruct()) + (vectors + 1) * p.ledger.zmallocSize(32);
    }

    /** The listpackEx struct beside a listpackex hash's listpack (server.h), which MEMORY USAGE counts (object.c). */
    void listpackExStruct() {
        p.ledger.alloc(l.listpackExStruct());
        // 8.0 counts the struct's allocation; 8.2+ (kvobjAllocSize via hashTypeAllocSize) its sizeof.
        p.usage += l.usageRoundsBlobs() ? p.ledger.zmallocSize(l.listpackExStruct()) : l.listpackExStruct();
    }
}
