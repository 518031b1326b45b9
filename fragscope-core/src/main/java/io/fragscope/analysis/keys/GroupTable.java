package io.fragscope.analysis.keys;

import java.util.List;

/**
 * A breakdown with a bounded number of rows, largest allocation first.
 *
 * @param groups                  the groups kept exactly, by allocated bytes descending
 * @param other                   sums of the keys whose group did not fit ({@link Totals#ZERO} if none)
 * @param foldedGroupsEstimate    how many distinct groups were folded into {@code other}; a
 *                                linear-counting estimate (a few percent off), 0 when nothing was folded
 * @param capacity                the most groups kept
 */
public record GroupTable<K>(List<Group<K>> groups, Totals other, long foldedGroupsEstimate, int capacity) implements java.io.Serializable {

    public GroupTable {
        groups = List.copyOf(groups);
    }

    /** Keys folded into {@code other}. */
    public long foldedKeys() {
        return other.keys();
    }

    /** Every key counted: the kept groups and {@code other}. */
    public Totals total() {
        Totals t = other;
        for (Group<K> g : groups) t = t.plus(g.totals());
        return t;
    }

    /**
     * The table of both inputs' keys (two shards, two files): a group in both is summed; of the union the
     * {@code capacity} largest by allocated bytes are kept (ties by key) and the rest fold into {@code other}, with
     * both {@code other}s. Keys and bytes are never lost: {@link #total()} of the result is the sum of both totals.
     * A group kept in one table but folded in the other shows only its kept part; {@link #foldedGroupsEstimate()}
     * adds both estimates and the groups folded here (a group folded in both counts twice: an upper bound).
     * Commutative; associative in its totals.
     *
     * @throws IllegalArgumentException when the capacities differ (tables made with other options)
     */
    public static <K extends Comparable<? super K>> GroupTable<K> merge(GroupTable<K> a, GroupTable<K> b) {
        if (a.capacity != b.capacity) {
            throw new IllegalArgumentException("group tables of capacity " + a.capacity + " and " + b.capacity + " do not merge");
        }
        java.util.Map<K, Totals> sums = new java.util.HashMap<>();
        for (Group<K> g : a.groups) sums.merge(g.key(), g.totals(), Totals::plus);
        for (Group<K> g : b.groups) sums.merge(g.key(), g.totals(), Totals::plus);
        List<Group<K>> rows = new java.util.ArrayList<>(sums.size());
        sums.forEach((k, t) -> rows.add(new Group<>(k, t)));
        rows.sort(java.util.Comparator.<Group<K>>comparingLong(g -> g.totals().allocatedBytes()).reversed()
                .thenComparing(Group::key));
        Totals other = a.other.plus(b.other);
        long folded = a.foldedGroupsEstimate + b.foldedGroupsEstimate;
        for (int i = a.capacity; i < rows.size(); i++) {
            other = other.plus(rows.get(i).totals());
            folded++;
        }
        return new GroupTable<>(rows.subList(0, Math.min(a.capacity, rows.size())), other, folded, a.capacity);
    }
}
