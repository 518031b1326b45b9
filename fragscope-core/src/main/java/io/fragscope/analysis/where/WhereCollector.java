package io.fragscope.analysis.where;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.ClusterSlot;
import io.fragscope.model.KeyType;
import io.fragscope.source.KeyName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Where one input's memory sits, key by key: bytes and keys per cluster slot (keyHashSlot), per hash tag, per type
 * (p50/p90/p99 of bytes and elements), the top keys with their largest element, and the prefix tree of the memory
 * map. Bounded: fixed arrays per slot, a tag table capped at {@link #MAX_TAGS} (the rest counted as folded), log
 * histograms, a heap of N, a tree of {@link #MAX_TREE_NODES}.
 */
public final class WhereCollector {
    static final int MAX_TAGS = 10_000;
    static final int MAX_TREE_NODES = 2_000;
    static final int TOP_TAGS = 100;

    private final long[] slotBytes = new long[ClusterSlot.SLOTS];
    private final long[] slotKeys = new long[ClusterSlot.SLOTS];
    private final Map<String, long[]> tags = new HashMap<>();
    private long tagsFolded;
    /** By type's ordinal (no map lookup per key); KeyType's order is its names' alphabetical order, which the table keeps. */
    private final TypeAcc[] types = new TypeAcc[KeyType.values().length];
    private final int topN;
    private final PriorityQueue<WhereSummary.TopKey> top;
    private final Comparator<WhereSummary.TopKey> topOrder = Comparator.comparingLong((WhereSummary.TopKey t) -> t.cost().allocatedBytes())
            .reversed().thenComparingInt(t -> t.cost().db()).thenComparing(t -> t.cost().key());
    private final PrefixTree tree;

    public WhereCollector(AggregationOptions aggregation) {
        this.topN = aggregation.topN();
        this.top = new PriorityQueue<>(Math.max(1, topN), topOrder.reversed());
        this.tree = new PrefixTree(aggregation.prefixSeparators(), Math.max(3, aggregation.prefixDepth() + 1), MAX_TREE_NODES);
    }

    /**
     * Allocated bytes a key needs to enter the top keys: 0 until the top is full, then its smallest key's. It only rises.
     * Written on the aggregating (calling) thread, read on the reader's ({@link #mayEnterTop}).
     */
    private volatile long topFloor;

    /**
     * Whether a key of at most {@code allocatedBytes} may still enter the top keys, so that its largest element is needed.
     * Thread-safe; a stale answer is a "yes" where a fresh one would say no.
     */
    public boolean mayEnterTop(long allocatedBytes) { return topN > 0 && allocatedBytes >= topFloor; }

    /**
     * One key of {@code bytes} (allocated): {@code key[0..keyLen)} is its name as held (a long name's first bytes),
     * {@code slot} its cluster slot over the whole name (the reader's, {@link io.fragscope.source.rdb.RdbVisitor#beginKey}),
     * {@code largest} its largest element's length. A hash tag counts when it lies within the bytes held.
     */
    public void add(KeyCost c, long bytes, long largest, byte[] key, int keyLen, int slot) {
        int[] tag = ClusterSlot.hashTag(key, keyLen);
        slotBytes[slot] += bytes;
        slotKeys[slot]++;
        if (tag != null) {
            String name = KeyName.escape(key, tag[0], tag[1] - tag[0]);
            long[] acc = tags.get(name);
            if (acc == null && tags.size() < MAX_TAGS) tags.put(name, acc = new long[2]);
            if (acc == null) tagsFolded++;
            else { acc[0]++; acc[1] += bytes; }
        }
        int type = c.type().ordinal();
        if (types[type] == null) types[type] = new TypeAcc();
        types[type].add(bytes, c.elements());
        if (topN > 0) {
            if (top.size() < topN) {
                top.add(new WhereSummary.TopKey(c, largest));
                if (top.size() == topN) topFloor = top.peek().cost().allocatedBytes();
            } else if (c.allocatedBytes() >= top.peek().cost().allocatedBytes()) {
                // Only a key at least as large as the smallest kept can enter: most keys cost no TopKey.
                WhereSummary.TopKey t = new WhereSummary.TopKey(c, largest);
                if (topOrder.compare(t, top.peek()) < 0) {
                    top.poll();
                    top.add(t);
                    topFloor = top.peek().cost().allocatedBytes();
                }
            }
        }
        tree.add(key, keyLen, bytes);
    }

    public WhereSummary summary() {
        List<Map.Entry<String, long[]>> tagRows = new ArrayList<>(tags.entrySet());
        tagRows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed().thenComparing(Map.Entry::getKey));
        List<WhereSummary.Tag> topTags = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP_TAGS, tagRows.size()); i++) {
            var e = tagRows.get(i);
            topTags.add(new WhereSummary.Tag(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        List<WhereSummary.TypeStats> typeStats = new ArrayList<>();
        for (KeyType t : KeyType.values()) {
            TypeAcc acc = types[t.ordinal()];
            if (acc != null) typeStats.add(acc.stats(t));
        }
        List<WhereSummary.TopKey> tops = new ArrayList<>(top);
        tops.sort(topOrder);
        return new WhereSummary(WhereSummary.Slots.of(slotKeys, slotBytes), topTags, tagsFolded, typeStats, tops, tree.snapshot());
    }

    private static final class TypeAcc {
        final LogHistogram bytes = new LogHistogram(), elements = new LogHistogram();
        long keys, total;

        void add(long b, long e) { keys++; total += b; bytes.add(b); elements.add(e); }

        WhereSummary.TypeStats stats(KeyType type) {
            return new WhereSummary.TypeStats(type, keys, total, bytes.percentile(0.5), bytes.percentile(0.9), bytes.percentile(0.99), bytes.max(),
                    elements.percentile(0.5), elements.percentile(0.9), elements.percentile(0.99), elements.max());
        }
    }
}
