package io.fragscope.source.memstats;

import io.fragscope.cli.Main;
import io.fragscope.testing.Json;
import io.fragscope.testing.LocalRedis;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each server build fragments its own heap (100,000 strings of 10 … 250 bytes, every other one deleted), saves its RDB,
 * and redis-cli captures INFO, MEMORY STATS, MEMORY MALLOC-STATS, MEMORY DOCTOR and --memkeys into one folder, as an
 * operator would. The analysis joins them: MEMORY STATS to the INFO dump, MEMORY DOCTOR to the dump whose figures give
 * what it says (its finding shown with that instance), MALLOC-STATS to the INFO dump and to the RDB's size classes, so the report names the classes with holes and how many of the dataset's allocations sit there.
 */
class LiveCapturesTest {

    @TempDir
    Path tmp;

    static Path server(String build) {
        return build.equals("redis") ? (LocalRedis.binary() == null ? Path.of("/nonexistent") : Path.of(LocalRedis.binary()))
                : SharedFiles.root().resolve("bin").resolve(build).resolve("valkey-server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "valkey-8.1.1", "valkey-9.1.2"})
    @SuppressWarnings("unchecked")
    void capturesOfAFragmentedServerJoinItsInfoDumpAndItsRdb(String build) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-cli")), "redis-cli is not installed");
        Path data = Files.createDirectories(tmp.resolve("server"));
        Path in = Files.createDirectories(tmp.resolve("captures"));
        try (LocalRedis r = LocalRedis.start(data, "dump.rdb", server(build))) {
            for (int j = 0; j < 4; j++) {
                r.call("EVAL", "for i=1,25000 do redis.call('set','k:'..ARGV[1]..':'..i,string.rep('v',(i%7)*40+10)) end return 1", "0", j);
            }
            r.call("EVAL", "for i=1,25000,2 do for j=0,3 do redis.call('del','k:'..j..':'..i) end end return 1", "0");
            r.call("SAVE");
            Thread.sleep(1500); // the allocator figures INFO prints are sampled by serverCron: let it run after the churn
            Files.copy(data.resolve("dump.rdb"), in.resolve("dump.rdb"));
            cli(r.port, in.resolve("info.txt"), "INFO", "all");
            cli(r.port, in.resolve("memory-stats.txt"), "MEMORY", "STATS");
            cli(r.port, in.resolve("malloc-stats.txt"), "MEMORY", "MALLOC-STATS");
            cli(r.port, in.resolve("memory-doctor.txt"), "MEMORY", "DOCTOR");
            cli(r.port, in.resolve("memkeys.txt"), "--memkeys");
            cli(r.port, tmp.resolve("memory-stats-tty.txt"), "--no-raw", "MEMORY", "STATS");
        }
        assertEquals(new MemoryStatsParser(io.fragscope.source.ReadLimits.DEFAULTS).parse(in.resolve("memory-stats.txt")).values().keySet(),
                new MemoryStatsParser(io.fragscope.source.ReadLimits.DEFAULTS).parse(tmp.resolve("memory-stats-tty.txt")).values().keySet());

        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "-f", "json", "-o", out.toString(), in.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Map<String, Object> summary = (Map<String, Object>) Json.read(out.resolve("summary.json"));
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) summary.get("inputs");
        assertEquals(List.of("bigkeys", "info", "malloc_stats", "memory_doctor", "memory_stats", "rdb"),
                inputs.stream().map(i -> (String) i.get("kind")).sorted().toList());
        String stats = message(inputs, "memory_stats");
        assertTrue(stats.contains("joined to the INFO dump " + in.resolve("info.txt")), stats);
        String doctor = message(inputs, "memory_doctor");
        assertTrue(doctor.contains("joined to the INFO dump " + in.resolve("info.txt")), doctor);
        String malloc = message(inputs, "malloc_stats");
        assertTrue(malloc.contains("and the size classes of its dataset"), malloc);

        List<Map<String, Object>> dumps = (List<Map<String, Object>>) summary.get("dumps");
        assertEquals(1, dumps.size(), "MEMORY STATS joined the INFO dump instead of standing alone");
        List<Map<String, Object>> findings = (List<Map<String, Object>>) dumps.get(0).get("findings");
        Map<String, Object> holes = findings.stream().filter(f -> f.get("code").equals("size-class-holes")).findFirst().orElseThrow();
        Map<String, Object> ev = (Map<String, Object>) holes.get("evidence");
        assertTrue(((Number) ev.get("free_bytes_in_slabs")).longValue() > 2_000_000, ev.toString());
        long classes = ev.keySet().stream().filter(k -> k.endsWith("_free_bytes")).count();
        assertEquals(3, classes, ev.toString());
        long withData = ev.entrySet().stream().filter(e -> e.getKey().endsWith("_dataset_allocations") && ((Number) e.getValue()).longValue() > 0).count();
        assertTrue(withData > 0, "the RDB's values land in the classes with holes: " + ev);
        // Only strings of k:<j>:<i> were churned: the classes with holes are laid at their door, by type and by prefix.
        assertTrue(ev.entrySet().stream().anyMatch(e -> e.getKey().endsWith("_key_types") && ((String) e.getValue()).startsWith("string ")), ev.toString());
        assertTrue(ev.entrySet().stream().anyMatch(e -> e.getKey().endsWith("_key_prefixes") && ((String) e.getValue()).startsWith("k:*:")), ev.toString());
        System.out.println(build + " holes: " + holes.get("message"));
        assertTrue(findings.stream().anyMatch(f -> f.get("code").equals("keyspace-tables")), findings.toString());
        Map<String, Object> said = findings.stream().filter(f -> f.get("code").equals("memory-doctor")).findFirst().orElseThrow();
        assertTrue(((String) ((Map<String, Object>) said.get("evidence")).get("issues")).contains("Peak memory"), said.toString());
        if (build.startsWith("valkey")) assertTrue(((String) dumps.get(0).get("series")).startsWith("valkey-"), (String) dumps.get(0).get("series"));
    }

    @SuppressWarnings("unchecked")
    private static String message(List<Map<String, Object>> inputs, String kind) {
        return inputs.stream().filter(i -> i.get("kind").equals(kind)).map(i -> (String) i.get("message")).findFirst().orElseThrow();
    }

    private static void cli(int port, Path to, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/redis-cli", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(to.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "redis-cli " + String.join(" ", args));
    }
}
