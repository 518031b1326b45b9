package io.fragscope.source.memstats;

import io.fragscope.analysis.info.CaptureInputs;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.source.InputKind;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.bigkeys.KeyScanSummary;
import io.fragscope.source.bigkeys.KeyScanSummaryParser;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.mallocstats.MallocStats;
import io.fragscope.source.mallocstats.MallocStatsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The captures people take besides INFO, read from real ones: src/test/resources/captures/BUILD/ were written by this
 * machine's redis-server 7.0.15 (Debian) and by Valkey 8.1.1 and 9.1.2 (../shared/bin) through redis-cli 7.0, after
 * 200,000 strings were written and half deleted; captures/pastes/ are from public issue threads.
 */
class CapturesTest {

    static final Path CAPTURES = Path.of("fragscope-core/src/test/resources/captures");
    private final ReadLimits limits = ReadLimits.DEFAULTS;

    private static InputKind kind(Path p) throws IOException { return InputKind.detect(p, head -> false); }

    @ParameterizedTest
    @ValueSource(strings = {"redis-7.0.15-debian", "valkey-8.1.1", "valkey-9.1.2"})
    void everyCaptureIsRecognisedAsItsOwnKind(String build) throws IOException {
        Path d = CAPTURES.resolve(build);
        assertEquals(InputKind.INFO, kind(d.resolve("info.txt")));
        assertEquals(InputKind.MEMORY_STATS, kind(d.resolve("memory-stats.txt")));
        assertEquals(InputKind.MEMORY_STATS, kind(CAPTURES.resolve("forms/" + build + "-memory-stats-tty.txt")));
        assertEquals(InputKind.MEMORY_DOCTOR, kind(d.resolve("memory-doctor.txt")));
        assertEquals(InputKind.MALLOC_STATS, kind(d.resolve("malloc-stats.txt")));
        assertEquals(InputKind.BIGKEYS, kind(d.resolve("bigkeys.txt")));
        assertEquals(InputKind.BIGKEYS, kind(d.resolve("memkeys.txt")));
    }

    /** redis-cli into a file prints one name or value per line; on a terminal it numbers them: both read alike. */
    @ParameterizedTest
    @ValueSource(strings = {"redis-7.0.15-debian", "valkey-8.1.1", "valkey-9.1.2"})
    void rawAndTerminalFormsOfMemoryStatsReadTheSameEntries(String build) throws IOException {
        MemoryStats raw = new MemoryStatsParser(limits).parse(CAPTURES.resolve(build).resolve("memory-stats.txt"));
        MemoryStats tty = new MemoryStatsParser(limits).parse(CAPTURES.resolve("forms/" + build + "-memory-stats-tty.txt"));
        assertEquals(raw.values().keySet(), tty.values().keySet());
        assertEquals(List.of(), raw.warnings());
        assertEquals(103081, raw.bytes("keys.count").getAsLong());
        assertEquals(raw.values().get("db.0.overhead.hashtable.main"), tty.values().get("db.0.overhead.hashtable.main"));
        // db 1 holds one key; each server prints its own table overhead for it (Valkey 8's hashtable differs from dict)
        long expected = switch (build) { case "redis-7.0.15-debian" -> 72; case "valkey-8.1.1" -> 264; default -> 288; };
        assertEquals(expected, raw.bytes("db.1.overhead.hashtable.main").getAsLong());
        assertEquals(raw.values().get("db.1.overhead.hashtable.main"), tty.values().get("db.1.overhead.hashtable.main"));
    }

