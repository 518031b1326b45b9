package io.fragscope.report;

import io.fragscope.analysis.where.WhereSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Shared selections for the "where the memory sits" renderers. */
final class WhereTables {
    private WhereTables() {}

    /** The {@code n} heaviest slots holding keys, heaviest first (ties: lower slot). */
    static List<Integer> heaviestSlots(WhereSummary w, int n) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < w.slotKeys().length; i++) if (w.slotKeys()[i] > 0) slots.add(i);
        slots.sort(Comparator.comparingLong((Integer s) -> w.slotBytes()[s]).reversed().thenComparing(Comparator.naturalOrder()));
        return slots.subList(0, Math.min(n, slots.size()));
    }

    /** First and last slot holding keys, or {-1, -1}. */
    static int[] slotRange(WhereSummary w) {
        int lo = -1, hi = -1;
        for (int i = 0; i < w.slotKeys().length; i++) if (w.slotKeys()[i] > 0) { if (lo < 0) lo = i; hi = i; }
        return new int[] {lo, hi};
    }
}
