package io.fragscope.analysis.cost;

import io.fragscope.model.RedisLayout;

/**
 * A skiplist sorted set's skiplist and dict (server.h zset, t_zset.c): the zset struct, the dict and its buckets,
 * the zskiplist struct, a header node of ZSKIPLIST_MAXLEVEL levels, and a node per member of 24 bytes (16 once the
 * member's sds moved into the node, 8.2+) plus 16 per level. Levels are random (zslRandomLevel, P = 1/4), so nodes
 * are charged and counted at their expected size: exact in expectation, within 2 % from a hundred members.
 */
final class SkiplistCost {
    private final Pricing p;
    private final RedisLayout l;
    private long nodes, memberBytes;
    private double nodeUsage;

    SkiplistCost(Pricing pricing) {
        this.p = pricing;
        this.l = pricing.l;
    }

    void reset() {
        nodes = memberBytes = 0;
        nodeUsage = 0;
    }

    /** zskiplistNode before its levels: ele pointer, score and backward (24); 16 once the member moved inside (8.2+). */
    private int nodeFixed() { return l.zslNodeEmbedsElement() ? 16 : 24; }

    /** One member's node; {@code embeddedMember} is the member's length where the node holds it, else -1. */
    void node(long embeddedMember) {
        double expected = 0, q = 0.75;
        long member = embeddedMember >= 0 ? l.zslNodeElementPrefix() + l.sdsRequest(embeddedMember) : 0;
        memberBytes += member;
        for (int level = 1; level <= l.zslMaxLevel() && q > 1e-12; level++) {
            expected += q * p.ledger.zmallocSize(nodeFixed() + 16L * level + member);
            q *= 0.25;
        }
        nodes++;
        nodeUsage += expected;
    }

    /**
     * Charges the structure around the nodes and the nodes themselves; returns what MEMORY USAGE counts for them
     * (the robj aside): the zset struct, the member index (a dict of {@code slots} buckets, or in Valkey 8.1+ a
     * hashtable of {@code members} entries expanded for {@code presize}), the zskiplist and its header node, the
     * nodes. Sources: object.c objectComputeSize (OBJ_ZSET), t_zset.c zslCreate at each family's tag.
     */
    long finish(long slots, long members, long presize) {
        p.ledger.alloc(16); // zset {dict or hashtable *, zskiplist *}
        long index;
        if (p.valkeyTables()) {
            index = p.valkeyHashtable(members, presize, 0);
        } else {
            p.ledger.alloc(l.dictStruct());
            p.ledger.alloc(8 * slots);
            if (l.zsetDictNoValue()) p.ledger.alloc(16, RdbKeyCoster.collisions(slots, members));
            index = l.dictStruct() + 8 * slots;
        }
        long zsl;
        if (l.zslHeaderInList()) {
            // Valkey 9: the zskiplist is its header node, ZSKIPLIST_MAXLEVEL levels; MEMORY USAGE adds its sizeof
            long bytes = l.zskiplistStruct() + 16L * (l.zslMaxLevel() - 1);
            p.ledger.alloc(bytes);
            zsl = bytes;
        } else {
            long header = nodeFixed() + 16L * l.zslMaxLevel();
            p.ledger.alloc(l.zskiplistStruct());
            p.ledger.alloc(header);
            zsl = (l.usageRoundsZskiplist() ? p.ledger.zmallocSize(l.zskiplistStruct()) : l.zskiplistStruct()) + p.ledger.zmallocSize(header);
        }
        chargeNodes();
        return 16 + index + zsl + Math.round(nodeUsage);
    }

    /** Charges the nodes level by level in proportion to their probability. */
    private void chargeNodes() {
        double q = 0.75;
        long assigned = 0;
        long member = nodes == 0 ? 0 : memberBytes / nodes;
        for (int level = 1; level <= l.zslMaxLevel() && assigned < nodes; level++) {
            long k = level == l.zslMaxLevel() ? nodes - assigned : Math.round(nodes * q);
            k = Math.min(k, nodes - assigned);
            if (level > 1 && k == 0 && assigned < nodes && q < 1.0 / nodes) k = nodes - assigned;
            p.ledger.alloc(nodeFixed() + 16L * level + member, k);
            assigned += k;
            q *= 0.25;
        }
    }
}
