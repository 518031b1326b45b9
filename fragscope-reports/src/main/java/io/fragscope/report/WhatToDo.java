package io.fragscope.report;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "What to do" of one instance or dataset: one action per cause, taken from the most specific finding
 * of that cause, so the reader gets one thing to do about allocator fragmentation (defrag where the build
 * can, else failover and restart), one about dirty pages (MEMORY PURGE), and so on, never two that
 * contradict. Informational findings carry no action; actions only name findings that are present.
 */
public final class WhatToDo {
    private WhatToDo() {}

    /** What a finding is about; findings of one cause share one action. */
    enum Cause { GAP, ALLOCATOR_FRAGMENTATION, ALLOCATOR_RSS, PROCESS_RSS, OTHER }

    /** The findings whose action is the one to follow, most severe cause first. */
    public static List<Finding> actionable(List<Finding> findings) {
        Map<Object, Finding> best = new LinkedHashMap<>();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> b.severity().compareTo(a.severity()));
        boolean specific = false;
        for (Finding f : sorted) {
            Cause c = cause(f);
            if (c == Cause.ALLOCATOR_FRAGMENTATION || c == Cause.ALLOCATOR_RSS || c == Cause.PROCESS_RSS) specific = true;
        }
        for (Finding f : sorted) {
            if (f.severity() == Severity.INFO) continue;
            Cause c = cause(f);
            if (c == Cause.GAP && specific) continue;
            Object key = c == Cause.OTHER ? f.code() : c;
            Finding held = best.get(key);
            if (held == null || rank(f) > rank(held)) best.put(key, f);
        }
        List<Finding> out = new ArrayList<>(best.values());
        out.sort((a, b) -> b.severity().compareTo(a.severity()));
        return out;
    }

    static Cause cause(Finding f) {
        return switch (f.code()) {
            case HIGH_FRAGMENTATION -> Cause.GAP;
            case ALLOCATOR_FRAGMENTATION, ACTIVEDEFRAG_CANDIDATE, ACTIVEDEFRAG_RUNNING, RESTART_TO_RECLAIM, FRAGMENTATION_GROWING -> Cause.ALLOCATOR_FRAGMENTATION;
            case ALLOCATOR_RSS_OVERHEAD -> Cause.ALLOCATOR_RSS;
            case PROCESS_RSS_OVERHEAD -> Cause.PROCESS_RSS;
            case PEAK_ABOVE_CURRENT -> switch (choice(f, 2)) {
                case 1 -> Cause.ALLOCATOR_RSS;
                case 3 -> Cause.OTHER;
                default -> Cause.ALLOCATOR_FRAGMENTATION;
            };
            default -> Cause.OTHER;
        };
    }

    /** Within a cause, the finding whose action is most specific to this build and state wins. */
    private static int rank(Finding f) {
        return switch (f.code()) {
            case ACTIVEDEFRAG_RUNNING -> 6;
            case ACTIVEDEFRAG_CANDIDATE -> 5;
            case RESTART_TO_RECLAIM -> 4;
            case ALLOCATOR_FRAGMENTATION, ALLOCATOR_RSS_OVERHEAD, PROCESS_RSS_OVERHEAD -> 3;
            case FRAGMENTATION_GROWING -> 2;
            default -> 1;
        };
    }

    private static int choice(Finding f, int arg) {
        return f.args().size() > arg && f.args().get(arg) instanceof Number n ? n.intValue() : -1;
    }

    /** Whether this finding's code is the one named; for tests and callers that check one cause. */
    static boolean is(Finding f, FindingCode c) { return f.code() == c; }
}
