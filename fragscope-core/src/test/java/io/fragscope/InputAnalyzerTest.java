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
        Totals a = new Totals(1, 2, 3, 4, 5, 6, 7), b = new Totals(10, 20, 30, 40, 50, 60, 70);
        assertEquals(new Totals(11, 22, 33, 44, 55, 66, 77), a.plus(b));
    }
}
