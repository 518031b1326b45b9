package io.fragscope.analysis.rollup;

import io.fragscope.AnalysisRequest;
import io.fragscope.InputAnalyzer;
import io.fragscope.InputResult;
import io.fragscope.source.InputKind;
import io.fragscope.source.InputSource;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roll-up on real files (ground-truth builds' dumps and RDBs, a cluster-mode RDB with hash tags): parts merged in
 * any order give one result; the latest dump of an instance and the RDB of a shard are the ones kept; the figures
 * are the files' own.
 */
class FleetRollupTest {
    private static final InputAnalyzer ANALYZER = new InputAnalyzer(AnalysisRequest.of(List.of()));

    private record Part(FleetPlacement at, Path file) {}

    private static FleetRollup part(Part p) {
        return part(p, ANALYZER.analyze(InputSource.of(p.file())));
    }

    private static FleetRollup part(Part p, InputResult r) {
        FleetRollup out = new FleetRollup().addInput(p.at().cluster(), r.report().status().id(), p.file().toFile().length());
        r.dump().ifPresent(d -> out.add(DumpFigures.of(p.at(), p.file().toString(), d)));
        r.dataset().ifPresent(d -> out.add(KeyFileFigures.of(p.at(), p.file().toString(), KeyFileFigures.capturedAtMs(d.summary(), 0),
                d.kind() == InputKind.RDB, d.summary(), d.profile() == null ? null : d.profile().where())));
        return out;
    }

    @Test
    void partsMergedInAnyOrderGiveOneRollupOfTheFilesOwnFigures() throws IOException {
        Path gt = SharedFiles.groundTruth();
        List<Part> parts = new ArrayList<>();
        for (String build : List.of("7.2.6-jemalloc", "8.6.3-libc")) {
            FleetPlacement at = new FleetPlacement("beta", build, null);
            for (String f : List.of("dump.rdb", "info-empty.txt", "info-reloaded.txt")) parts.add(new Part(at, gt.resolve(build).resolve(f)));
        }
        parts.add(new Part(new FleetPlacement("gamma", "tagged", null), SharedFiles.root().resolve("corpus/redis-replicator/dump-slot.rdb")));

        FleetRollup forward = new FleetRollup();
        for (Part p : parts) forward.merge(part(p));
        List<Part> reversed = new ArrayList<>(parts);
        Collections.reverse(reversed);
        // in a tree, as Spark merges: pairs first, then the pairs' sums
        FleetRollup left = new FleetRollup(), right = new FleetRollup();
        for (int i = 0; i < reversed.size(); i++) (i % 2 == 0 ? left : right).merge(part(reversed.get(i)));
        Rollup a = forward.finish(), b = left.merge(right).finish();
        assertEquals(a, b);

        RollupFigures beta = a.clusters().stream().filter(c -> "beta".equals(c.cluster())).findFirst().orElseThrow();
        assertEquals(6, beta.files());
        assertEquals(2, beta.instances(), "two instances, each its latest dump");
        // the latest dump of each instance is info-reloaded (captured after the reload): its used_memory
        long used = 0, keys = 0, allocated = 0;
        for (String build : List.of("7.2.6-jemalloc", "8.6.3-libc")) {
            used += ANALYZER.analyze(InputSource.of(gt.resolve(build).resolve("info-reloaded.txt"))).dump().orElseThrow().breakdown().usedMemory();
            var ds = ANALYZER.analyze(InputSource.of(gt.resolve(build).resolve("dump.rdb"))).dataset().orElseThrow().summary().keys().totals();
            keys += ds.keys();
            allocated += ds.allocatedBytes();
        }
        assertEquals(used, (long) beta.usedMemory());
        assertEquals(keys, (long) beta.keys());
        assertEquals(allocated, (long) beta.allocatedBytes());
        assertEquals(2, beta.shards());
        // two shards: the heavier over the lower median, which is the lighter one
        assertEquals(Math.round((double) beta.heaviestShardBytes() / beta.medianShardBytes() * 10000) / 10000.0, beta.shardSkew());
        assertEquals(allocated - beta.heaviestShardBytes(), (long) beta.medianShardBytes());

        RollupFigures gamma = a.clusters().stream().filter(c -> "gamma".equals(c.cluster())).findFirst().orElseThrow();
        assertEquals("slot", gamma.heaviestHashTag(), "a{slot} and b{slot}: 2 keys, 128 bytes");
        assertEquals(128L, gamma.heaviestHashTagBytes());
        assertEquals("gamma/tagged", gamma.heaviestHashTagShard());
        assertEquals(4, gamma.hashTags().size());
        assertEquals(a.fleet().keys(), beta.keys() + gamma.keys());
    }

    /**
     * A standalone instance's RDB (7.2.6, its INFO says cluster_enabled:0) brings its keys to the roll-up but not its
     * 6,581 slots: a slot skew of a server with no slots would be a figure of nothing. Without its dump, whether it ran
     * in cluster mode is not known, and its slots count as before.
     */
    @Test
    void aStandaloneInstancesSlotsAreLeftOutOfTheSlotSkew() throws IOException {
        Path dir = SharedFiles.groundTruth().resolve("7.2.6-jemalloc");
        io.fragscope.source.info.InfoDump info = new io.fragscope.source.info.InfoParser(io.fragscope.source.ReadLimits.DEFAULTS)
                .parse(dir.resolve("info-reloaded.txt"));
        Part rdb = new Part(new FleetPlacement("solo", "7.2.6", null), dir.resolve("dump.rdb"));

        InputResult paired = ANALYZER.analyze(InputSource.of(rdb.file()), List.of(info), io.fragscope.KeyListener.NONE);
        assertEquals(Boolean.FALSE, paired.dataset().orElseThrow().summary().clusterEnabled());
        RollupFigures standalone = part(rdb, paired).finish().clusters().get(0);
        assertEquals(8020L, standalone.keys(), "its keys count");
        assertNull(standalone.slotSkew());
        assertNull(standalone.heaviestSlot());

        InputResult alone = ANALYZER.analyze(InputSource.of(rdb.file()));
        assertNull(alone.dataset().orElseThrow().summary().clusterEnabled());
        RollupFigures unknown = part(rdb, alone).finish().clusters().get(0);
        assertNotNull(unknown.slotSkew());
        assertTrue(unknown.slotSkew() > 1, "the heaviest slot over the average: " + unknown.slotSkew());
        assertEquals(standalone.keys(), unknown.keys());
    }
}
