package io.fragscope;

import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.keys.GroupTable;
import io.fragscope.analysis.keys.KeyAggregator;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.source.InputKind;
import io.fragscope.source.InputSource;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-input entry point over real files, and summaries that merge as if one aggregator had read every key. */
class InputAnalyzerTest {
    private static final InputAnalyzer ANALYZER = new InputAnalyzer(AnalysisRequest.of(List.of()));

    private static Path rdb() {
        return SharedFiles.groundTruth().resolve("7.2.6-jemalloc/dump.rdb");
    }

    /** Every key of the file goes to the pipeline's own aggregator and alternately to one of two halves. */
    private static KeySummary[] halves(Path file, AggregationOptions options) {
        KeyAggregator a = new KeyAggregator(options), b = new KeyAggregator(options), all = new KeyAggregator(options);
        long[] n = {0};
        KeyListener split = (source, kind) -> (KeyCostSink) c -> {
            (n[0]++ % 2 == 0 ? a : b).accept(c);
            all.accept(c);
        };
        InputResult r = ANALYZER.analyze(InputSource.of(file), List.of(), split);
        assertEquals(InputReport.Status.OK, r.report().status(), r.report().message());
        return new KeySummary[] {a.summary(), b.summary(), all.summary(), r.keys().orElseThrow()};
    }

    @Test
    void mergedHalvesOfARealRdbEqualOneAggregatorOverEveryKey() {
        KeySummary[] s = halves(rdb(), AggregationOptions.DEFAULTS);
        KeySummary merged = s[0].merge(s[1]), all = s[3];
        assertTrue(all.totals().keys() > 1000, "keys " + all.totals().keys());
        assertEquals(all.totals(), merged.totals());
        assertEquals(all.byDb(), merged.byDb());
        assertEquals(all.byType(), merged.byType());
        assertEquals(all.byEncoding(), merged.byEncoding());
        assertEquals(all.byPrefix(), merged.byPrefix());
        assertEquals(all.withoutPrefix(), merged.withoutPrefix());
        assertEquals(all.topByAllocated(), merged.topByAllocated());
        assertEquals(all.topByWaste(), merged.topByWaste());
        assertEquals(merged.totals(), s[1].merge(s[0]).totals(), "commutative");
        KeySummary empty = KeySummary.empty(AggregationOptions.DEFAULTS);
        assertEquals(all.byType(), empty.merge(all).byType(), "the empty summary is the identity");
    }

    @Test
    void cappedPrefixTablesMergeWithoutLosingAKeyOrAByte() {
        AggregationOptions three = new AggregationOptions(":", 1, 3, 1024, 5);
        KeySummary[] s = halves(rdb(), three);
        KeySummary merged = s[0].merge(s[1]), all = s[2];
        GroupTable<?> prefixes = merged.byPrefix();
        assertEquals(3, prefixes.groups().size());
        assertTrue(prefixes.foldedKeys() > 0);
        assertEquals(all.totals(), prefixes.total().plus(merged.withoutPrefix()), "kept groups + other + keys without prefix = every key");
        assertEquals(all.totals(), merged.totals());
        assertEquals(all.topByAllocated(), merged.topByAllocated(), "top 5 of both halves' top 5 is the top 5");
        assertEquals(5, merged.topByAllocated().size());
        assertThrows(IllegalArgumentException.class, () -> s[0].merge(halves(rdb(), AggregationOptions.DEFAULTS)[0]));
    }

    @Test
    void aStreamWithAnyNameGivesWhatTheLocalFileGives() throws IOException {
        byte[] bytes = Files.readAllBytes(rdb());
        Path name = Path.of("hdfs-shard-7", "dump.rdb");
        InputResult streamed = ANALYZER.analyze(InputSource.of(name, bytes.length, 1_700_000_000_000L, () -> new ByteArrayInputStream(bytes)));
        InputResult local = ANALYZER.analyze(InputSource.of(rdb()));
        assertEquals(InputKind.RDB, streamed.report().kind());
        assertEquals(name, streamed.dataset().orElseThrow().source());
        assertEquals(local.keys().orElseThrow().totals(), streamed.keys().orElseThrow().totals());
        assertEquals(local.dataset().orElseThrow().summary().estimatedUsedMemory(), streamed.dataset().orElseThrow().summary().estimatedUsedMemory());

        // Cut in half: partial, analysed as far as read, the message naming the given name and the offset.
        byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
        InputResult cut = ANALYZER.analyze(InputSource.of(name, half.length, -1, () -> new ByteArrayInputStream(half)));
        assertEquals(InputReport.Status.PARTIAL, cut.report().status());
        assertTrue(cut.report().message().startsWith(name + ": offset "), cut.report().message());
        long cutKeys = cut.keys().orElseThrow().totals().keys();
        assertTrue(cutKeys > 0 && cutKeys < local.keys().orElseThrow().totals().keys(), "keys " + cutKeys);
    }

