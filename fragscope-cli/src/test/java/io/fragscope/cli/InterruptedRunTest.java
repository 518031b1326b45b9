package io.fragscope.cli;

import io.fragscope.testing.ForkedRun;
import io.fragscope.testing.LocalRedis;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Ctrl-C (SIGINT) or a kill (SIGTERM) in the middle of a long run over a big RDB file a real server wrote: every
 * report under its final name is still the previous run's, byte for byte (nothing partial appeared or changed), and
 * the run's temporary files and lock are gone.
 */
class InterruptedRunTest {
    @TempDir static Path shared;
    static Path bigRdb;

    /** 1,200,000 keys written by DEBUG POPULATE, plus hashes: a run of several seconds. */
    @BeforeAll
    static void bigFile() throws Exception {
        Path dir = Files.createDirectories(shared.resolve("redis"));
        try (LocalRedis r = LocalRedis.start(dir, "big.rdb", "--enable-debug-command", "local")) {
            r.call("DEBUG", "POPULATE", "1200000", "user:", "40");
            List<Object[]> cmds = new java.util.ArrayList<>();
            for (int i = 0; i < 20_000; i++) cmds.add(new Object[] {"HSET", "session:" + i, "a", "1", "b", "two", "c", "three-" + i});
            r.pipeline(cmds);
            r.call("SAVE");
        }
        bigRdb = dir.resolve("big.rdb");
        assertTrue(Files.size(bigRdb) > 40L << 20, "a big file: " + Files.size(bigRdb));
    }

    private static TreeMap<String, byte[]> finalFiles(Path out) throws IOException {
        TreeMap<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) m.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return m;
    }

    private static List<String> hidden(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static boolean waitForKeysTemporary(Path out, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (hidden(out).stream().anyMatch(n -> n.startsWith(".keys.csv.") && n.endsWith(".tmp"))) return true;
            Thread.sleep(20);
        }
        return false;
    }

    private void interrupted(Path tmp, String signal) throws Exception {
        Path out = tmp.resolve("out");
        ForkedRun first = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx,csv,json", "-o", out.toString(),
                SharedFiles.groundTruth().resolve("7.0.15-debian").toString());
        assertEquals(0, first.exit(), first.err());
        TreeMap<String, byte[]> before = finalFiles(out);
        assertTrue(before.containsKey("report.xlsx") && before.containsKey("keys.csv") && before.containsKey("summary.json"), before.keySet().toString());

        Process run = ForkedRun.start(tmp, "128m", Map.of(), List.of(), "-q", "-f", "xlsx,csv,json", "-o", out.toString(), bigRdb.toString());
        assertTrue(waitForKeysTemporary(out, 120), "the run started writing keys.csv");
        Thread.sleep(500);
        assertTrue(run.isAlive(), "still reading the big file when the signal comes");
        if (signal.equals("TERM")) run.destroy();
        else assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor());
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run ends on SIG" + signal);
        assertNotEquals(0, run.exitValue(), "ended by the signal, not finished");

        TreeMap<String, byte[]> after = finalFiles(out);
        assertEquals(before.keySet(), after.keySet(), "no report appeared or vanished under a final name");
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f + " is the previous run's, unchanged");
        assertEquals(List.of(), hidden(out), "SIG" + signal + ": temporary files and the lock removed");
    }

    @Test
    void sigtermMidRunLeavesThePreviousReportsAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        interrupted(tmp, "TERM");
    }

    @Test
    void ctrlCMidRunLeavesThePreviousReportsAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        // A background job of a non-interactive shell ignores SIGINT, and so does every process it starts (the forked
        // run included): there a Ctrl-C cannot be delivered at all, which says nothing of fragscope.
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process tree");
        interrupted(tmp, "INT");
    }

    /** Bit 2 (SIGINT) of this process's ignored-signal mask (/proc/self/status SigIgn). */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2) != 0;
        }
        return false;
    }
}
