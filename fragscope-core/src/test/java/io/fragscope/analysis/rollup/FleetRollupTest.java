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
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** Ground-truth builds whose RDBs hold the same keys, so their slots overlap: a folder of standalone shards. */
    private static final List<String> BUILDS = List.of("7.2.6-jemalloc", "8.6.3-libc", "valkey-9.1.2-jemalloc", "7.4.1-jemalloc");

    /** The slot figures of {@code files} (shard → RDB) computed on their own: dense per-slot sums over the files. */
    private static long[] expectedSlots(java.util.Map<String, Path> files, String[] topShard) {
        long[] bytes = new long[16384], keys = new long[16384], top = new long[16384];
        java.util.Arrays.fill(top, -1);
        for (var e : new java.util.TreeMap<>(files).entrySet()) {
            var slots = ANALYZER.analyze(InputSource.of(e.getValue())).dataset().orElseThrow().profile().where().slots();
            for (int i = 0; i < slots.size(); i++) {
                int s = slots.slot(i);
                bytes[s] += slots.bytes(i);
                keys[s] += slots.keys(i);
                if (slots.bytes(i) > top[s]) { // files in shard-name order: a tie keeps the first
                    top[s] = slots.bytes(i);
                    topShard[s] = e.getKey();
                }
            }
        }
        long total = 0, used = 0, heaviest = -1;
        for (int s = 0; s < 16384; s++) {
            if (keys[s] == 0) continue;
            used++;
            total += bytes[s];
            // ties: the slot first by its number as text, the roll-up's order
            if (heaviest < 0 || bytes[s] > bytes[(int) heaviest]
                    || bytes[s] == bytes[(int) heaviest] && Integer.toString(s).compareTo(Long.toString(heaviest)) < 0) heaviest = s;
        }
        return new long[] {total, used, heaviest, bytes[(int) heaviest]};
    }

    /**
     * Four shards of one cluster whose RDBs (four real builds, no INFO beside them, so of no known mode) share their
     * slots, and a fifth file, an older RDB of the first shard: the roll-up sums each slot over the shards' chosen
     * files as it goes, and gives the slot skew, heaviest slot, its bytes and its shard that dense per-slot sums of
     * the same files give. Parts sealed per cluster and merged, in any order, give the same roll-up as one fed
     * everything.
     */
    @Test
    void overlappingShardsSlotsAreSummedPerSlotAsTheFilesGiveThem() throws IOException {
        Path gt = SharedFiles.groundTruth();
        java.util.Map<String, Path> chosen = new java.util.HashMap<>();
        List<KeyFileFigures> files = new ArrayList<>();
        for (int i = 0; i < BUILDS.size(); i++) {
            FleetPlacement at = new FleetPlacement("delta", "s" + i, null);
            Path rdb = gt.resolve(BUILDS.get(i)).resolve("dump.rdb");
            chosen.put(at.shardName(), rdb);
            var ds = ANALYZER.analyze(InputSource.of(rdb)).dataset().orElseThrow();
            files.add(KeyFileFigures.of(at, rdb.toString(), 2_000, true, ds.summary(), ds.profile().where()));
        }
        // an older file of shard s0 (captured earlier): not its shard's file, so none of its slots count
        Path older = gt.resolve("6.2.16-jemalloc/dump.rdb");
        var old = ANALYZER.analyze(InputSource.of(older)).dataset().orElseThrow();
        files.add(KeyFileFigures.of(new FleetPlacement("delta", "s0", null), older.toString(), 1_000, true, old.summary(), old.profile().where()));

        // the two passes of a front end: every file without slots, then the chosen files' slots
        FleetRollup heads = new FleetRollup();
        for (KeyFileFigures k : files) heads.add(k.withoutSlots());
        assertEquals(new java.util.HashSet<>(chosen.values().stream().map(Path::toString).toList()), heads.chosenKeyFiles());
        FleetRollup oneFed = new FleetRollup();
        for (KeyFileFigures k : files) oneFed.add(k.withoutSlots());
        for (KeyFileFigures k : files) if (heads.chosenKeyFiles().contains(k.path())) oneFed.add(k.slotsOnly());
        Rollup a = oneFed.finish();

        // the same, each chosen file's slots in a part of its own, merged in reverse into one part sealed before the heads
        FleetRollup slots = new FleetRollup();
        for (int i = files.size() - 1; i >= 0; i--) {
            if (heads.chosenKeyFiles().contains(files.get(i).path())) slots.merge(new FleetRollup().add(files.get(i).slotsOnly()));
        }
        FleetRollup b = new FleetRollup();
        for (KeyFileFigures k : files) b.add(k.withoutSlots());
        assertEquals(a, b.merge(slots.seal()).finish());

        String[] topShard = new String[16384];
        long[] want = expectedSlots(chosen, topShard);
        RollupFigures delta = a.clusters().get(0);
        assertEquals(BUILDS.size(), delta.shards());
        assertEquals((int) want[2], delta.heaviestSlot());
        assertEquals(want[3], (long) delta.heaviestSlotBytes());
        assertEquals(topShard[(int) want[2]], delta.heaviestSlotShard());
        assertEquals(Math.round(want[3] / ((double) want[0] / want[1]) * 10000) / 10000.0, delta.slotSkew());
        assertEquals(delta.slotSkew(), a.fleet().slotSkew(), "one cluster: the fleet's slots are its own");
        // and not what counting the older file too would give: its slots hold the same keys, priced by another build
        chosen.put("delta/s0-older", older);
        assertTrue(expectedSlots(chosen, new String[16384])[3] > want[3]);
    }

    /** Copies of one file in three shards: every slot ties, and the shard first by name holds it. */
    @Test
    void aSlotTiedBetweenShardsIsNamedByTheFirstShard() throws IOException {
        Path rdb = SharedFiles.groundTruth().resolve("7.2.6-jemalloc/dump.rdb");
        var ds = ANALYZER.analyze(InputSource.of(rdb)).dataset().orElseThrow();
        FleetRollup r = new FleetRollup();
        for (String shard : List.of("s2", "s10", "s1")) {
            r.add(KeyFileFigures.of(new FleetPlacement("eps", shard, null), "/x/" + shard + "/dump.rdb", 0, true, ds.summary(), ds.profile().where()));
        }
        RollupFigures one = part(new Part(new FleetPlacement("eps", "s1", null), rdb)).finish().clusters().get(0);
        RollupFigures three = r.finish().clusters().get(0);
        assertEquals("eps/s1", three.heaviestSlotShard());
        assertEquals(one.heaviestSlot(), three.heaviestSlot());
        assertEquals(3 * one.heaviestSlotBytes(), (long) three.heaviestSlotBytes());
        assertEquals(one.slotSkew(), three.slotSkew(), "three times every slot: the same skew");
    }

    /**
     * What a front end must not do is refused, not summed into wrong figures: slots of a second file of a shard, slots
     * added to a sealed cluster, a cluster sealed in two parts with slots, and slots of a file that is not its shard's.
     */
    @Test
    void slotsOfAFileNotChosenOrAfterTheSealAreRefused() throws IOException {
        Path gt = SharedFiles.groundTruth();
        FleetPlacement s0 = new FleetPlacement("zeta", "s0", null);
        var d1 = ANALYZER.analyze(InputSource.of(gt.resolve("7.2.6-jemalloc/dump.rdb"))).dataset().orElseThrow();
        var d2 = ANALYZER.analyze(InputSource.of(gt.resolve("8.6.3-libc/dump.rdb"))).dataset().orElseThrow();
        KeyFileFigures older = KeyFileFigures.of(s0, "a.rdb", 1_000, true, d1.summary(), d1.profile().where());
        KeyFileFigures newer = KeyFileFigures.of(s0, "b.rdb", 2_000, true, d2.summary(), d2.profile().where());
        KeyFileFigures other = KeyFileFigures.of(new FleetPlacement("zeta", "s1", null), "c.rdb", 1_000, true, d2.summary(), d2.profile().where());

        var twice = assertThrows(IllegalStateException.class, () -> new FleetRollup().add(older).add(newer));
        assertTrue(twice.getMessage().contains("slots of two files (a.rdb, b.rdb)"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> new FleetRollup().add(older).merge(new FleetRollup().add(newer)));

        FleetRollup sealed = new FleetRollup().add(older).seal();
        var after = assertThrows(IllegalStateException.class, () -> sealed.add(other));
        assertTrue(after.getMessage().contains("after the cluster was sealed"), after.getMessage());
        assertThrows(IllegalStateException.class, () -> new FleetRollup().add(older).seal().merge(new FleetRollup().add(other).seal()));
        assertThrows(IllegalStateException.class, () -> new FleetRollup().add(older).seal().merge(new FleetRollup().add(other)));
        // the older file's slots came first, then the newer file (without slots) became the shard's: the seal refuses
        var stale = assertThrows(IllegalStateException.class, () -> new FleetRollup().add(older).add(newer.withoutSlots()).finish());
        assertTrue(stale.getMessage().contains("slots of a.rdb were added but b.rdb is its key file"), stale.getMessage());
        // a sealed part merged with one bringing no slots (counts, a dump-less key file head) is fine
        assertEquals(2, new FleetRollup().add(older).seal().merge(new FleetRollup().add(other.withoutSlots())).finish().clusters().get(0).shards());
    }
}
