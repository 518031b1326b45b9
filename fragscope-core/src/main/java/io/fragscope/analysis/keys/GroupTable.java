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
public record GroupTable<K>(List<Group<K>> groups, Totals other, long foldedGroupsEstimate, int capacity) {

    public GroupTable {
        groups = List.copyOf(groups);
    }

    /** Keys folded into {@code other}. */
    public long foldedKeys() {
        return other.keys();
    }
}
