package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.info.DumpAnalysis;

import java.nio.file.Path;
import java.util.List;

/**
 * The plan for one instance: from its latest INFO dump and, where one was matched, the RDB file of the same instance.
 *
 * @param dump     the dump the plan starts from
 * @param dataset  the RDB file whose keys priced the restart and data steps, or null
 * @param steps    in order of effort
 */
public record ReclaimPlan(DumpAnalysis dump, Path dataset, List<ReclaimStep> steps) {
    public ReclaimPlan { steps = List.copyOf(steps); }

    /** Sum of what the applicable steps give back. */
    public long totalReclaimable() {
        return steps.stream().filter(ReclaimStep::applicable).mapToLong(s -> Math.max(0, s.reclaimableBytes())).sum();
    }
}
