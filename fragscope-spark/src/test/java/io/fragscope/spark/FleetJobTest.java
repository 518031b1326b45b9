package io.fragscope.spark;

import io.fragscope.cli.Main;
import io.fragscope.testing.Json;
import io.fragscope.testing.SharedFiles;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet job in local mode on samples/ (cluster alpha) and ground-truth builds (cluster beta, one shard per build),
 * with a cut RDB, a missing file and a README among them: every table's figures equal the CLI's for the same file
 * alone, the broken files are rows of inputs with their errors, and the job succeeds.
 */
class FleetJobTest {
    private static SparkSession spark;
    @TempDir static Path work;
    private static final Map<String, Map<String, Object>> CLI = new HashMap<>();

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("fragscope-fleet-test")
                .config("spark.ui.enabled", "false").config("spark.sql.codegen.wholeStage", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /** The CLI's summary.json for one file analysed alone (null when it writes none: an unusable only input). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cli(Path file, List<Path> with) throws IOException {
        Path dir = work.resolve("cli-" + CLI.size());
        CLI.put(dir.toString(), Map.of());
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "-f", "json", "-o", dir.toString(), file.toString()));
        for (Path w : with) args.add(w.toString());
        int code = Main.run(args.toArray(new String[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(code == 0 || code == 2, file + ": exit " + code);
        return Files.exists(dir.resolve("summary.json")) ? (Map<String, Object>) Json.read(dir.resolve("summary.json")) : null;
    }

    private static long n(Object m, String field) {
        return ((Number) ((Map<?, ?>) m).get(field)).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void tablesEqualTheCliFileByFileAndBrokenFilesAreRows() throws IOException {
        Path gt = SharedFiles.groundTruth();
        Path cut = work.resolve("beta-cut.rdb");
        byte[] whole = Files.readAllBytes(gt.resolve("7.0.15-jemalloc/dump.rdb"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 5));
        List<String> manifest = new ArrayList<>(List.of("path,cluster,shard,instance,captured_at"));
        List<Path> files = new ArrayList<>();
        // An RDB's or a listing's task reads its instance's INFO dumps (the same manifest shard): the CLI is given the same files.
        Map<Path, List<Path>> paired = new HashMap<>();
        try (var s = Files.walk(Path.of("samples"))) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                manifest.add(f.toAbsolutePath() + ",alpha,cache-01,,");
                files.add(f);
            }
        }
        try (var s = Files.list(Path.of("samples/info"))) {
            List<Path> info = s.sorted().toList();
            paired.put(Path.of("samples/rdb/dump.rdb"), info);
            paired.put(Path.of("samples/keys/keys-memory-usage.csv"), info);
        }
        for (String build : List.of("7.2.6-jemalloc", "valkey-9.1.2-jemalloc", "8.6.3-libc")) {
            for (String name : List.of("dump.rdb", "info-reloaded.txt")) {
                Path f = gt.resolve(build).resolve(name);
                manifest.add(f + ",beta," + build + ",," + (name.endsWith(".rdb") ? "2026-11-20T10:00:00Z" : ""));
                files.add(f);
                if (name.endsWith(".rdb")) paired.put(f, List.of(gt.resolve(build).resolve("info-reloaded.txt")));
            }
        }
        manifest.add(cut + ",beta,cut-shard,,2026-11-20");
        files.add(cut);
        manifest.add(work.resolve("gone.rdb") + ",beta,gone,,2026-11-20");
        Path list = work.resolve("fleet.csv");
        Files.write(list, manifest);

        Path out = work.resolve("tables");
        FleetJob.Summary summary = FleetJob.run(spark, FleetJob.Args.parse(new String[] {"--inputs", list.toString(), "--out", out.toString(), "--keys"}),
                System.err);
        assertEquals(files.size() + 1, summary.files());
        long t0 = System.nanoTime();

        Map<String, Row> inputs = byPath("inputs");
        assertEquals(files.size() + 1, inputs.size());
        Row gone = inputs.get("file:" + work.resolve("gone.rdb"));
        assertEquals("error", gone.getAs("status"));
        assertTrue(((String) gone.getAs("error")).contains("gone.rdb"), (String) gone.getAs("error"));
        Row cutRow = inputs.get("file:" + cut);
        assertEquals("partial", cutRow.getAs("status"));
        assertTrue(((String) cutRow.getAs("error")).contains("offset"), (String) cutRow.getAs("error"));
        assertEquals("2026-11-20", String.valueOf(cutRow.<Object>getAs("date")));
        assertEquals("skipped", inputs.get("file:" + Path.of("samples/README.md").toAbsolutePath()).getAs("status"));

        Map<String, Row> datasets = byPath("datasets"), instances = byPath("instances");
        Map<String, List<Row>> byType = groupByPath("by_type"), byPrefix = groupByPath("by_prefix"), slots = groupByPath("slots"),
                top = groupByPath("top_keys"), reclaim = groupByPath("reclaim_plan");
        int comparedDatasets = 0, comparedDumps = 0, pairedPlans = 0;
        for (Path f : files) {
            String path = "file:" + f.toAbsolutePath();
            List<Path> with = paired.getOrDefault(f, List.of());
            Map<String, Object> json = cli(f, with);
            Row in = inputs.get(path);
            assertNotNull(in, path);
            if (json == null) {
                assertEquals("skipped", in.getAs("status"), path);
                continue;
            }
            Map<String, Object> cliInput = ((List<Map<String, Object>>) json.get("inputs")).get(0);
            assertEquals(cliInput.get("status"), in.getAs("status"), path);
            for (Map<String, Object> d : (List<Map<String, Object>>) json.get("datasets")) {
                comparedDatasets++;
                Row r = datasets.get(path);
                for (String c : List.of("keys", "requested_bytes", "allocated_bytes", "rounding_waste_bytes", "prefix_overhead_bytes",
                        "memory_usage_bytes", "keys_without_ttl", "estimated_used_memory")) {
                    assertEquals(n(d, c), (long) r.<Long>getAs(c), path + " " + c);
                }
                assertEquals(d.get("allocator"), r.getAs("allocator"), path);
                Map<String, Object> types = (Map<String, Object>) d.get("by_type");
                assertEquals(types.size(), byType.get(path).size(), path);
                for (Row t : byType.get(path)) {
                    Object cliType = types.get(t.<String>getAs("type"));
                    assertEquals(n(cliType, "allocated_bytes"), (long) t.<Long>getAs("allocated_bytes"), path + " " + t.getAs("type"));
                    assertEquals(n(cliType, "keys"), (long) t.<Long>getAs("keys"), path + " " + t.getAs("type"));
                }
                assertEquals(n(d, "keys"), byPrefix.get(path).stream().mapToLong(p -> p.<Long>getAs("keys")).sum(), path + " by_prefix counts every key");
                if ("rdb".equals(d.get("kind")) && n(d, "keys") > 0) {
                    Map<String, Object> where = ((List<Map<String, Object>>) json.get("where")).get(0);
                    Map<String, Object> slotJson = (Map<String, Object>) where.get("slots");
                    assertEquals(n(slotJson, "slots_with_keys"), slots.get(path).size(), path);
                    assertEquals(n(d, "keys"), slots.get(path).stream().mapToLong(p -> p.<Long>getAs("keys")).sum(), path);
                    Map<String, Object> first = ((List<Map<String, Object>>) where.get("top_keys")).get(0);
                    Row rank1 = top.get(path).stream().filter(t -> t.<Integer>getAs("rank") == 1).findFirst().orElseThrow();
                    assertEquals(first.get("key"), rank1.getAs("key"), path);
                    assertEquals(n(first, "allocated_bytes"), (long) rank1.<Long>getAs("allocated_bytes"), path);
                }
            }
            if (!with.isEmpty()) {
                // The instance's plan priced with this RDB's keys, the CLI's plan of the instance's latest dump; when the CLI
                // does not match the RDB to the dump either, the dump's plan alone.
                // (a listing plans nothing in the job, nor does the CLI price a plan with one)
                Map<String, Object> keyFile = ((List<Map<String, Object>>) json.get("datasets")).get(0);
                boolean matched = "rdb".equals(keyFile.get("kind")) && keyFile.get("reconciliation") != null;
                if (matched) pairedPlans++;
                Map<String, Object> latest = ((List<Map<String, Object>>) json.get("dumps")).stream().filter(d -> d.get("reclaim_plan") != null)
                        .findFirst().orElseThrow();
                List<Map<String, Object>> plan = (List<Map<String, Object>>) latest.get("reclaim_plan");
                List<Row> steps = new ArrayList<>(reclaim.getOrDefault("file:" + Path.of((String) latest.get("source")).toAbsolutePath(), List.of())
                        .stream().filter(x -> matched ? path.equals(x.getAs("keys_path")) : x.getAs("keys_path") == null).toList());
                steps.sort(java.util.Comparator.comparingInt(x -> x.<Integer>getAs("step")));
                assertEquals(plan.stream().map(x -> x.get("method")).toList(), steps.stream().map(x -> x.getAs("method")).toList(), path);
                assertEquals(plan.stream().map(x -> n(x, "reclaimable_bytes")).toList(),
                        steps.stream().map(x -> x.<Long>getAs("reclaimable_bytes")).toList(), path);
                continue;
            }
            for (Map<String, Object> d : (List<Map<String, Object>>) json.get("dumps")) {
                comparedDumps++;
                Row r = instances.get(path);
                assertEquals(n(d, "used_memory"), (long) r.<Long>getAs("used_memory"), path);
                assertEquals(n(d, "used_memory_rss"), (long) r.<Long>getAs("used_memory_rss"), path);
                assertEquals(n(d.get("breakdown"), "allocator_frag_bytes"), (long) r.<Long>getAs("allocator_frag_bytes"), path);
                List<Map<String, Object>> plan = (List<Map<String, Object>>) d.get("reclaim_plan");
                List<Row> steps = new ArrayList<>(reclaim.getOrDefault(path, List.of()).stream().filter(x -> x.getAs("keys_path") == null).toList());
                steps.sort(java.util.Comparator.comparingInt(x -> x.<Integer>getAs("step")));
                assertEquals(plan.stream().map(x -> x.get("method")).toList(), steps.stream().map(x -> x.getAs("method")).toList(), path);
                assertEquals(plan.stream().map(x -> n(x, "reclaimable_bytes")).toList(),
                        steps.stream().map(x -> x.<Long>getAs("reclaimable_bytes")).toList(), path);
            }
        }
        // --keys: one row per key of every key file, adding up to its datasets row; partitioned as the other tables.
        Map<String, Row> perFile = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("keys").toString()).groupBy("path", "date", "cluster")
                .agg(org.apache.spark.sql.functions.count("*").as("keys"), org.apache.spark.sql.functions.sum("allocated_bytes").as("allocated_bytes"),
                        org.apache.spark.sql.functions.sum("memory_usage_bytes").as("memory_usage_bytes")).collectAsList()) {
            perFile.put(r.getAs("path"), r);
        }
        int keyFiles = 0;
        for (Row d : datasets.values()) {
            if (d.<Long>getAs("keys") == 0) continue;
            Row k = perFile.get(d.<String>getAs("path"));
            assertNotNull(k, (String) d.getAs("path"));
            for (String c : List.of("keys", "allocated_bytes", "memory_usage_bytes")) assertEquals((long) d.<Long>getAs(c), (long) k.<Long>getAs(c), c);
            assertEquals(String.valueOf(d.<Object>getAs("date")), String.valueOf(k.<Object>getAs("date")));
            keyFiles++;
        }
        assertEquals(keyFiles, perFile.size());
        assertEquals(6, keyFiles);
        System.err.printf("CLI runs and comparisons: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(6, comparedDatasets, "samples' RDB and listing, three builds' RDBs, the cut RDB");
        assertEquals(13, comparedDumps, "ten sample dumps and three builds' dumps");
        assertEquals(4, pairedPlans, "samples' RDB and the three builds' RDBs matched to their instance's dumps (Valkey's by valkey-ver, as in the CLI)");

        // The roll-up: two clusters, the fleet; beta's keys are its four shards' RDB keys (the cut one as far as read).
        List<Row> clusters = spark.read().parquet(out.resolve("rollup_clusters").toString()).collectAsList();
        assertEquals(2, clusters.size());
        long betaKeys = datasets.values().stream().filter(r -> "beta".equals(r.getAs("cluster"))).mapToLong(r -> r.<Long>getAs("keys")).sum();
        Row beta = clusters.stream().filter(r -> "beta".equals(r.getAs("cluster"))).findFirst().orElseThrow();
        assertEquals(betaKeys, (long) beta.<Long>getAs("keys"));
        assertEquals(4L, (long) beta.<Long>getAs("shards"));
        assertEquals(1L, (long) beta.<Long>getAs("files_failed"));
        Row fleet = spark.read().parquet(out.resolve("rollup_fleet").toString()).first();
        assertEquals(files.size() + 1L, (long) fleet.<Long>getAs("files"));
        assertEquals(instances.values().stream().filter(r -> "beta".equals(r.getAs("cluster"))).count() + 1, (long) fleet.<Long>getAs("instances"),
                "the latest dump of each instance: alpha's ten dumps are one instance");
        Map<String, Object> json = (Map<String, Object>) Json.read(out.resolve("rollup.json"));
        assertEquals(2, ((List<?>) json.get("clusters")).size(), "fleet and two clusters");
        assertEquals(n(json.get("fleet"), "keys"), (long) fleet.<Long>getAs("keys"));

        // The roll-up again from the Parquet tables alone (FleetJob --rollup DIR) gives the same figures.
        String first = Files.readString(out.resolve("rollup.json"));
        Files.delete(out.resolve("rollup.json"));
        RollupStage.write(spark, out + "/", RollupStage.fromTables(spark, out + "/"), "en");
        assertEquals(first, Files.readString(out.resolve("rollup.json")));
        assertTrue(Files.size(out.resolve("rollup.xlsx")) > 0);
    }

    /**
     * A folder per shard (alpha: samples/ as one shard; beta: three ground-truth builds, each its RDB and INFO dump, and
     * a cluster-mode RDB with hash tags): {@code fragscope analyze} over the folder and the job over the same folder
     * write the same rollup.json, byte for byte, and its figures are the files' own.
     */
    @Test
    @SuppressWarnings("unchecked")
    void analyzeAndTheJobWriteTheSameRollup() throws IOException {
        Path fleet = work.resolve("fleet");
        Path alpha = Files.createDirectories(fleet.resolve("alpha/cache-01"));
        try (var s = Files.list(Path.of("samples/info"))) {
            for (Path f : s.toList()) Files.copy(f, alpha.resolve(f.getFileName()));
        }
        Files.copy(Path.of("samples/rdb/dump.rdb"), alpha.resolve("dump.rdb"));
        Path gt = SharedFiles.groundTruth();
        for (String build : List.of("7.2.6-jemalloc", "valkey-9.1.2-jemalloc", "8.6.3-libc")) {
            Path shard = Files.createDirectories(fleet.resolve("beta").resolve(build));
            for (String name : List.of("dump.rdb", "info-reloaded.txt")) Files.copy(gt.resolve(build).resolve(name), shard.resolve(name));
        }
        Path tagged = Files.createDirectories(fleet.resolve("beta/tagged"));
        Files.copy(Path.of("../shared/corpus/redis-replicator/dump-slot.rdb"), tagged.resolve("dump.rdb"));
        // a shard with two RDBs and no INFO (so of no known mode: their slots count): only its latest is its file
        Path twice = Files.createDirectories(fleet.resolve("gamma/s0"));
        Files.copy(gt.resolve("6.2.16-jemalloc/dump.rdb"), twice.resolve("dump-20261101-000000.rdb"));
        Files.copy(gt.resolve("7.4.1-jemalloc/dump.rdb"), twice.resolve("dump-20261102-000000.rdb"));

        Path cliOut = work.resolve("cli-rollup");
        int code = Main.run(new String[] {"analyze", "-q", "-f", "json", "-o", cliOut.toString(), fleet.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        Path jobOut = work.resolve("job-rollup");
        FleetJob.run(spark, FleetJob.Args.parse(new String[] {"--inputs", fleet.toString(), "--out", jobOut.toString()}), System.err);

        String cli = Files.readString(cliOut.resolve("rollup.json"));
        assertEquals(cli, Files.readString(jobOut.resolve("rollup.json")));
        // and from the job's Parquet tables read back (--rollup DIR: slots and hash_tags tables joined to datasets)
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        io.fragscope.report.rollup.RollupJson.write(RollupStage.fromTables(spark, jobOut + "/"), again);
        assertEquals(cli, again.toString(StandardCharsets.UTF_8));

        // The figures are the files' own: keys and allocated bytes add up the CLI's datasets; beta's heaviest tag.
        Map<String, Object> summary = (Map<String, Object>) Json.read(cliOut.resolve("summary.json"));
        Map<String, Object> rollup = (Map<String, Object>) Json.read(cliOut.resolve("rollup.json"));
        List<Map<String, Object>> datasets = (List<Map<String, Object>>) summary.get("datasets");
        Map<String, Object> all = (Map<String, Object>) rollup.get("fleet");
        assertEquals(7, datasets.size());
        // gamma's shard counts one of its two files: the one captured last
        List<Map<String, Object>> gammaFiles = datasets.stream().filter(d -> String.valueOf(d.get("source")).contains("/gamma/")).toList();
        assertEquals(2, gammaFiles.size());
        Map<String, Object> gamma = ((List<Map<String, Object>>) rollup.get("clusters")).stream()
                .filter(c -> "gamma".equals(c.get("cluster"))).findFirst().orElseThrow();
        assertEquals(1L, n(gamma, "shards"));
        // the later by the RDB's own clock (its ctime), else the later name
        io.fragscope.InputAnalyzer library = new io.fragscope.InputAnalyzer(io.fragscope.AnalysisRequest.of(List.of()));
        java.util.function.ToLongFunction<Map<String, Object>> written = d -> library.analyze(io.fragscope.source.InputSource.of(
                Path.of(String.valueOf(d.get("source"))))).dataset().orElseThrow().summary().writtenAtSeconds();
        Map<String, Object> latest = gammaFiles.stream().max(java.util.Comparator.comparingLong(written)
                .thenComparing(d -> String.valueOf(d.get("source")))).orElseThrow();
        assertEquals(n(latest, "allocated_bytes"), n(gamma, "allocated_bytes"));
        assertTrue(gammaFiles.stream().mapToLong(d -> n(d, "allocated_bytes")).distinct().count() == 2, "two builds, two prices");
        assertEquals("gamma/s0", gamma.get("heaviest_slot_shard"));
        List<Map<String, Object>> counted = datasets.stream().filter(d -> !gammaFiles.contains(d) || d == latest).toList();
        assertEquals(counted.stream().mapToLong(d -> n(d, "keys")).sum(), n(all, "keys"));
        assertEquals(counted.stream().mapToLong(d -> n(d, "allocated_bytes")).sum(), n(all, "allocated_bytes"));
        assertEquals(6L, n(all, "shards"));
        assertEquals(4L, n(all, "instances"));
        Map<String, Object> beta = ((List<Map<String, Object>>) rollup.get("clusters")).stream()
                .filter(c -> "beta".equals(c.get("cluster"))).findFirst().orElseThrow();
        assertEquals("slot", beta.get("heaviest_hash_tag"));
        assertEquals("beta/tagged", beta.get("heaviest_hash_tag_shard"));
        assertEquals(128L, n(beta, "heaviest_hash_tag_bytes"));
        // beta's three builds ran standalone (their INFO: cluster_enabled:0): only the tagged shard, of no known mode,
        // brings slots; alpha's instance is standalone too, so it has no slot skew.
        assertEquals("beta/tagged", beta.get("heaviest_slot_shard"));
        Map<String, Object> alphaFigures = ((List<Map<String, Object>>) rollup.get("clusters")).stream()
                .filter(c -> "alpha".equals(c.get("cluster"))).findFirst().orElseThrow();
        assertEquals(null, alphaFigures.get("slot_skew"));
        long used = ((List<Map<String, Object>>) summary.get("dumps")).stream()
                .filter(d -> String.valueOf(d.get("source")).contains("info-reloaded")).mapToLong(d -> n(d, "used_memory")).sum();
        assertEquals(used, n(beta, "used_memory"), "beta's three instances' used_memory");
    }

    /**
     * Every RDB file of ../shared/corpus (the public test suites' files, damaged ones and odd versions among them) in one
     * job: each is an inputs row whose status is the library's for that file alone, and each readable one a datasets
     * row with the library's keys and allocated bytes; the job succeeds whatever the files hold.
     */
    @Test
    void everyCorpusFileIsARowWithTheLibrarysFigures() throws IOException {
        List<Path> rdbs;
        try (var s = Files.walk(Path.of("../shared/corpus"))) {
            rdbs = s.filter(p -> p.toString().endsWith(".rdb") && Files.isRegularFile(p)).sorted().toList();
        }
        List<String> manifest = new ArrayList<>(List.of("path,cluster,shard,instance,captured_at"));
        for (Path f : rdbs) manifest.add(f.toAbsolutePath().normalize() + ",corpus," + f.getParent().getFileName() + "-" + f.getFileName() + ",,2026-11-20");
        Path list = work.resolve("corpus.csv");
        Files.write(list, manifest);
        Path out = work.resolve("corpus-tables");
        FleetJob.Summary summary = FleetJob.run(spark, FleetJob.Args.parse(new String[] {"--inputs", list.toString(), "--out", out.toString()}), System.err);
        assertEquals(rdbs.size(), summary.files());

        Map<String, Row> inputs = new HashMap<>(), datasets = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("inputs").toString()).collectAsList()) inputs.put(r.getAs("path"), r);
        for (Row r : spark.read().parquet(out.resolve("datasets").toString()).collectAsList()) datasets.put(r.getAs("path"), r);
        io.fragscope.InputAnalyzer library = new io.fragscope.InputAnalyzer(io.fragscope.AnalysisRequest.of(List.of()));
        int withKeys = 0;
        for (Path f : rdbs) {
            String path = "file:" + f.toAbsolutePath().normalize();
            io.fragscope.InputResult alone = library.analyze(io.fragscope.source.InputSource.of(f));
            Row in = inputs.get(path);
            assertNotNull(in, path);
            assertEquals(alone.report().status().id(), in.getAs("status"), path);
            if (alone.dataset().isEmpty()) continue;
            var totals = alone.dataset().get().summary().keys().totals();
            Row d = datasets.get(path);
            assertNotNull(d, path);
            assertEquals(totals.keys(), (long) d.<Long>getAs("keys"), path);
            assertEquals(totals.allocatedBytes(), (long) d.<Long>getAs("allocated_bytes"), path);
            if (totals.keys() > 0) withKeys++;
        }
        assertTrue(withKeys > 100, withKeys + " corpus files with keys");
    }

    private static Map<String, Row> byPath(String table) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : spark.read().parquet(work.resolve("tables").resolve(table).toString()).collectAsList()) {
            String p = r.getAs("path");
            assertNull(m.put(p, r), table + " has one row per file: " + p);
        }
        return m;
    }

    private static Map<String, List<Row>> groupByPath(String table) {
        Map<String, List<Row>> m = new HashMap<>();
        for (Row r : spark.read().parquet(work.resolve("tables").resolve(table).toString()).collectAsList()) {
            m.computeIfAbsent(r.getAs("path"), k -> new ArrayList<>()).add(r);
        }
        return m;
    }
}
