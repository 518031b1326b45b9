package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Sums per group for at most {@code capacity} groups and {@code maxBytes} bytes of group keys (a
 * count alone lets 10,000 prefixes of 20 KB each fill the heap). The first distinct groups that fit
 * in stream order are kept exactly; a key of any later group is added to "other" and its group
 * offered to a {@link DistinctEstimator}. Deterministic for a given input order. For an RDB the
 * order is the server's hash-table order, effectively random, so a group with many keys is very
 * likely among the first seen.
 */
final class CappedGroups<K> {
    private final int capacity;
    private final long maxBytes;
    private final ToLongFunction<K> weight;
    private long bytes;
    private final Comparator<K> tieBreak;
    private final Map<K, TotalsAccumulator> groups = new HashMap<>();
    private final TotalsAccumulator other = new TotalsAccumulator();
    private DistinctEstimator folded;
    /**
     * The last group added to and its sums: consecutive keys often share a group (the same db, type or prefix
     * instance), and then cost no hash lookup. Identity, so a group equal but not the same is looked up as before.
     */
    private K lastGroup;
    private TotalsAccumulator lastAcc;

    CappedGroups(int capacity, Comparator<K> tieBreak) {
        this(capacity, Long.MAX_VALUE, k -> 0, tieBreak);
    }

    /** @param weight bytes one group key holds, counted against {@code maxBytes} */
    CappedGroups(int capacity, long maxBytes, ToLongFunction<K> weight, Comparator<K> tieBreak) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.weight = weight;
        this.tieBreak = tieBreak;
    }

    void add(K group, KeyCost cost) {
        if (group == lastGroup && lastAcc != null) {
            lastAcc.add(cost);
            return;
        }
        TotalsAccumulator acc = groups.get(group);
        if (acc == null) {
            long w = weight.applyAsLong(group);
            if (groups.size() >= capacity || bytes + w > maxBytes) {
                other.add(cost);
                if (folded == null) folded = new DistinctEstimator();
                folded.offer(group.hashCode());
                return;
            }
            acc = new TotalsAccumulator();
            groups.put(group, acc);
            bytes += w;
        }
        lastGroup = group;
        lastAcc = acc;
        acc.add(cost);
    }

    GroupTable<K> snapshot() {
        List<Group<K>> rows = new ArrayList<>(groups.size());
        groups.forEach((k, acc) -> rows.add(new Group<>(k, acc.toTotals())));
        rows.sort(Comparator.<Group<K>>comparingLong(g -> g.totals().allocatedBytes()).reversed()
                .thenComparing(Group::key, tieBreak));
        return new GroupTable<>(rows, other.toTotals(), folded == null ? 0 : folded.estimate(), capacity);
    }
}
