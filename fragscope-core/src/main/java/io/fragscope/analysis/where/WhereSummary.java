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
                           List<TopKey> topKeys, PrefixTree.Node prefixes) {

    public WhereSummary {
        hashTags = List.copyOf(hashTags);
        types = List.copyOf(types);
        topKeys = List.copyOf(topKeys);
    }

    public record Tag(String tag, long keys, long bytes) {}

    /** Percentiles within 12.5 % (log buckets, {@link LogHistogram}). */
    public record TypeStats(io.fragscope.model.KeyType type, long keys, long bytes, long bytesP50, long bytesP90, long bytesP99, long bytesMax,
                            long elementsP50, long elementsP90, long elementsP99, long elementsMax) {}

    /** @param largestElementBytes the longest element (string value, field, value, member) of the key in bytes */
    public record TopKey(KeyCost cost, long largestElementBytes) {}

    /**
     * The slots holding keys, ascending, with their keys and allocated bytes: only those, so a run over hundreds of
     * small RDB files keeps a few entries for each rather than two tables of 16,384 (256 KiB) each.
     *
     * @param slot  slot numbers (0 … 16383), ascending
     * @param keys  keys of {@code slot[i]}, each above 0
     * @param bytes allocated bytes of {@code slot[i]}
     */
    public record Slots(int[] slot, long[] keys, long[] bytes) {
        public static final Slots NONE = new Slots(new int[0], new long[0], new long[0]);

        /** The slots of dense per-slot tables ({@code keys[s]}, {@code bytes[s]} for slot s) that hold keys. */
        public static Slots of(long[] keysBySlot, long[] bytesBySlot) {
            int n = 0;
            for (long k : keysBySlot) if (k > 0) n++;
            int[] slot = new int[n];
            long[] keys = new long[n], bytes = new long[n];
            for (int s = 0, i = 0; s < keysBySlot.length; s++) {
                if (keysBySlot[s] == 0) continue;
                slot[i] = s;
                keys[i] = keysBySlot[s];
                bytes[i++] = bytesBySlot[s];
            }
            return new Slots(slot, keys, bytes);
        }

        public int size() { return slot.length; }
    }

    public int slotsUsed() { return slots.size(); }

    public long totalBytes() {
        long t = 0;
        for (long b : slots.bytes()) t += b;
        return t;
    }

    public long totalKeys() {
        long t = 0;
        for (long k : slots.keys()) t += k;
        return t;
    }

    /** Index in {@link #slots} of the heaviest slot (the lowest of equals), or -1 when no slot holds keys. */
    private int heaviest() {
        int best = -1;
        for (int i = 0; i < slots.size(); i++) if (best < 0 || slots.bytes()[i] > slots.bytes()[best]) best = i;
        return best;
    }

    /** The slot holding the most bytes (the lowest of equals); 0 for an empty dataset. */
    public int heaviestSlot() {
        int h = heaviest();
        return h < 0 ? 0 : slots.slot()[h];
    }

    /** Bytes of {@link #heaviestSlot()}; 0 for an empty dataset. */
    public long heaviestSlotBytes() {
        int h = heaviest();
        return h < 0 ? 0 : slots.bytes()[h];
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
