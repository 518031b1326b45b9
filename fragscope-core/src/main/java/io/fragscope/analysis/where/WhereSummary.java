package io.fragscope.analysis.where;

import io.fragscope.analysis.KeyCost;

import java.util.List;

/**
 * Where one dataset's memory sits: per cluster slot and hash tag, per type (percentiles of bytes and elements per
 * key), the largest element of each top key, and the prefix tree. Bytes are allocated bytes as the model prices
 * them ({@link KeyCost#allocatedBytes()}).
 *
 * @param slots       keys and allocated bytes of each cluster slot holding keys (src/cluster.c keyHashSlot)
 * @param hashTags    the heaviest hash tags (keys with a non-empty {tag}), heaviest first; bounded
 * @param tagsFolded  keys whose tag was past the tag table's cap (counted in slots, not in {@code hashTags})
 * @param types       per Redis type
 * @param topKeys     the largest keys by allocated bytes, with their largest element
 * @param prefixes    memory by prefix level
 */
public record WhereSummary(Slots slots, List<Tag> hashTags, long tagsFolded, List<TypeStats> types,
                           List<TopKey> topKeys, PrefixTree.Node prefixes) implements java.io.Serializable {

    public WhereSummary {
        hashTags = List.copyOf(hashTags);
        types = List.copyOf(types);
        topKeys = List.copyOf(topKeys);
    }

    public record Tag(String tag, long keys, long bytes) implements java.io.Serializable {}

    /** Percentiles within 12.5 % (log buckets, {@link LogHistogram}). */
    public record TypeStats(io.fragscope.model.KeyType type, long keys, long bytes, long bytesP50, long bytesP90, long bytesP99, long bytesMax,
                            long elementsP50, long elementsP90, long elementsP99, long elementsMax) implements java.io.Serializable {}

    /** @param largestElementBytes the longest element (string value, field, value, member) of the key in bytes */
    public record TopKey(KeyCost cost, long largestElementBytes) implements java.io.Serializable {}

    /**
     * The slots holding keys, ascending, with their keys and allocated bytes: only those, and compactly (a slot number
     * in a short, a count in an int while every count fits), so a run over hundreds of RDB files keeps about 14 bytes
     * per slot holding keys for each, under the 256 KiB two dense 16,384-slot tables of longs took.
     */
    public static final class Slots implements java.io.Serializable {
        public static final Slots NONE = new Slots(new short[0], new int[0], null, new long[0]);

        private final short[] slot;
        private final int[] keys;
        private final long[] wideKeys; // only when a slot holds more than Integer.MAX_VALUE keys
        private final long[] bytes;

        private Slots(short[] slot, int[] keys, long[] wideKeys, long[] bytes) {
            this.slot = slot;
            this.keys = keys;
            this.wideKeys = wideKeys;
            this.bytes = bytes;
        }

        /** The slots of dense per-slot tables ({@code keysBySlot[s]}, {@code bytesBySlot[s]} for slot s) that hold keys. */
        public static Slots of(long[] keysBySlot, long[] bytesBySlot) {
            int n = 0;
            boolean wide = false;
            for (long k : keysBySlot) {
                if (k > 0) n++;
                wide |= k > Integer.MAX_VALUE;
            }
            short[] slot = new short[n];
            int[] keys = wide ? null : new int[n];
            long[] wideKeys = wide ? new long[n] : null, bytes = new long[n];
            for (int s = 0, i = 0; s < keysBySlot.length; s++) {
                if (keysBySlot[s] == 0) continue;
                slot[i] = (short) s;
                if (wide) wideKeys[i] = keysBySlot[s]; else keys[i] = (int) keysBySlot[s];
                bytes[i++] = bytesBySlot[s];
            }
            return new Slots(slot, keys, wideKeys, bytes);
        }

        /** Slots holding keys. */
        public int size() { return slot.length; }

        /** The {@code i}-th slot holding keys (0 … 16383), ascending in {@code i}. */
        public int slot(int i) { return slot[i]; }

        /** Keys of {@link #slot(int)}. */
        public long keys(int i) { return wideKeys != null ? wideKeys[i] : keys[i]; }

        /** Allocated bytes of {@link #slot(int)}. */
        public long bytes(int i) { return bytes[i]; }
    }

    /**
     * This summary with its prefix tree cut to the root (every key's bytes, no levels): for a file whose memory map no
     * report draws, so a run over many files does not keep up to {@link WhereCollector#MAX_TREE_NODES} nodes of each.
     */
    public WhereSummary withoutPrefixTree() {
        return new WhereSummary(slots, hashTags, tagsFolded, types, topKeys,
                new PrefixTree.Node(prefixes.segment(), prefixes.bytes(), prefixes.keys(), List.of()));
    }

    public int slotsUsed() { return slots.size(); }

    public long totalBytes() {
        long t = 0;
        for (int i = 0; i < slots.size(); i++) t += slots.bytes(i);
        return t;
    }

    public long totalKeys() {
        long t = 0;
        for (int i = 0; i < slots.size(); i++) t += slots.keys(i);
        return t;
    }

    /** Index in {@link #slots} of the heaviest slot (the lowest of equals), or -1 when no slot holds keys. */
    private int heaviest() {
        int best = -1;
        for (int i = 0; i < slots.size(); i++) if (best < 0 || slots.bytes(i) > slots.bytes(best)) best = i;
        return best;
    }

    /** The slot holding the most bytes (the lowest of equals); 0 for an empty dataset. */
    public int heaviestSlot() {
        int h = heaviest();
        return h < 0 ? 0 : slots.slot(h);
    }

    /** Bytes of {@link #heaviestSlot()}; 0 for an empty dataset. */
    public long heaviestSlotBytes() {
        int h = heaviest();
        return h < 0 ? 0 : slots.bytes(h);
    }

    /**
     * Heaviest slot over the average slot that holds keys (a shard's RDB holds only its own slots): 1.0 is perfectly
     * even; NaN for an empty dataset.
     */
    public double slotSkew() {
        long total = totalBytes();
        int used = slotsUsed();
        return total == 0 || used == 0 ? Double.NaN : heaviestSlotBytes() / ((double) total / used);
    }
}