    @Test
    void theRedis70CaptureJoinsItsInfoDumpAndAddsTheKeyspaceTables() throws IOException {
        Path d = CAPTURES.resolve("redis-7.0.15-debian");
        InfoDump info = new InfoParser(limits).parse(d.resolve("info.txt"));
        MemoryStats stats = new MemoryStatsParser(limits).parse(d.resolve("memory-stats.txt"));
        MemoryStatsJoin.Result r = MemoryStatsJoin.join(List.of(info), List.of(stats));
        assertEquals(1, r.dumps().size());
        assertTrue(r.notes().get(0).startsWith("joined to the INFO dump"), r.notes().get(0));
        InfoDump joined = r.dumps().get(0);
        assertEquals(6220352, joined.bytes("db.0.overhead.hashtable.main").getAsLong());
        assertEquals(6220424, stats.keyspaceTableBytes());
        assertEquals(241, joined.bytes("keys.bytes-per-key").getAsLong());
        assertEquals(25733552, joined.bytes("used_memory").getAsLong(), "INFO's own figures stay");
    }

    /**
     * A just-started, empty Valkey 9.1.2: INFO, then MEMORY STATS, whose reply reports a higher peak (the first reply
     * raised it) and used_memory 22,568 bytes (2.4 %) up. Still the same instance and time: joined, not a second instance.
     */
    @Test
    void anEmptyServersReplyJoinsItsInfoDumpThoughThePeakMovedBetweenTheTwo() throws IOException {
        Path d = CAPTURES.resolve("valkey-9.1.2-empty");
        InfoDump info = new InfoParser(limits).parse(d.resolve("info.txt"));
        MemoryStats stats = new MemoryStatsParser(limits).parse(d.resolve("memory-stats.txt"));
        assertEquals(946696, info.bytes("used_memory_peak").getAsLong());
        assertEquals(969248, stats.bytes("peak.allocated").getAsLong());
        MemoryStatsJoin.Result r = MemoryStatsJoin.join(List.of(info), List.of(stats));
        assertEquals(1, r.dumps().size(), r.notes().toString());
        assertEquals("joined to the INFO dump " + d.resolve("info.txt") + " (same startup memory, peak and used_memory within 22568 bytes)",
                r.notes().get(0));
        // another server's reply (the 7.0 capture: other startup memory) still stands alone
        MemoryStats other = new MemoryStatsParser(limits).parse(CAPTURES.resolve("redis-7.0.15-debian/memory-stats.txt"));
        assertEquals(2, MemoryStatsJoin.join(List.of(info), List.of(other)).dumps().size());
    }

    /** Under a "Redis" heading a Valkey's version is named as Valkey's (its INFO also says redis_version:7.2.4). */
    @Test
    void aValkeysVersionIsLabelledAsValkeysAndARedisVersionAlone() throws IOException {
        var valkey = io.fragscope.analysis.info.ServerFacts.of(new InfoParser(limits).parse(CAPTURES.resolve("valkey-9.1.2/info.txt")));
        assertEquals("Valkey 9.1.2", valkey.versionLabel());
        var redis = io.fragscope.analysis.info.ServerFacts.of(new InfoParser(limits).parse(CAPTURES.resolve("redis-7.0.15-debian/info.txt")));
        assertEquals("7.0.15", redis.versionLabel());
    }

    /** A damaged "Biggest … has N …" line of a real --bigkeys capture is said, and the capture partial, not silently one key short. */
    @Test
    void aDamagedBiggestLineIsSaidNotDropped(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String text = java.nio.file.Files.readString(CAPTURES.resolve("redis-7.0.15-debian/bigkeys.txt"));
        String damaged = text.replaceFirst("(Biggest\\s+hash found .* has )\\d+( fields)", "$1XX$2");
        assertNotEquals(text, damaged);
        Path f = dir.resolve("bigkeys-bad.txt");
        java.nio.file.Files.writeString(f, damaged);
        var k = new io.fragscope.source.bigkeys.KeyScanSummaryParser(limits).parse(f);
        var whole = new io.fragscope.source.bigkeys.KeyScanSummaryParser(limits).parse(CAPTURES.resolve("redis-7.0.15-debian/bigkeys.txt"));
        assertEquals(whole.biggest().size() - 1, k.biggest().size());
        assertEquals(1, k.warnings().size(), k.warnings().toString());
        assertTrue(k.warnings().get(0).contains("is not \"Biggest TYPE found KEY has N UNIT\": that key is left out"), k.warnings().get(0));
        assertEquals(io.fragscope.InputReport.Status.PARTIAL, io.fragscope.analysis.info.CaptureInputs.keyScanReport(f, k).status());
    }

