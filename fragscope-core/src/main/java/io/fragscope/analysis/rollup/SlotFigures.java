package io.fragscope.analysis.rollup;

import java.io.Serializable;

/**
 * What the roll-up keeps of a cluster's slots once its shards are all added ({@link FleetRollup#seal()}): enough for
 * the slot skew of the cluster and of the fleet (the heaviest slot over the mean of the slots holding keys), and small
 * whatever the cluster's size. Two clusters' figures combine into the figures of both: a slot of one cluster is never
 * a slot of another.
 *
 * @param cluster       the cluster of the heaviest slot
 * @param totalBytes    allocated bytes of every slot holding keys
 * @param used          slots holding keys
 * @param heaviestSlot  the slot with the most allocated bytes (ties: the first by cluster name, then by the slot's
 *                      number as text, the order the roll-up has always listed them in)
 * @param heaviestBytes its allocated bytes, all shards together
 * @param heaviestShard the shard holding most of them ({@link FleetPlacement#shardName()})
 */
record SlotFigures(String cluster, long totalBytes, long used, int heaviestSlot, long heaviestBytes, String heaviestShard)
        implements Serializable {

    static final SlotFigures NONE = new SlotFigures(null, 0, 0, -1, -1, null);

    SlotFigures plus(SlotFigures o) {
        if (o.used == 0) return this;
        if (used == 0) return o;
        boolean theirs = o.heaviestBytes > heaviestBytes || o.heaviestBytes == heaviestBytes && o.id().compareTo(id()) < 0;
        SlotFigures top = theirs ? o : this;
        return new SlotFigures(top.cluster, totalBytes + o.totalBytes, used + o.used, top.heaviestSlot, top.heaviestBytes, top.heaviestShard);
    }

    private String id() { return cluster + "\u0000" + heaviestSlot; }

    /** The heaviest slot's bytes over the mean of the slots holding keys, rounded to 4 places; null without slots. */
    Double skew() {
        return used == 0 || totalBytes == 0 ? null : DumpFigures.round4(heaviestBytes / ((double) totalBytes / used));
    }
}
