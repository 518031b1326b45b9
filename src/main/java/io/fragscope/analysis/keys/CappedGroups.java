package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums per group for at most {@code capacity} groups. The first {@code capacity} distinct groups
 * in stream order are kept exactly; a key of any later group is added to "other" and its group
 * offered to a {@link DistinctEstimator}. Deterministic for a given input order. For an RDB the
 * order is the server's hash-table order, effectively random, so a group with many keys is very
 * likely among the first seen.
 */
final class CappedGroups<K> {
    private final int capacity;
    private final Comparator<K> tieBreak;
    private final Map<K, TotalsAccumulator> groups = new HashMap<>();
    private final TotalsAccumulator other = new TotalsAccumulator();
    private DistinctEstimator folded;

    CappedGroups(int capacity, Comparator<K> tieBreak) {
        this.capacity = capacity;
        this.tieBreak = tieBreak;
    }

    void add(K group, KeyCost cost) {
        TotalsAccumulator acc = groups.get(group);
        if (acc == null) {
            if (groups.size() >= capacity) {
                other.add(cost);
                if (folded == null) folded = new DistinctEstimator();
                folded.offer(group.hashCode());
                return;
            }
            acc = new TotalsAccumulator();
            groups.put(group, acc);
        }
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
