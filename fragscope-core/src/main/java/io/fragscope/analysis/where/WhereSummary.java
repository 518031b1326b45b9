package io.fragscope.analysis.where;

import io.fragscope.analysis.KeyCost;

import java.util.List;

/**
 * Where one dataset's memory sits: per cluster slot and hash tag, per type (percentiles of bytes and elements per
 * key), the largest element of each top key, and the prefix tree. Bytes are allocated bytes as the model prices
 * them ({@link KeyCost#allocatedBytes()}).
 *
 * @param slotBytes   allocated bytes per cluster slot (16384 entries, src/cluster.c keyHashSlot)
 * @param slotKeys    keys per slot
 * @param hashTags    the heaviest hash tags (keys with a non-empty {tag}), heaviest first; bounded
 * @param tagsFolded  keys whose tag was past the tag table's cap (counted in slots, not in {@code hashTags})
 * @param types       per Redis type
 * @param topKeys     the largest keys by allocated bytes, with their largest element
 * @param prefixes    memory by prefix level
 */
public record WhereSummary(long[] slotBytes, long[] slotKeys, List<Tag> hashTags, long tagsFolded, List<TypeStats> types,
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

    public int slotsUsed() {
        int n = 0;
        for (long k : slotKeys) if (k > 0) n++;
        return n;
    }

    public long totalBytes() {
        long t = 0;
        for (long b : slotBytes) t += b;
        return t;
    }

    public int heaviestSlot() {
        int best = 0;
        for (int i = 1; i < slotBytes.length; i++) if (slotBytes[i] > slotBytes[best]) best = i;
        return best;
    }

    /**
     * Heaviest slot over the average slot that holds keys (a shard's RDB holds only its own slots): 1.0 is perfectly
     * even; NaN for an empty dataset.
     */
    public double slotSkew() {
        long total = totalBytes();
        int used = slotsUsed();
        return total == 0 || used == 0 ? Double.NaN : slotBytes[heaviestSlot()] / ((double) total / used);
    }
}
