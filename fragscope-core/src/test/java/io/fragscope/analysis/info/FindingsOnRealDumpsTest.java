package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every finding on a dump a real server wrote: samples/ (written by scripts/make-samples.sh), dumps this test
 * makes a live server produce, and — for states a test machine cannot reach (swap, replicas, a source-built
 * jemalloc) — a real dump with the one field that state changes edited, as a ticket paste would differ.
 */
class FindingsOnRealDumpsTest {
    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);
    private final InfoAnalyzer analyzer = new InfoAnalyzer(FindingThresholds.DEFAULTS);

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples", "info"))) {
            return s.sorted().toList();
        }
    }

    private static Set<FindingCode> codes(DumpAnalysis d) {
        return d.findings().stream().map(Finding::code).collect(Collectors.toSet());
    }

    /**
     * An edited dump must say what the server would have printed for its edited figures: Redis 7.0
     * (server.c genRedisInfoString) prints allocator_frag = active/allocated, allocator_rss = resident/active,
     * rss_overhead = rss/resident, and fragmentation = rss/used, and fragscope reads the printed ratios.
     */
    static String reprint(String text) {
        java.util.function.ToLongFunction<String> v = n -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + n + ":(-?\\d+)").matcher(text);
            if (!m.find()) throw new AssertionError("no " + n);
            return Long.parseLong(m.group(1));
        };
        long used = v.applyAsLong("used_memory"), rss = v.applyAsLong("used_memory_rss");
        long allocated = v.applyAsLong("allocator_allocated"), active = v.applyAsLong("allocator_active"), resident = v.applyAsLong("allocator_resident");
        String out = text;
        out = set(out, "allocator_frag_ratio", String.format(java.util.Locale.ROOT, "%.2f", (double) active / allocated));
        out = set(out, "allocator_frag_bytes", Long.toString(active - allocated));
        out = set(out, "allocator_rss_ratio", String.format(java.util.Locale.ROOT, "%.2f", (double) resident / active));
        out = set(out, "allocator_rss_bytes", Long.toString(resident - active));
        out = set(out, "rss_overhead_ratio", String.format(java.util.Locale.ROOT, "%.2f", (double) rss / resident));
        out = set(out, "rss_overhead_bytes", Long.toString(rss - resident));
        out = set(out, "mem_fragmentation_ratio", String.format(java.util.Locale.ROOT, "%.2f", (double) rss / used));
        return set(out, "mem_fragmentation_bytes", Long.toString(rss - used));
    }

    private static String set(String text, String name, String value) {
        return text.replaceAll("(?m)^" + name + ":[^\\r\\n]*", name + ":" + value);
    }

    private DumpAnalysis one(String text, String name) throws IOException {
        InfoDump d = parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Path.of(name));
        return analyzer.analyze(List.of(d)).get(0).latest();
    }

    @Test
    void theFragmentedSampleNeedsARestartBecauseThisBuildCannotDefrag() throws IOException {
        List<InfoDump> dumps = new ArrayList<>();
        for (Path p : samples()) dumps.add(parser.parse(p));
        List<Series> series = analyzer.analyze(dumps);
        assertEquals(1, series.size());
        Series s = series.get(0);
        assertEquals("cache-01", s.name());
        assertEquals(1, s.restarts().size(), "one restart from the RDB");
        DumpAnalysis fragmented = s.dumps().get(4);
        assertTrue(fragmented.breakdown().fragmentationRatio() > 1.5);
        assertTrue(codes(fragmented).containsAll(Set.of(FindingCode.HIGH_FRAGMENTATION, FindingCode.ALLOCATOR_FRAGMENTATION,
                FindingCode.PEAK_ABOVE_CURRENT, FindingCode.RESTART_TO_RECLAIM)), codes(fragmented).toString());
        assertFalse(codes(fragmented).contains(FindingCode.ACTIVEDEFRAG_CANDIDATE), "Debian's jemalloc has no defrag hint");
        assertTrue(codes(s.dumps().get(3)).contains(FindingCode.RESTART_DETECTED));
        assertEquals(Set.of(FindingCode.TINY_INSTANCE), codes(s.dumps().get(0)));
    }

    @Test
    void theSameFragmentationOnASourceBuildIsAnActiveDefragCandidate() throws IOException {
        // Edited: the jemalloc Redis 7.0 bundles (5.2.1) instead of Debian's 5.3.0, as a source build reports it.
        String text = Files.readString(samples().get(4)).replace("mem_allocator:jemalloc-5.3.0", "mem_allocator:jemalloc-5.2.1")
                .replaceAll("(?m)^executable:[^\\r\\n]*", "executable:/opt/redis/bin/redis-server")
                .replaceAll("(?m)^allocator_active:(\\d+)", "allocator_active:999999999");
        text = reprint(text);
        DumpAnalysis d = one(text, "source-build.txt");
        assertTrue(codes(d).contains(FindingCode.ACTIVEDEFRAG_CANDIDATE), codes(d).toString());
        assertFalse(codes(d).contains(FindingCode.RESTART_TO_RECLAIM));
    }

    /** Three dumps of the samples' real timeline, their capture times spread a day apart in the file names. */
    private List<InfoDump> daysApart(Path dir) throws IOException {
        List<Path> s = samples();
        List<InfoDump> dumps = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            String text = Files.readString(s.get(i)).replaceAll("(?m)^server_time_usec:[^\\r\\n]*\\R", "");
            Path p = dir.resolve("cache-02-2026110" + (i - 2) + "-000000.txt");
            Files.writeString(p, text);
            dumps.add(parser.parse(p));
        }
        return dumps;
    }

    @Test
    void aRisingRatioOverDaysIsAGrowthTrend(@TempDir Path dir) throws IOException {
        Series series = analyzer.analyze(daysApart(dir)).get(0);
        assertTrue(series.ratioPerDay() > 1, "ratio grew by " + series.ratioPerDay() + " a day");
        assertTrue(codes(series.latest()).contains(FindingCode.FRAGMENTATION_GROWING));
    }

    /**
     * Two dumps a day apart are a difference, not a trend: no slope is given (fragscope.prom's ratio_per_day, the
     * JSON's), as the fragmentation-growing finding needs three. The same dumps with a third give one.
     */
    @Test
    void twoDumpsGiveNoSlope(@TempDir Path dir) throws IOException {
        List<InfoDump> dumps = daysApart(dir);
        Series two = analyzer.analyze(dumps.subList(0, 2)).get(0);
        assertEquals(2, two.dumps().size());
        assertTrue(Double.isNaN(two.ratioPerDay()), "two points: " + two.ratioPerDay());
        assertTrue(Double.isNaN(two.rssBytesPerDay()));
        assertFalse(codes(two.latest()).contains(FindingCode.FRAGMENTATION_GROWING));
        assertTrue(Double.isFinite(analyzer.analyze(dumps).get(0).ratioPerDay()));
    }

    @Test
    void buffersAndMaxmemoryOnEditedRealDumps() throws IOException {
        String base = Files.readString(samples().get(4));
        DumpAnalysis clients = one(base.replaceAll("(?m)^mem_clients_normal:\\d+", "mem_clients_normal:52428800")
                .replaceAll("(?m)^connected_clients:\\d+", "connected_clients:20"), "clients.txt");
        assertTrue(codes(clients).contains(FindingCode.BIG_CLIENT_BUFFERS));
        DumpAnalysis replicas = one(base.replaceAll("(?m)^mem_clients_slaves:\\d+", "mem_clients_slaves:104857600")
                .replaceAll("(?m)^connected_slaves:\\d+", "connected_slaves:2"), "replicas.txt");
        assertTrue(codes(replicas).contains(FindingCode.BIG_REPLICA_BUFFERS));
        DumpAnalysis defrag = one(base.replaceAll("(?m)^active_defrag_running:\\d+", "active_defrag_running:12"), "defrag.txt");
        assertTrue(codes(defrag).contains(FindingCode.ACTIVEDEFRAG_RUNNING));
        DumpAnalysis purge = one(reprint(base.replaceAll("(?m)^allocator_resident:(\\d+)", "allocator_resident:240000000")
                .replaceAll("(?m)^used_memory_rss:(\\d+)", "used_memory_rss:250000000")), "purge.txt");
        assertTrue(codes(purge).contains(FindingCode.ALLOCATOR_RSS_OVERHEAD), codes(purge).toString());
        DumpAnalysis proc = one(reprint(base.replaceAll("(?m)^used_memory_rss:(\\d+)", "used_memory_rss:400000000")), "proc.txt");
        assertTrue(codes(proc).contains(FindingCode.PROCESS_RSS_OVERHEAD), codes(proc).toString());
    }

    @Test
    void aLiveServerWithManyScriptsAndATightMaxmemory(@TempDir Path dir) throws IOException {
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            List<Object[]> keys = new ArrayList<>();
            for (int i = 0; i < 80000; i++) keys.add(new Object[] {"SET", "k:" + i, "v".repeat(64)});
            r.pipeline(keys);
            List<Object[]> scripts = new ArrayList<>();
            for (int i = 0; i < 1100; i++) scripts.add(new Object[] {"SCRIPT", "LOAD", "return " + i});
            r.pipeline(scripts);
            long used = r.infoField("used_memory");
            r.call("CONFIG", "SET", "maxmemory", String.valueOf(used + used / 20));
            DumpAnalysis d = one(r.text("INFO", "all"), "live.txt");
            assertEquals(1100, d.dump().bytes("number_of_cached_scripts").getAsLong());
            assertTrue(codes(d).containsAll(Set.of(FindingCode.MANY_SCRIPTS, FindingCode.NEAR_MAXMEMORY, FindingCode.RSS_ABOVE_MAXMEMORY)),
                    codes(d).toString());
            Finding near = d.findings().stream().filter(f -> f.code() == FindingCode.NEAR_MAXMEMORY).findFirst().orElseThrow();
            assertEquals(Severity.WARNING, near.severity());
        }
    }
}