    /** A reply analysed alone is an instance named by its file, as a dump's stem is: without the extension. */
    @Test
    void aReplyAnalysedAloneIsNamedByItsFileWithoutTheExtension() {
        var r = new io.fragscope.Analyzer(io.fragscope.AnalysisRequest.of(List.of(CAPTURES.resolve("redis-7.0.15-debian/memory-stats.txt")))).run();
        assertEquals(List.of("memory-stats"), r.series().stream().map(io.fragscope.analysis.info.Series::name).toList());
    }

    @Test
    void aReplyWithoutItsInfoDumpStandsAloneWithRssFromFragmentationBytes() throws IOException {
        MemoryStats s = new MemoryStatsParser(limits).parse(CAPTURES.resolve("pastes/redis-7787-memory-stats.txt"));
        assertEquals(284634, s.bytes(" ").getAsLong(), "the name the poster blanked keeps its value");
        MemoryStatsJoin.Result r = MemoryStatsJoin.join(List.of(), List.of(s));
        InfoDump alone = r.dumps().get(0);
        assertEquals(646533064L + 25254488L, alone.bytes("used_memory_rss").getAsLong());
        MemoryBreakdown b = MemoryBreakdown.of(alone);
        assertEquals(1.0390640497207642, b.fragmentationRatio());
        assertEquals(275848, b.allocatorFragBytes());
        assertEquals(-1318912, b.processRssBytes(), "rss-overhead.bytes as printed, negative");
    }

    @Test
    void valkeyNestedDbAndLookupTableEntries() throws IOException {
        MemoryStats s = new MemoryStatsParser(limits).parse(CAPTURES.resolve("pastes/valkey-1373-memory-stats.txt"));
        assertEquals(248, s.bytes("db.0.overhead.hashtable.main").getAsLong());
        assertEquals(104, s.bytes("db.0.overhead.hashtable.expires").getAsLong());
        assertEquals(32, s.bytes("overhead.db.hashtable.lut").getAsLong());
        assertEquals(-44431, s.bytes("dataset.bytes").getAsLong());
        assertEquals(248 + 104 + 32, s.keyspaceTableBytes());
    }

    @Test
    void elastiCache40HasNoAllocatorEntriesAndNoRss() throws IOException {
        MemoryStats s = new MemoryStatsParser(limits).parse(CAPTURES.resolve("pastes/redis-9269-elasticache-memory-stats.txt"));
        InfoDump alone = s.asInfoDump();
        assertEquals(9168470408L, alone.bytes("used_memory").getAsLong());
        assertTrue(alone.bytes("used_memory_rss").isEmpty(), "4.0 prints no fragmentation.bytes: RSS is not invented");
        assertEquals(0.65151870250701904, alone.number("mem_fragmentation_ratio").getAsDouble());
    }

    @Test
    void annotatedPasteKeepsEveryEntry() throws IOException {
        MemoryStats s = new MemoryStatsParser(limits).parse(CAPTURES.resolve("pastes/tiny-rdm-328-annotated-memory-stats.txt"));
        assertEquals(680720488, s.bytes("db.0.overhead.hashtable.main").getAsLong());
        assertEquals(13662569, s.bytes("keys.count").getAsLong());
        assertEquals(167, s.bytes("keys.bytes-per-key").getAsLong());
        assertEquals(70.188545227050781, s.number("dataset.percentage"));
        assertEquals(2291632296L, s.bytes("allocator.allocated").getAsLong());
    }

