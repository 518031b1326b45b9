package io.fragscope.cli;

import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The structure of the code under a small heap: a real RDB with one 200 MB string and one set of a million
 * members, and a listing of a million rows, each analysed by the CLI in a JVM limited to 64 MiB. The
 * full sizes (1 GB, 20 million, 50 million rows at 128 MiB) are scripts/load-test.sh.
 */
class BoundedMemoryTest {
    @TempDir Path tmp;

    @Test
    void bigKeysAndLongListingsRunInA64MiBHeap() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            byte[] chunk = "0123456789abcdef".repeat(1 << 16).getBytes(); // 1 MiB
            for (int i = 0; i < 200; i++) r.call("APPEND", "big:string", chunk);
            List<Object[]> adds = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Object[] c = new Object[1002];
                c[0] = "SADD";
                c[1] = "big:set";
                for (int j = 0; j < 1000; j++) c[2 + j] = "member:" + (i * 1000 + j);
                adds.add(c);
            }
            r.pipeline(adds);
            r.call("SAVE");
        }
        StringBuilder listing = new StringBuilder("db,key,type,encoding,memory_usage,elements,ttl_ms\n");
        Path list = tmp.resolve("keys.csv");
        try (var w = Files.newBufferedWriter(list)) {
            w.write("db,key,type,encoding,memory_usage,elements,ttl_ms\n");
            for (int i = 0; i < 1_000_000; i++) w.write("0,user:" + (i % 5000) + ":s:" + i + ",string,embstr,64,10,-1\n");
        }
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "io.fragscope.cli.Main", "analyze", "-q", "-f", "csv,json",
                "-o", out.toString(), dir.resolve("dump.rdb").toString(), list.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("run.log")));
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"keys\" : 2,"), "the RDB's two keys");
        assertTrue(json.contains("\"keys\" : 1000000,"), "every listed key");
        List<String> keys = Files.readAllLines(out.resolve("keys.csv"));
        assertEquals(1 + 2 + 1_000_000, keys.size());
        assertTrue(keys.stream().anyMatch(l -> l.contains(",big:set,") && l.contains(",1000000,")), "the set's element count");
        assertTrue(keys.stream().anyMatch(l -> l.contains(",big:string,") && l.contains("," + (200L << 20) + ",")), "the string's length");
    }

    /**
     * A folder of many small RDB files (a real one of the public corpus, 38 bytes, copied 1,500 times) in a 32 MiB heap:
     * what the run keeps of each file is its own size, not two 16,384-slot tables (256 KiB a file, which ran a 128 MiB
     * heap out of memory from the 383rd file on).
     */
    @Test
    void aFolderOfManySmallRdbFilesRunsInA32MiBHeap() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        Path rdb = io.fragscope.testing.SharedFiles.root().resolve("corpus/rdb-tools/intset_16.rdb");
        for (int i = 0; i < 1500; i++) Files.copy(rdb, dir.resolve("f" + i + ".rdb"));
        Path out = tmp.resolve("out-many");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "io.fragscope.cli.Main", "analyze", "-q", "-f", "json",
                "-o", out.toString(), dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("many.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("many.log")));
        String json = Files.readString(out.resolve("summary.json"));
        assertEquals(1500, json.split("\"status\" : \"ok\"", -1).length - 1, "every file read");
        assertFalse(json.contains("\"crashed\""));
    }

    /**
     * A fleet of 400 shards, each the 7.2.6 ground truth's RDB (8,020 keys over 6,581 cluster slots: about 160 KiB of
     * tables, top keys and slots kept per file), in a 48 MiB heap: past the first 16 files the run keeps each file's
     * tables on disk (HeldDatasets) and writes the per-dataset tables dataset by dataset, and the roll-up sums the
     * shards' slots into one table per cluster as it goes (FleetRollup), not 400 × 6,581 entries. Before, 200 shards
     * ended with exit 3, out of memory while writing the reports; then 400 did, out of memory in the roll-up's slots.
     */
    @Test
    void aFleetOfRealShardsRunsInA48MiBHeap() throws Exception {
        Path rdb = io.fragscope.testing.SharedFiles.groundTruth().resolve("7.2.6-jemalloc/dump.rdb");
        Path dir = Files.createDirectories(tmp.resolve("fleet"));
        for (int i = 0; i < 400; i++) Files.createSymbolicLink(Files.createDirectories(dir.resolve("shard-" + i)).resolve("dump.rdb"), rdb);
        Path out = tmp.resolve("out-fleet");
        io.fragscope.testing.ForkedRun r = io.fragscope.testing.ForkedRun.analyze(tmp, "48m", "-q", "-f", "csv,json", "-o", out.toString(), dir.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(out.resolve("summary.json"));
        assertEquals(400, json.split("\"status\" : \"ok\"", -1).length - 1, "every file read");
        // every shard's every slot, as the first file's: 400 x 6,581 rows and the header
        try (var lines = Files.lines(out.resolve("slots.csv"))) {
            assertEquals(1 + 400 * 6581, lines.count());
        }
        List<String> datasets = Files.readAllLines(out.resolve("datasets.csv"));
        assertEquals(401, datasets.size());
        assertEquals(1, datasets.stream().skip(1).map(l -> l.substring(l.indexOf("dump.rdb,"))).distinct().count(),
                "every shard's row the same but its file: " + datasets.get(1) + " / " + datasets.get(400));
        // the roll-up: every slot 400 times the file's own, so the same skew; the tie named by the first shard by name
        var slots = new io.fragscope.InputAnalyzer(io.fragscope.AnalysisRequest.of(List.of()))
                .analyze(io.fragscope.source.InputSource.of(rdb)).dataset().orElseThrow().profile().where().slots();
        long heaviest = 0, total = 0;
        int heaviestSlot = -1;
        for (int i = 0; i < slots.size(); i++) {
            total += slots.bytes(i);
            if (slots.bytes(i) > heaviest) {
                heaviest = slots.bytes(i);
                heaviestSlot = slots.slot(i);
            }
        }
        String rollup = Files.readString(out.resolve("rollup.json"));
        String fleet = rollup.substring(rollup.indexOf("\"fleet\""), rollup.indexOf("\"clusters\""));
        assertTrue(fleet.contains("\"shards\" : 400,"), fleet);
        assertTrue(fleet.contains("\"heaviest_slot\" : " + heaviestSlot + ","), fleet);
        assertTrue(fleet.contains("\"heaviest_slot_bytes\" : " + 400 * heaviest + ","), fleet);
        assertTrue(fleet.contains("\"heaviest_slot_shard\" : \"fleet/shard-0\","), fleet);
        assertTrue(fleet.contains("\"slot_skew\" : " + Math.round(heaviest / ((double) total / slots.size()) * 10000) / 10000.0 + ","), fleet);
    }
}