    @Test
    void infoDumpsFailedCapturesAndStrangersComeBackAsResultsNeverAsExceptions() throws IOException {
        Path info = SharedFiles.groundTruth().resolve("7.2.6-jemalloc/info-reloaded.txt");
        InputResult dump = ANALYZER.analyze(InputSource.of(info));
        assertEquals(InputReport.Status.OK, dump.report().status());
        long usedMemory = Long.parseLong(Files.readAllLines(info).stream().filter(l -> l.startsWith("used_memory:")).findFirst()
                .orElseThrow().substring("used_memory:".length()).trim());
        assertEquals(usedMemory, dump.dump().orElseThrow().breakdown().usedMemory());
        assertFalse(dump.dataset().isPresent());

        byte[] refused = "Could not connect to Redis at 10.0.0.7:6379: Connection refused\n".getBytes();
        InputResult failed = ANALYZER.analyze(InputSource.of(Path.of("cache-02.txt"), refused.length, -1, () -> new ByteArrayInputStream(refused)));
        assertEquals(InputReport.Status.ERROR, failed.report().status());
        assertTrue(failed.report().message().contains("Connection refused"), failed.report().message());

        InputResult missing = ANALYZER.analyze(InputSource.of(Path.of("no-such-dir/dump.rdb")));
        assertEquals(InputReport.Status.ERROR, missing.report().status());
        assertTrue(missing.report().message().startsWith("no-such-dir/dump.rdb"), missing.report().message());

        Path readme = Path.of("samples/README.md");
        assertEquals(InputReport.Status.SKIPPED, ANALYZER.analyze(InputSource.of(readme)).report().status());
    }

    @Test
    void totalsAddUpFieldByField() {
        Totals a = new Totals(1, 2, 3, 4, 5, 6, 7, 8), b = new Totals(10, 20, 30, 40, 50, 60, 70, 80);
        assertEquals(new Totals(11, 22, 33, 44, 55, 66, 77, 88), a.plus(b));
    }

    /**
     * A real listing (the 7.2.6 build's SCAN + MEMORY USAGE + PTTL, 8,020 keys of which 5,602 have PTTL -1) counts
     * the keys it says never expire; the same listing without its ttl_ms column says nothing of expiry, and its
     * totals say so rather than count every key as without a TTL.
     */
    @Test
    void aListingWithoutAnExpiryColumnCountsNoKeyAsWithoutTtl(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path listed = SharedFiles.groundTruth().resolve("7.2.6-jemalloc/keys.csv");
        Totals withTtl = ANALYZER.analyze(InputSource.of(listed), List.of(), KeyListener.NONE).keys().orElseThrow().totals();
        assertEquals(8020, withTtl.keys());
        assertEquals(5602, withTtl.keysWithoutTtl());
        assertEquals(0, withTtl.keysTtlNotKnown());
        assertEquals(5602L, withTtl.keysWithoutTtlIfKnown());

        // the same rows with the last column (ttl_ms) cut off: key names hold no comma in this file's escaping
        List<String> lines = Files.readAllLines(listed);
        Path cut = dir.resolve("no-ttl.csv");
        Files.write(cut, lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        assertEquals("db,key,type,encoding,memory_usage,elements", Files.readAllLines(cut).get(0));
        Totals without = ANALYZER.analyze(InputSource.of(cut), List.of(), KeyListener.NONE).keys().orElseThrow().totals();
        assertEquals(8020, without.keys());
        assertEquals(withTtl.memoryUsageBytes(), without.memoryUsageBytes());
        assertEquals(0, without.keysWithoutTtl());
        assertEquals(8020, without.keysTtlNotKnown());
        assertEquals(null, without.keysWithoutTtlIfKnown());
        // merged with the listing that says, the count is of the keys known to have none
        assertEquals(5602L, withTtl.plus(without).keysWithoutTtlIfKnown());
    }

    /** A listing script that failed after its header (a real listing's first line alone) is flagged, not a complete empty dataset. */
    @Test
    void aListingWithAHeaderAndNoRowsIsPartialAndSaysWhy(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path listed = SharedFiles.groundTruth().resolve("7.2.6-jemalloc/keys.csv");
        Path header = dir.resolve("keys-cache-07.csv");
        Files.writeString(header, Files.readAllLines(listed).get(0) + "\n");
        InputResult r = ANALYZER.analyze(InputSource.of(header), List.of(), KeyListener.NONE);
        assertEquals(InputReport.Status.PARTIAL, r.report().status(), r.report().message());
        assertEquals(header + ": a header and no rows: no key to analyse (an empty keyspace, or a listing script that failed before its "
                + "first key)", r.report().message());
        assertEquals(0, r.keys().orElseThrow().totals().keys());
    }

    /**
     * Redis 3.2's listing (no MEMORY USAGE: an empty size on every row) gave 72 % of used_memory "unexplained" and a
     * complete dataset. Its keys are counted; no used_memory is estimated from sizes it does not have, and it is partial.
     * The same rows with one size blanked out: that one key is said, and nothing is estimated either.
     */
    @Test
    void aListingWhoseSizesAreEmptyIsPartialAndEstimatesNoUsedMemory(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path listed = SharedFiles.groundTruth().resolve("3.2.13-jemalloc/keys.csv");
        InputResult r = ANALYZER.analyze(InputSource.of(listed), List.of(), KeyListener.NONE);
        assertEquals(InputReport.Status.PARTIAL, r.report().status(), r.report().message());
        assertTrue(r.report().message().contains("8018 of 8018 keys have no size"), r.report().message());
        var summary = r.dataset().orElseThrow().summary();
        assertEquals(8018, summary.keys().totals().keys());
        assertEquals(-1, summary.estimatedUsedMemory());
        assertTrue(r.dataset().orElseThrow().findings().stream().noneMatch(f -> f.code() == io.fragscope.analysis.FindingCode.ROUNDING_WASTE
                || f.code() == io.fragscope.analysis.FindingCode.ESTIMATE_UNEXPLAINED), r.dataset().orElseThrow().findings().toString());

        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(SharedFiles.groundTruth().resolve("7.2.6-jemalloc/keys.csv")));
        String[] cells = lines.get(1).split(",", -1);
        cells[4] = "";
        lines.set(1, String.join(",", cells));
        Path one = Files.write(dir.resolve("keys.csv"), lines);
        InputResult r1 = ANALYZER.analyze(InputSource.of(one), List.of(), KeyListener.NONE);
        assertEquals(InputReport.Status.PARTIAL, r1.report().status(), r1.report().message());
        assertTrue(r1.report().message().contains("1 of 8020 keys have no size"), r1.report().message());
        assertEquals(-1, r1.dataset().orElseThrow().summary().estimatedUsedMemory());
    }

