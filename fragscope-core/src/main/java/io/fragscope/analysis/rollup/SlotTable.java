package io.fragscope.analysis.rollup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One cluster's slots summed over the key files of its shards, as they are added: per slot (src/cluster.c keyHashSlot)
 * the keys and allocated bytes of every shard, and the shard holding most of its bytes. Only the slots holding keys
 * are kept, in ascending order, so a cluster costs at most 16,384 entries (about 32 bytes each) however many shards
 * its files name: a folder of 1,200 standalone shards, each touching the same 6,581 slots, is 6,581 entries, not
 * 1,200 × 6,581.
 */
final class SlotTable implements Serializable {
    private int[] slot = new int[0];
    private long[] keys = new long[0], bytes = new long[0], topBytes = new long[0];
    private String[] topShard = new String[0];
    private int n;

    /**
     * Adds one shard's slots.
     *
     * @param slots      slots holding keys, ascending
     * @param slotKeys   keys per slot
     * @param slotBytes  allocated bytes per slot
     * @param shard      the shard's name ({@link FleetPlacement#shardName()})
     */
    void add(int[] slots, long[] slotKeys, long[] slotBytes, String shard) {
        String[] shards = new String[slots.length];
        Arrays.fill(shards, shard);
        merge(slots, slotKeys, slotBytes, slotBytes, shards, slots.length);
    }

    /** Adds another table of the same cluster. */
    void addAll(SlotTable o) {
        merge(o.slot, o.keys, o.bytes, o.topBytes, o.topShard, o.n);
    }

    boolean isEmpty() { return n == 0; }

    /** The cluster's slot figures; {@code cluster} names the table's cluster. */
    SlotFigures figures(String cluster) {
        SlotFigures f = SlotFigures.NONE;
        for (int i = 0; i < n; i++) {
            if (keys[i] == 0) continue;
            f = f.plus(new SlotFigures(cluster, bytes[i], 1, slot[i], bytes[i], topShard[i]));
        }
        return f;
    }

    /** A two-way merge of sorted slot lists; a slot in both sums, and its top shard is the heavier (ties: the name first in order). */
    private void merge(int[] os, long[] ok, long[] ob, long[] otb, String[] ots, int on) {
        int cap = n + on;
        int[] s = new int[cap];
        long[] k = new long[cap], b = new long[cap], tb = new long[cap];
        String[] ts = new String[cap];
        int i = 0, j = 0, m = 0;
        while (i < n || j < on) {
            if (j >= on || i < n && slot[i] < os[j]) {
                s[m] = slot[i]; k[m] = keys[i]; b[m] = bytes[i]; tb[m] = topBytes[i]; ts[m++] = topShard[i++];
            } else if (i >= n || os[j] < slot[i]) {
                s[m] = os[j]; k[m] = ok[j]; b[m] = ob[j]; tb[m] = otb[j]; ts[m++] = ots[j++];
            } else {
                s[m] = slot[i];
                k[m] = keys[i] + ok[j];
                b[m] = bytes[i] + ob[j];
                boolean theirs = otb[j] > topBytes[i] || otb[j] == topBytes[i] && ots[j].compareTo(topShard[i]) < 0;
                tb[m] = theirs ? otb[j] : topBytes[i];
                ts[m++] = theirs ? ots[j] : topShard[i];
                i++;
                j++;
            }
        }
        // trimmed so that a table kept until the end (or serialized between Spark stages) holds no spare room
        slot = Arrays.copyOf(s, m);
        keys = Arrays.copyOf(k, m);
        bytes = Arrays.copyOf(b, m);
        topBytes = Arrays.copyOf(tb, m);
        topShard = Arrays.copyOf(ts, m);
        n = m;
    }
}