    /** Debian's jemalloc has a 16-byte quantum (no 24 class); Valkey's bundled one has 8 (24 and 40 exist). */
    @Test
    void mallocStatsBinsShowEachBuildsSizeClasses() throws IOException {
        MallocStats debian = new MallocStatsParser(limits).parse(CAPTURES.resolve("redis-7.0.15-debian/malloc-stats.txt"));
        MallocStats valkey = new MallocStatsParser(limits).parse(CAPTURES.resolve("valkey-9.1.2/malloc-stats.txt"));
        assertEquals(List.of(8L, 16L, 32L, 48L, 64L), debian.bins().stream().limit(5).map(MallocStats.Bin::size).toList());
        assertEquals(List.of(8L, 16L, 24L, 32L, 40L), valkey.bins().stream().limit(5).map(MallocStats.Bin::size).toList());
        assertEquals(List.of(), debian.warnings());
        MallocStats.Bin b32 = debian.bins().get(2);
        assertEquals(129665, b32.inUse());
        assertEquals(1907, b32.slabs());
        assertEquals(128, b32.regions());
        assertEquals((1907L * 128 - 129665) * 32, b32.holeBytes());
        assertEquals(26370560, debian.allocated());
        assertEquals(47591424, debian.active());
        assertEquals("5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c", debian.version());
        assertEquals(32, CaptureInputs.worst(debian).get(0).size(), "the 32-byte class leaves the most free space");
    }

    @Test
    void memkeysAndBigkeysSummaries() throws IOException {
        KeyScanSummary mem = new KeyScanSummaryParser(limits).parse(CAPTURES.resolve("redis-7.0.15-debian/memkeys.txt"));
        assertEquals("--memkeys", mem.tool());
        assertEquals(103080, mem.sampledKeys());
        assertEquals(new KeyScanSummary.Biggest("list", "'\"l:47\"'", 8320, "bytes"), mem.biggest().get(0));
        KeyScanSummary.TypeTotal strings = mem.types().stream().filter(t -> t.type().equals("string")).findFirst().orElseThrow();
        assertEquals(100000, strings.keys());
        assertEquals(19998880, strings.size());
        KeyScanSummary big = new KeyScanSummaryParser(limits).parse(CAPTURES.resolve("redis-7.0.15-debian/bigkeys.txt"));
        assertEquals("--bigkeys", big.tool());
        assertEquals("items", big.biggest().get(0).unit());
        KeyScanSummary cut = new KeyScanSummaryParser(limits).parse(CAPTURES.resolve("pastes/grafana-133-memkeys.txt"));
        assertEquals(6, cut.sampledKeys());
        assertEquals(3, cut.biggest().size());
        assertFalse(cut.warnings().isEmpty(), "cut before the per-type totals: said");
    }

    @Test
    void memoryDoctorVerdicts() throws IOException {
        MemoryDoctorReport r = MemoryDoctorReport.parse(CAPTURES.resolve("valkey-8.1.1/memory-doctor.txt"), limits);
        assertEquals("issues", r.verdict());
        assertEquals(List.of("Peak memory", "High total RSS", "High allocator fragmentation"), r.issues());
    }

    /** redis-cli 8.0.6 (built from /work/src-ref) --keystats against Valkey 9.1.2: sizes as bytesToHuman prints them. */
    @Test
    void keystatsOfRedisCli8() throws IOException {
        Path f = CAPTURES.resolve("valkey-9.1.2/keystats.txt");
        assertEquals(InputKind.BIGKEYS, kind(f));
        KeyScanSummary k = new KeyScanSummaryParser(limits).parse(f);
        assertEquals("--keystats", k.tool());
        assertEquals(6080, k.sampledKeys());
        assertEquals(List.of(), k.warnings());
        assertEquals(new KeyScanSummary.Biggest("list", "\"l:49\"", Math.round(8.02 * 1024), "bytes"), k.biggest().get(0));
        assertTrue(k.biggest().contains(new KeyScanSummary.Biggest("hash", "h:28", 2, "fields")), k.biggest().toString());
        KeyScanSummary.TypeTotal hashes = k.types().stream().filter(t -> t.type().equals("hash")).findFirst().orElseThrow();
        assertEquals(3000, hashes.keys());
        assertEquals(Math.round(1008.71 * 1024), hashes.size());
        assertEquals(4, k.types().size());
    }
}