    /** A real RDB cut within its magic is a cut RDB (an error at its offset), not "not a Redis INFO dump, RDB file or listing". */
    @Test
    void anRdbCutWithinItsMagicIsSaidToBeACutRdb(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(rdb());
        for (int n : new int[] {3, 5, 8}) {
            Path cut = dir.resolve("cut-" + n + ".rdb");
            Files.write(cut, Arrays.copyOf(whole, n));
            InputResult r = ANALYZER.analyze(InputSource.of(cut), List.of(), KeyListener.NONE);
            assertEquals(InputKind.RDB, r.report().kind(), r.report().message());
            assertEquals(InputReport.Status.ERROR, r.report().status(), r.report().message());
            assertTrue(r.report().message().contains("offset"), r.report().message());
        }
    }

    /**
     * Three bytes of a real RDB damaged into 0xFF (from offset 900,000 of the 7.2.6 ground truth; the second is read as an opcode) end the
     * file early: its "checksum" is 8 bytes of data, and 890,284 bytes follow. That is told as damage Redis refuses, not
     * as trailing bytes Redis ignores; the same file with junk appended after its true checksum is told the other way.
     */
    @Test
    void anEarlyEndOfFileFromADamagedByteIsToldAsDamageNotAsIgnoredBytes(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        byte[] b = Files.readAllBytes(rdb());
        byte[] flipped = b.clone();
        Arrays.fill(flipped, 900_000, 900_003, (byte) 0xff);
        Path bad = Files.write(tmp.resolve("flip.rdb"), flipped);
        InputResult r = ANALYZER.analyze(InputSource.of(bad));
        assertEquals(InputReport.Status.PARTIAL, r.report().status());
        String m = r.report().message();
        assertTrue(m.contains("checksum mismatch: the file's CRC64 does not match its contents, and 890284 bytes follow the checksum read at"
                + " offset 900002: most likely a damaged byte read as the end of the file"), m);
        assertTrue(m.contains("Redis refuses to load this file"), m);
        assertFalse(m.contains("as Redis ignores them"), m);
        long keys = r.keys().orElseThrow().totals().keys();
        assertTrue(keys > 0 && keys < 8020, "the keys before the damage: " + keys);

        byte[] junk = Arrays.copyOf(b, b.length + 100);
        Path tail = Files.write(tmp.resolve("tail.rdb"), junk);
        InputResult t = ANALYZER.analyze(InputSource.of(tail));
        assertTrue(t.report().message().contains("100 bytes after the RDB checksum at offset " + b.length + " were ignored, as Redis ignores them"),
                t.report().message());
        assertFalse(t.report().message().contains("checksum mismatch"), t.report().message());
        assertEquals(8020, t.keys().orElseThrow().totals().keys());
    }
}
