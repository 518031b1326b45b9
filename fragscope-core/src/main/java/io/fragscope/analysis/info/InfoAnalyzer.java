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
    /** Dumps with a known capture time a trend needs, in the current run. */
    static final int MIN_TREND_POINTS = 3;

    private final FindingThresholds thresholds;
    private final InfoFindings findings;
    private final java.util.function.Function<java.nio.file.Path, Optional<String>> instanceFolder;

    public InfoAnalyzer(FindingThresholds thresholds) {
        this(thresholds, p -> Optional.empty());
    }

    /**
     * @param instanceFolder the name of the instance a dump file's folder stands for (a folder per shard below the
     *                       folder given: {@code payments/p1}), or empty; names a series whose file names carry no
     *                       capture time
     */
    public InfoAnalyzer(FindingThresholds thresholds, java.util.function.Function<java.nio.file.Path, Optional<String>> instanceFolder) {
        this.thresholds = thresholds;
        this.findings = new InfoFindings(thresholds);
        this.instanceFolder = instanceFolder;
    }

    /** Every dump kept whole: for a handful of dumps (tests, library use). A cron series goes through {@link #collector}. */
    public List<Series> analyze(List<InfoDump> dumps) {
        List<DumpAnalysis> each = new ArrayList<>();
        for (InfoDump d : dumps) each.add(one(d));
        return seriesOf(each);
    }

    private DumpAnalysis one(InfoDump d) {
        MemoryBreakdown b = MemoryBreakdown.of(d);
        ServerFacts s = ServerFacts.of(d);
        return new DumpAnalysis(d, CaptureTime.of(d), "", s, b, findings.evaluate(d, b, s));
    }

    private List<Series> seriesOf(List<DumpAnalysis> each) {
        List<List<DumpAnalysis>> groups = group(each);
        List<Naming> namings = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (List<DumpAnalysis> g : groups) {
            Naming n = naming(g);
            namings.add(n);
            uses.merge(n.name(), 1, Integer::sum);
        }
        // Two instances of one name are told apart by what qualifies it (shard1/redis-….txt and shard2/redis-….txt by
        // their folder; two dumps of one shard folder by their file), and if that is not enough, by run_id.
        List<String> names = new ArrayList<>();
        Map<String, Integer> again = new HashMap<>();
        for (Naming n : namings) {
            String name = uses.get(n.name()) > 1 ? n.qualified() : n.name();
            names.add(name);
            again.merge(name, 1, Integer::sum);
        }
        List<Series> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            String n = names.get(i), run = groups.get(i).get(0).runId();
            out.add(series(groups.get(i), again.get(n) > 1 && !run.isEmpty() ? n + "-" + abbrev(run) : n));
        }
        out.sort(Comparator.comparing(Series::name));
        return out;
    }

    /** A series' name, and the longer one it takes when another series has the same. */
    private record Naming(String name, String qualified) {}

    private Naming naming(List<DumpAnalysis> group) {
        for (DumpAnalysis a : group) {
            Optional<String> s = stemOf(a);
            if (s.isPresent()) return new Naming(s.get(), folderOf(group).map(f -> f + "/" + s.get()).orElse(s.get()));
        }
        // No capture time in the file names: the instance the dump's folder stands for (payments/p1, as the fleet roll-up
        // names it), which a restart does not change, where run_id does.
        for (DumpAnalysis a : group) {
            if (a.dump().source() == null) continue;
            Optional<String> f = instanceFolder.apply(a.dump().source());
            if (f.isPresent()) return new Naming(f.get(), f.get() + "/" + fileStem(a.dump().source()));
        }
        String n = nameOf(group);
        return new Naming(n, folderOf(group).map(f -> f + "/" + n).orElse(n));
    }

    private static String fileStem(java.nio.file.Path p) {
        String file = io.fragscope.source.FileNames.name(p), stem = file.replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        return stem.isEmpty() ? file : stem;
    }

    /** The folder of a group's first dump with a source, as its last two names ("clusterA/shard1"). */
    private static Optional<String> folderOf(List<DumpAnalysis> group) {
        for (DumpAnalysis a : group) {
            java.nio.file.Path src = a.dump().source();
            java.nio.file.Path dir = src == null ? null : src.toAbsolutePath().getParent();
            if (dir == null || dir.getFileName() == null) continue;
            java.nio.file.Path up = dir.getParent();
            return Optional.of((up == null || up.getFileName() == null ? "" : up.getFileName() + "/") + dir.getFileName());
        }
        return Optional.empty();
    }

    /** Reads a dump again from its file, for the raw fields of the latest dump of each instance. */
    @FunctionalInterface
    public interface Reread {
        InfoDump parse(java.nio.file.Path file) throws java.io.IOException;
    }

    /** A dump left out of the series by the retention window. */
    public record Dropped(java.nio.file.Path source, Instant capturedAt) {}

    public Collector collector(Duration since, Reread reread) { return new Collector(since, reread); }

    /**
     * Takes dumps one at a time and keeps of each only what the series, findings and key matching need
     * ({@link #KEPT_FIELDS}, a few hundred bytes), so a cron series of any length fits a small heap; the
     * latest dump of each instance gets all its raw fields back (read again) when the series are built.
     */
    public final class Collector {
        private final Duration since;
        private final Reread reread;
        private final List<DumpAnalysis> each = new ArrayList<>();
        private final Map<String, String> sections = new HashMap<>();
        private final List<Dropped> dropped = new ArrayList<>();

        private Collector(Duration since, Reread reread) {
            this.since = since;
            this.reread = reread;
        }

        public void add(InfoDump d) {
            DumpAnalysis a = one(d);
            List<io.fragscope.source.info.InfoField> kept = new ArrayList<>();
            for (io.fragscope.source.info.InfoField f : d.fields()) {
                String name = KEPT_FIELDS.get(f.name());
                if (name != null) kept.add(new io.fragscope.source.info.InfoField(sections.computeIfAbsent(f.section(), x -> x), name, f.value(), f.line()));
            }
            InfoDump slim = new InfoDump(d.source(), kept, d.keyspace(), d.warnings());
            each.add(new DumpAnalysis(slim, a.capturedAt(), a.series(), a.server(), a.breakdown(), a.findings()));
        }

        /** Dumps captured more than {@code since} before their instance's newest one, left out of the series. */
        public List<Dropped> dropped() { return List.copyOf(dropped); }

        public List<Series> finish() {
            List<DumpAnalysis> in = each;
            if (since != null && !each.isEmpty()) {
                // Each instance's own window: in a fleet, an instance whose captures stopped earlier keeps its last
                // stretch (and still prices its RDB) instead of leaving the report because another one is newer.
                in = new ArrayList<>();
                for (List<DumpAnalysis> instance : group(each)) {
                    Instant from = instance.stream().map(a -> a.capturedAt().at()).max(Comparator.naturalOrder()).orElseThrow().minus(since);
                    for (DumpAnalysis a : instance) {
                        if (a.capturedAt().at().isBefore(from)) dropped.add(new Dropped(a.dump().source(), a.capturedAt().at()));
                        else in.add(a);
                    }
                }
            }
            List<Series> out = new ArrayList<>();
            for (Series s : seriesOf(in)) {
                DumpAnalysis last = s.latest();
                InfoDump full = last.dump();
                if (reread != null && full.source() != null) {
                    try {
                        full = reread.parse(full.source());
                    } catch (java.io.IOException | RuntimeException e) {
                        full = last.dump();  // changed or gone since the first read: keep the fields already read
                    }
                }
                List<DumpAnalysis> dumps = new ArrayList<>(s.dumps());
                dumps.set(dumps.size() - 1, new DumpAnalysis(full, last.capturedAt(), last.series(), last.server(), last.breakdown(), last.findings()));
                out.add(new Series(s.name(), dumps, s.restarts(), s.ratioPerDay(), s.rssBytesPerDay()));
            }
            return out;
        }
    }

    /**
     * Fields kept from every dump of a series: what MemoryBreakdown, ServerFacts, the findings, series
     * naming and RDB/listing matching (InfoMatch, RdbDatasets, AllocatorChoice.infer) read. Canonical
     * instances, so thousands of dumps share one copy of each name.
     */
    static final Map<String, String> KEPT_FIELDS = canonical(
            "redis_version", "valkey_version", "server_name", "redis_mode", "tcp_port", "run_id", "executable", "server_time_usec",
            "uptime_in_seconds", "process_id", "used_memory", "used_memory_rss", "used_memory_peak", "used_memory_dataset",
            "used_memory_overhead", "used_memory_startup", "allocator_allocated", "allocator_active", "allocator_resident",
            "allocator_frag_ratio", "allocator_frag_bytes", "allocator_rss_ratio", "allocator_rss_bytes", "rss_overhead_ratio",
            "rss_overhead_bytes", "mem_fragmentation_ratio", "mem_fragmentation_bytes", "mem_allocator", "maxmemory",
            "maxmemory_policy", "used_memory_lua", "used_memory_vm_total", "used_memory_vm_eval", "used_memory_scripts",
            "mem_replication_backlog", "mem_clients_normal", "mem_clients_slaves", "mem_aof_buffer", "mem_not_counted_for_evict",
            "active_defrag_running", "number_of_cached_scripts", "connected_clients", "connected_slaves", "role", "master_replid",
            "rdb_last_save_time", "cluster_enabled", "lazyfree_pending_objects", "used_memory_peak_time");

    private static Map<String, String> canonical(String... names) {
        Map<String, String> m = new HashMap<>();
        for (String n : names) m.put(n, n);
        return Map.copyOf(m);
    }

    private Series series(List<DumpAnalysis> group, String name) {
        group.sort(Comparator.comparing((DumpAnalysis a) -> a.capturedAt().at()).thenComparing(a -> String.valueOf(a.dump().source())));
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
                        orderedEvidence("previous_run_id", group.get(i - 1).runId(), "run_id", a.runId()),
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
        // As fragmentation-growing asks: a line through two points is a difference, not a trend (after a restart, the
        // first two dumps of a run often differ by a whole ratio point within an hour).
        if (pts.size() < MIN_TREND_POINTS) return Double.NaN;
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

    /**
     * Union of "same run_id" and "same name stem in the same folder": a cron series survives restarts, a renamed file
     * keeps its run; the same stem in two folders (a folder per shard, each with its redis-….txt) is two instances.
     */
    private static List<List<DumpAnalysis>> group(List<DumpAnalysis> all) {
        int[] parent = new int[all.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        Map<String, Integer> firstByKey = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            DumpAnalysis a = all.get(i);
            List<String> keys = new ArrayList<>();
            if (!a.runId().isEmpty()) keys.add("run:" + a.runId());
            stemOf(a).ifPresent(s -> keys.add("stem:" + String.valueOf(a.dump().source().toAbsolutePath().getParent()) + "/" + s));
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
        return a.dump().source() == null ? Optional.empty() : CaptureTime.stem(io.fragscope.source.FileNames.name(a.dump().source()));
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
        // no run_id (a MEMORY STATS reply standing alone): the file's name, as a stem is, without its extension
        return a.dump().source() == null ? "info" : fileStem(a.dump().source());
    }

    private static String abbrev(String runId) { return runId.length() > 8 ? runId.substring(0, 8) : runId; }

    private static int find(int[] p, int i) { while (p[i] != i) i = p[i] = p[p[i]]; return i; }

    private static void union(int[] p, int a, int b) { p[find(p, a)] = find(p, b); }

    /** Evidence in the order given (Map.of's order changes from run to run, and so would the reports' text). */
    private static Map<String, Object> orderedEvidence(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return java.util.Collections.unmodifiableMap(m);
    }
}
