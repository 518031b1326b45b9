package io.fragscope.analysis.reclaim;

import io.fragscope.Dataset;
import io.fragscope.analysis.info.Series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One plan per instance: its latest INFO dump, priced with the newest key dataset of the same instance (an RDB file
 * matched to the instance by {@link io.fragscope.analysis.dataset.InfoMatch}, preferred over a listing).
 */
public final class InstancePlans {
    private InstancePlans() {}

    public static List<ReclaimPlan> of(List<Series> series, List<Dataset> datasets) {
        List<ReclaimPlan> out = new ArrayList<>();
        for (Series s : series) {
            // A --bigkeys/--memkeys summary names a handful of keys: never the instance's keys for its plan.
            Dataset best = datasets.stream().filter(d -> d.series().equals(s.name()) && d.kind() != io.fragscope.source.InputKind.BIGKEYS)
                    .max(Comparator.comparing((Dataset d) -> d.profile() != null)
                            .thenComparingLong(d -> d.summary().writtenAtSeconds())).orElse(null);
            ReclaimPlanner.Keys keys = best == null ? null : new ReclaimPlanner.Keys(best.source(), best.summary(), best.profile());
            out.add(ReclaimPlanner.plan(s.latest(), keys));
        }
        return out;
    }
}
