package io.fragscope;

import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.Series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one run: how each input fared, INFO series, key datasets (RDB files, listings), and how
 * key prefixes grew between datasets of one instance.
 */
public record AnalysisResult(List<InputReport> inputs, List<Series> series, List<Dataset> datasets,
                             List<io.fragscope.analysis.dataset.DatasetGrowth.PrefixGrowth> growth,
                             List<io.fragscope.analysis.reclaim.ReclaimPlan> plans) {

    public AnalysisResult {
        inputs = List.copyOf(inputs);
        series = List.copyOf(series);
        // A run's own list is not copied: most of its datasets may be on disk (HeldDatasets).
        datasets = datasets instanceof HeldDatasets held ? held.frozen() : List.copyOf(datasets);
        growth = List.copyOf(growth);
        plans = List.copyOf(plans);
    }

    public AnalysisResult(List<InputReport> inputs, List<Series> series, List<Dataset> datasets,
                          List<io.fragscope.analysis.dataset.DatasetGrowth.PrefixGrowth> growth) {
        this(inputs, series, datasets, growth, List.of());
    }

    /** The reclaim plan made from this dump (the latest of its instance), if any. */
    public java.util.Optional<io.fragscope.analysis.reclaim.ReclaimPlan> planOf(DumpAnalysis d) {
        return plans.stream().filter(p -> p.dump() == d).findFirst();
    }

    /** Plans of every instance, worst instance first (as {@link #latestWorstFirst()}). */
    public List<io.fragscope.analysis.reclaim.ReclaimPlan> plansWorstFirst() {
        List<io.fragscope.analysis.reclaim.ReclaimPlan> out = new ArrayList<>();
        for (DumpAnalysis d : latestWorstFirst()) planOf(d).ifPresent(out::add);
        return out;
    }

    /**
     * Whether anything could be used: an INFO dump, or a key dataset with keys or from an input read without error (an
     * empty instance's RDB counts). An RDB that broke before its first key leaves an empty dataset beside its error: that
     * alone is nothing to report, and a report of it would replace the last good one.
     */
    public boolean anythingUsable() {
        if (!dumps().isEmpty()) return true;
        for (Dataset d : datasets) {
            if (d.summary().keys().totals().keys() > 0) return true;
            boolean failed = inputs.stream().anyMatch(i -> i.path().equals(d.source()) && i.status() == InputReport.Status.ERROR);
            if (!failed) return true;
        }
        return false;
    }

    /** How many inputs ended with one of {@code statuses}. */
    public long inputs(InputReport.Status... statuses) {
        java.util.Set<InputReport.Status> s = java.util.EnumSet.noneOf(InputReport.Status.class);
        s.addAll(List.of(statuses));
        return inputs.stream().filter(i -> s.contains(i.status())).count();
    }

    public List<DumpAnalysis> dumps() {
        List<DumpAnalysis> all = new ArrayList<>();
        for (Series s : series) all.addAll(s.dumps());
        return all;
    }

    /** Latest dump of each instance, worst first (severity, then fragmentation ratio). */
    public List<DumpAnalysis> latestWorstFirst() {
        List<DumpAnalysis> latest = new ArrayList<>();
        for (Series s : series) latest.add(s.latest());
        latest.sort(Comparator.comparing((DumpAnalysis d) -> d.worstSeverity() == null ? -1 : d.worstSeverity().ordinal()).reversed()
                .thenComparing(Comparator.comparingDouble((DumpAnalysis d) -> {
                    double r = d.breakdown().fragmentationRatio();
                    return Double.isFinite(r) ? r : 0;
                }).reversed())
                .thenComparing(DumpAnalysis::series));
        return latest;
    }

    /** Whether reading some input failed unexpectedly (out of memory, a bug): exit status 3. */
    public boolean anyCrashed() {
        return inputs.stream().anyMatch(i -> i.status() == InputReport.Status.CRASHED);
    }

    public boolean anyUnreadable() {
        return inputs.stream().anyMatch(i -> i.status() == InputReport.Status.ERROR || i.status() == InputReport.Status.PARTIAL);
    }

    /** Worst severity over every dump of every instance and every dataset. */
    public Severity worstSeverity() {
        return worst(dumps(), datasets);
    }

    /** Worst severity of the current state: the latest dump of each instance and every dataset. */
    public Severity worstSeverityNow() {
        return worst(latestWorstFirst(), datasets);
    }

    private static Severity worst(List<DumpAnalysis> dumps, List<Dataset> datasets) {
        Severity worst = null;
        for (DumpAnalysis d : dumps) worst = max(worst, d.worstSeverity());
        for (Dataset ds : datasets) for (var f : ds.findings()) worst = max(worst, f.severity());
        return worst;
    }

    private static Severity max(Severity a, Severity b) {
        return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
