package io.fragscope.cli;

import io.fragscope.testing.ForkedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Ctrl-C (SIGINT) or a kill (SIGTERM) that arrives while a run renames its finished reports into place: the signal
 * waits for the renames and for the removal of the previous run's workbook, so the folder holds every report of the
 * new run and none of the old one (it once kept the old keys.csv beside the new datasets.csv and summary.json), no
 * temporary file and no lock file; the exit status is the signal's (143, 130).
 *
 * <p>The renames take microseconds; the forked run is told to wait 300 ms between two of them
 * ({@code fragscope.test.pauseBetweenRenamesMillis}) so that the signal lands in the middle every time.
 */
class SignalDuringCommitTest {
    static final int OLD_KEYS = 2_000, NEW_KEYS = 3_000;

    @TempDir Path tmp;

    private Path listing(String name, int keys) throws IOException {
        Path list = tmp.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            w.write("db,key,type,encoding,memory_usage,elements,ttl_ms\n");
            for (int i = 0; i < keys; i++) w.write("0,session:" + i + ",string,embstr,64,1,-1\n");
        }
        return list;
    }

    /** Each report under its final name → the file behind it (a rename puts another file there). */
    private static TreeMap<String, Object> finalFiles(Path out) throws IOException {
        TreeMap<String, Object> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                m.put(p.getFileName().toString(), Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
            }
        } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
            return finalFiles(out);
        }
        return m;
    }

    private static List<String> hidden(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static long lines(Path p) throws IOException {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        }
    }

    private void signalMidCommit(String signal, int expectedExit) throws Exception {
        Path out = tmp.resolve("out");
        // The previous run: a workbook too, which the new run (without -f xlsx) must remove as stale.
        ForkedRun first = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx,csv,json", "-o", out.toString(),
                listing("old.csv", OLD_KEYS).toString());
        assertEquals(0, first.exit(), first.err());
        TreeMap<String, Object> before = finalFiles(out);
        assertTrue(before.containsKey("report.xlsx") && before.containsKey("keys.csv") && before.containsKey("datasets.csv"), before.keySet().toString());
        assertEquals(OLD_KEYS + 1, lines(out.resolve("keys.csv")));

        Process run = ForkedRun.start(tmp, "128m", Map.of(), List.of("-Dfragscope.test.pauseBetweenRenamesMillis=300"),
                "-q", "-f", "csv,json", "-o", out.toString(), listing("new.csv", NEW_KEYS).toString());
        // The commit has begun once one report is another file than the previous run's.
        TreeMap<String, Object> seen = before;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && run.isAlive()) {
            seen = finalFiles(out);
            if (seen.entrySet().stream().anyMatch(e -> !e.getValue().equals(before.get(e.getKey())))) break;
            Thread.sleep(5);
        }
        TreeMap<String, Object> atSignal = seen;
        long stillOld = atSignal.entrySet().stream().filter(e -> e.getValue().equals(before.get(e.getKey()))).count();
        assertTrue(run.isAlive(), "the run is still committing");
        assertTrue(stillOld >= 3, "the signal comes with most reports still the previous run's: " + atSignal.keySet());
        if (signal.equals("TERM")) run.destroy();
        else assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor());
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run ends on SIG" + signal);
        String err = Files.readString(tmp.resolve("run.err"));
        assertEquals(expectedExit, run.exitValue(), "the signal's exit status; stderr: " + err);

        TreeMap<String, Object> after = finalFiles(out);
        assertFalse(after.containsKey("report.xlsx"), "the previous run's workbook was removed before the run ended");
        TreeMap<String, Object> expected = new TreeMap<>(before);
        expected.remove("report.xlsx");
        assertEquals(expected.keySet(), after.keySet(), "the same reports but the workbook");
        for (var e : after.entrySet()) assertNotEquals(before.get(e.getKey()), e.getValue(), e.getKey() + " is the new run's");
        assertEquals(NEW_KEYS + 1, lines(out.resolve("keys.csv")), "keys.csv is the new run's");
        assertEquals(NEW_KEYS, Long.parseLong(AnalyzeInfoEndToEndTest.csv(out.resolve("datasets.csv")).get(0).get("keys")), "datasets.csv");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"keys\" : " + NEW_KEYS + ","), "summary.json");
        assertEquals(List.of(), hidden(out), "SIG" + signal + ": no temporary file and no lock file");
        assertFalse(err.contains("no such file"), err);
    }

    @Test
    void sigtermWhileRenamingLeavesEveryReportNew() throws Exception {
        signalMidCommit("TERM", 143);
    }

    @Test
    void ctrlCWhileRenamingLeavesEveryReportNew() throws Exception {
        // A background job of a non-interactive shell ignores SIGINT, and so does every process it starts.
        org.junit.jupiter.api.Assumptions.assumeFalse(InterruptedRunTest.sigintIgnored(), "SIGINT is ignored in this process tree");
        signalMidCommit("INT", 130);
    }
}
