package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.source.info.InfoDump;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns INFO dumps into per-instance series: breakdown and findings per dump, dumps of one instance
 * (same run_id, or the same file-name stem with different timestamps) ordered by capture time,
 * restarts where run_id changes, and the fragmentation trend of the current run.
 */
public final class InfoAnalyzer {

    /** Shorter spans say nothing per day: extrapolating seconds of churn to a day would mislead. */
    static final Duration MIN_TREND_SPAN = Duration.ofHours(1);

    private final FindingThresholds thresholds;
    private final InfoFindings findings;

    public InfoAnalyzer(FindingThresholds thresholds) {
        this.thresholds = thresholds;
        this.findings = new InfoFindings(thresholds);
    }

    public List<Series> analyze(List<InfoDump> dumps) {
        List<DumpAnalysis> each = new ArrayList<>();
        for (InfoDump d : dumps) {
            MemoryBreakdown b = MemoryBreakdown.of(d);
            ServerFacts s = ServerFacts.of(d);
            each.add(new DumpAnalysis(d, CaptureTime.of(d), "", s, b, findings.evaluate(d, b, s)));
        }
        List<Series> out = new ArrayList<>();
        for (List<DumpAnalysis> group : group(each)) out.add(series(group));
        out.sort(Comparator.comparing(Series::name));
        return out;
    }

    private Series series(List<DumpAnalysis> group) {
        group.sort(Comparator.comparing((DumpAnalysis a) -> a.capturedAt().at()).thenComparing(a -> String.valueOf(a.dump().source())));
        String name = nameOf(group);
        List<Instant> restarts = new ArrayList<>();
        List<DumpAnalysis> named = new ArrayList<>();
        int runStart = 0;
        for (int i = 0; i < group.size(); i++) {
            DumpAnalysis a = group.get(i);
            List<Finding> extra = new ArrayList<>();
            if (i > 0 && !a.runId().isEmpty() && !group.get(i - 1).runId().isEmpty() && !a.runId().equals(group.get(i - 1).runId())) {
                restarts.add(a.capturedAt().at());
                runStart = i;
                extra.add(new Finding(FindingCode.RESTART_DETECTED, Severity.INFO,
                        Map.of("previous_run_id", group.get(i - 1).runId(), "run_id", a.runId()),
                        List.of(abbrev(group.get(i - 1).runId()), abbrev(a.runId()))));
            }
            named.add(a.withSeries(name, extra));
        }
        List<DumpAnalysis> run = named.subList(runStart, named.size());
        double ratioSlope = slopePerDay(run, a -> a.breakdown().fragmentationRatio());
        double rssSlope = slopePerDay(run, a -> (double) a.breakdown().rss());
        if (run.size() >= 3 && ratioSlope > thresholds.growthPerDay()) {
            DumpAnalysis last = named.get(named.size() - 1);
            double r = InfoFindings.round2(ratioSlope);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("ratio_per_day", ratioSlope);
            ev.put("rss_bytes_per_day", Math.round(rssSlope));
            ev.put("points", run.size());
            named.set(named.size() - 1, last.withSeries(name, List.of(new Finding(FindingCode.FRAGMENTATION_GROWING,
                    Severity.WARNING, ev, List.of(r, new io.fragscope.analysis.Bytes(Math.round(rssSlope)), run.size())))));
        }
        return new Series(name, named, restarts, ratioSlope, rssSlope);
    }

    interface Metric { double of(DumpAnalysis a); }

    static double slopePerDay(List<DumpAnalysis> run, Metric m) {
        List<double[]> pts = new ArrayList<>();
        for (DumpAnalysis a : run) {
            double y = m.of(a);
            if (a.capturedAt().basis() != CaptureTime.Basis.UNKNOWN && Double.isFinite(y)) {
                pts.add(new double[] {a.capturedAt().at().toEpochMilli() / 86_400_000.0, y});
            }
        }
        if (pts.size() < 2) return Double.NaN;
        double span = pts.get(pts.size() - 1)[0] - pts.get(0)[0];
        if (span * 86_400_000 < MIN_TREND_SPAN.toMillis()) return Double.NaN;
        double mx = 0, my = 0;
        for (double[] p : pts) { mx += p[0]; my += p[1]; }
        mx /= pts.size();
        my /= pts.size();
        double num = 0, den = 0;
        for (double[] p : pts) { num += (p[0] - mx) * (p[1] - my); den += (p[0] - mx) * (p[0] - mx); }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Union of "same run_id" and "same name stem": a cron series survives restarts, a renamed file keeps its run. */
    private static List<List<DumpAnalysis>> group(List<DumpAnalysis> all) {
        int[] parent = new int[all.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        Map<String, Integer> firstByKey = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            DumpAnalysis a = all.get(i);
            List<String> keys = new ArrayList<>();
            if (!a.runId().isEmpty()) keys.add("run:" + a.runId());
            stemOf(a).ifPresent(s -> keys.add("stem:" + s));
            for (String k : keys) {
                Integer j = firstByKey.putIfAbsent(k, i);
                if (j != null) union(parent, i, j);
            }
        }
        Map<Integer, List<DumpAnalysis>> groups = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(all.get(i));
        return new ArrayList<>(groups.values());
    }

    private static Optional<String> stemOf(DumpAnalysis a) {
        return a.dump().source() == null ? Optional.empty() : CaptureTime.stem(a.dump().source().getFileName().toString());
    }

    private static String nameOf(List<DumpAnalysis> group) {
        for (DumpAnalysis a : group) {
            Optional<String> s = stemOf(a);
            if (s.isPresent()) return s.get();
        }
        DumpAnalysis a = group.get(0);
        String port = a.dump().text("tcp_port").orElse("");
        String product = a.dump().product(); // Valkey, Dragonfly, KeyDB named as themselves
        if (!a.runId().isEmpty()) return (port.isEmpty() ? product : product + "-" + port) + "-" + abbrev(a.runId());
        return a.dump().source() == null ? "info" : a.dump().source().getFileName().toString();
    }

    private static String abbrev(String runId) { return runId.length() > 8 ? runId.substring(0, 8) : runId; }

    private static int find(int[] p, int i) { while (p[i] != i) i = p[i] = p[p[i]]; return i; }

    private static void union(int[] p, int a, int b) { p[find(p, a)] = find(p, b); }
}
