package io.fragscope.cli;

import io.fragscope.testing.ForkedRun;
import io.fragscope.testing.LocalRedis;
import io.fragscope.testing.SharedFiles;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs that used to end without a report, with a report left behind by an error, or with garbage in the output
 * folder (issues 13 and 15), each in a JVM of its own limited to 128 MiB, as cron runs it.
 */
class NoLostReportTest {
    @TempDir Path tmp;

    private static Path sharedRdb(String build) { return SharedFiles.groundTruth().resolve(build).resolve("dump.rdb"); }

    private static List<String> hidden(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static void assertClean(ForkedRun r) {
        assertFalse(r.rawControlBytes(), r.err());
        for (String line : r.errLines()) assertTrue(line.startsWith("fragscope"), "one line per problem:\n" + r.err());
    }

    /** An RDB of no keys listed before one with keys: the chart code met an empty range and lost the whole report. */
    @Test
    void anEmptyRdbBeforeOneWithKeysStillGivesAWorkbook() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            r.call("SAVE");
            Files.copy(dir.resolve("dump.rdb"), tmp.resolve("a-empty.rdb"));
        }
        Path out = tmp.resolve("out");
        ForkedRun r = ForkedRun.analyze(tmp, "128m", "-q", "-o", out.toString(), tmp.resolve("a-empty.rdb").toString(),
                sharedRdb("7.0.15-jemalloc").toString());
        assertTrue(r.exit() == 0 || r.exit() == 2, r.err());
        assertClean(r);
        assertFalse(r.err().contains("Invalid cell range"), r.err());
        try (InputStream in = Files.newInputStream(out.resolve("report.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertFalse(wb.getSheet("By type").getDrawingPatriarch().getCharts().isEmpty(), "the second file's chart");
        }
    }

    /** Cron runs under the POSIX locale: a file whose name is not ASCII, in a folder and named explicitly. */
    @Test
    void nonAsciiFileNamesUnderThePosixLocale() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        Files.copy(sharedRdb("7.0.15-jemalloc"), folder.resolve("缓存-01.rdb"));
        Files.copy(SharedFiles.groundTruth().resolve("7.0.15-jemalloc/info-reloaded.txt"), folder.resolve("dümp-info.txt"));
        // Two instances whose names differ only in a letter that is not ASCII (both two bytes in UTF-8): decoded as
        // ASCII they read alike, and were one instance.
        Path samples = Path.of("samples", "info");
        Files.copy(samples.resolve("cache-01-20261124-042925.txt"), folder.resolve("nodeä-20261124-042925.txt"));
        Files.copy(samples.resolve("cache-01-20261124-042937.txt"), folder.resolve("nodeö-20261124-042937.txt"));
        Map<String, String> env = new HashMap<>();
        for (String k : List.of("LANG", "LANGUAGE", "LC_CTYPE", "LC_ALL")) env.put(k, null);
        env.put("LC_ALL", "C");
        ForkedRun r = ForkedRun.analyze(tmp, "128m", env, List.of(), "-q", "-f", "xlsx,csv", "-o", tmp.resolve("out1").toString(), folder.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(tmp.resolve("out1/report.xlsx")) > 0);
        String json = Files.readString(tmp.resolve("out1/summary.json"));
        assertTrue(json.contains("\"datasets\""));
        // Named by their real names in the reports (the reports are UTF-8 whatever the locale).
        assertTrue(json.contains("\"series\" : \"nodeä\"") && json.contains("\"series\" : \"nodeö\""), json);
        assertTrue(json.contains("缓存-01.rdb"), "the RDB's source, as its name is");
        assertFalse(json.contains("\uFFFD") || json.contains("\ufffd"), "no replacement character in summary.json");
        // Named on the command line: the argument's bytes were decoded as ASCII; the file is found in its folder.
        ForkedRun named = ForkedRun.analyze(tmp, "128m", env, List.of(), "-q", "-f", "json", "-o", tmp.resolve("out2").toString(),
                folder.resolve("缓存-01.rdb").toString(), folder.resolve("dümp-info.txt").toString());
        assertEquals(0, named.exit(), named.err());
        assertTrue(Files.readString(tmp.resolve("out2/summary.json")).contains("\"keys\" : 8020,"), "the RDB's keys");
    }

    /**
     * A full disk (a 1 MiB tmpfs; root only, as the test machine runs): the old report stays, the error names the
     * file, and no temporary file is left to keep the disk full.
     */
    @Test
    void aFullDiskKeepsTheOldReportNamesThePathAndLeavesNoTemporaryFile() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0, "needs root to mount a tmpfs");
        try {
            Path out = mnt.resolve("reports");
            Path info = SharedFiles.groundTruth().resolve("7.0.15-jemalloc/info-reloaded.txt");
            ForkedRun first = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx", "-o", out.toString(), info.toString());
            assertEquals(0, first.exit(), first.err());
            byte[] old = Files.readAllBytes(out.resolve("report.xlsx"));
            // keys.csv of the 8,020 keys and a workbook with a Keys sheet do not fit in what is left.
            ForkedRun full = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx,csv", "-o", out.toString(), info.toString(),
                    sharedRdb("7.0.15-jemalloc").toString(), sharedRdb("7.2.6-jemalloc").toString());
            assertEquals(2, full.exit(), full.err());
            assertClean(full);
            assertTrue(full.err().contains("writing " + out), "names the file: " + full.err());
            assertTrue(full.err().contains("No space left on device"), full.err());
            assertArrayEquals(old, Files.readAllBytes(out.resolve("report.xlsx")), "the old report is kept");
            assertEquals(List.of(), hidden(out), "no temporary or lock file left");
        } finally {
            new ProcessBuilder("umount", mnt.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path bigListing() throws IOException {
        Path list = tmp.resolve("keys-listing.csv");
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            w.write("db,key,type,encoding,memory_usage,elements,ttl_ms\n");
            for (int i = 0; i < 3_000_000; i++) w.write("0,session:" + i + ",string,embstr,64,1,-1\n");
        }
        return list;
    }

    private static boolean waitForTemporary(Path out, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.isDirectory(out) && hidden(out).stream().anyMatch(n -> n.startsWith(".keys.csv.") && n.endsWith(".tmp"))) return true;
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Killed mid-run: SIGTERM (Ctrl-C, kill) removes the run's temporary files on the way out; after a kill -9 the
     * next run removes what was left. No lock file stays in either case, and report files get the umask's mode.
     */
    @Test
    void killedRunsLeaveNoTemporaryFilesAndReportsFollowTheUmask() throws Exception {
        Path list = bigListing();
        Path out = tmp.resolve("out");
        String[] args = {"-q", "-f", "csv,json", "-o", out.toString(), list.toString()};

        Process term = ForkedRun.start(tmp, "128m", Map.of(), List.of(), args);
        assertTrue(waitForTemporary(out, 60), "the run started writing keys.csv");
        term.destroy();   // SIGTERM
        assertTrue(term.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), hidden(out).stream().filter(n -> n.endsWith(".tmp")).toList(), "SIGTERM: temporary files removed");

        Process kill = ForkedRun.start(tmp, "128m", Map.of(), List.of(), args);
        assertTrue(waitForTemporary(out, 60), "the run started writing keys.csv");
        kill.destroyForcibly();   // SIGKILL: nothing runs on the way out
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
        assertFalse(hidden(out).stream().filter(n -> n.endsWith(".tmp")).toList().isEmpty(), "kill -9 leaves its temporary file");

        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask 022; exec \"$0\" -Xmx128m -cp \"$1\" io.fragscope.cli.Main analyze -q -f json -o \"$2\" \"$3\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"), out.toString(),
                SharedFiles.groundTruth().resolve("7.0.15-jemalloc/info-reloaded.txt").toString()));
        Process next = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("next.log").toFile()).start();
        assertTrue(next.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, next.exitValue(), Files.readString(tmp.resolve("next.log")));
        assertEquals(List.of(), hidden(out), "the next run removed the stale temporary files and its own lock file");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("summary.json"))),
                "umask 022: readable by a web server");
    }

    /** redis-ver "7.x.15" does not parse: the model falls back to the format version instead of rejecting the file. */
    @Test
    void anUnparsableRedisVerFallsBackToTheFormatVersion() throws Exception {
        byte[] b = Files.readAllBytes(sharedRdb("7.0.15-jemalloc"));
        byte[] find = "7.0.15".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(b, find);
        assertTrue(at > 0);
        b[at + 2] = 'x';
        for (int i = b.length - 8; i < b.length; i++) b[i] = 0;   // a zero checksum means "not computed" (rdbchecksum no)
        Path f = Files.write(tmp.resolve("bad-ver.rdb"), b);
        ForkedRun r = ForkedRun.analyze(tmp, "128m", "-q", "-f", "json", "-o", tmp.resolve("out").toString(), f.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(tmp.resolve("out/summary.json"));
        assertTrue(json.contains("\"keys\" : 8020,"), "read whole");
        assertTrue(json.contains("RDB format 10 (redis-ver '7.x.15' does not parse): assumed Redis 7.0"), json);
    }

    static int indexOf(byte[] b, byte[] find) {
        outer:
        for (int i = 0; i + find.length <= b.length; i++) {
            for (int j = 0; j < find.length; j++) if (b[i + j] != find[j]) continue outer;
            return i;
        }
        return -1;
    }

    /**
     * Out of memory (a heap too small for this RDB's 8,020 keys and their workbook): one line naming what failed,
     * exit status 3 (never 1, which means an alert held), and a summary.json of what was done.
     */
    @Test
    void runningOutOfMemoryEndsWithExitThreeOneLineAndASummary() throws Exception {
        Path info = SharedFiles.groundTruth().resolve("7.0.15-jemalloc/info-reloaded.txt");
        Path out = tmp.resolve("out");
        ForkedRun r = ForkedRun.analyze(tmp, "12m", Map.of(), List.of("-XX:TieredStopAtLevel=1"), "-q", "-f", "xlsx,csv,json",
                "-o", out.toString(), info.toString(), sharedRdb("7.0.15-jemalloc").toString(), sharedRdb("7.2.6-jemalloc").toString());
        assertEquals(3, r.exit(), r.err());
        assertClean(r);
        assertTrue(r.err().contains("OutOfMemoryError"), r.err());
        assertTrue(Files.exists(out.resolve("summary.json")), "what was done");
        assertTrue(hidden(out).isEmpty(), "no temporary file: " + hidden(out));
    }

    /** Control characters from an input (a file name, INFO values) never reach the terminal or a CSV cell raw. */
    @Test
    void untrustedTextIsEscapedOnStderrAndInCsv() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        String info = Files.readString(SharedFiles.groundTruth().resolve("7.0.15-jemalloc/info-reloaded.txt"));
        String evil = info.replaceFirst("redis_version:[^\\r\\n]*", "redis_version:7.0.15\u001b]0;pwned\u0007\u001b[2J")
                .replaceFirst("used_memory_rss:[^\\r\\n]*", "used_memory_rss:12\u009b31mred");
        Files.writeString(folder.resolve("info-\u001b[31mred\u001b[0m.txt"), evil);
        Files.writeString(folder.resolve("rdb-\u001b]0;x\u0007.rdb"), "REDIS0011\u001b[2Jgarbage");
        // RDB 6 zset (type 3) whose score is the text ESC[2J\nforged line: the reader quotes it in its error.
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        z.writeBytes("REDIS0006".getBytes(StandardCharsets.US_ASCII));
        z.writeBytes(new byte[] {(byte) 0xfe, 0, 3, 1, 'z', 1, 1, 'm'});
        byte[] score = "\u001b[2J\nforged line".getBytes(StandardCharsets.US_ASCII);
        z.write(score.length);
        z.writeBytes(score);
        z.writeBytes(new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0});
        Files.write(folder.resolve("zset.rdb"), z.toByteArray());
        ForkedRun r = ForkedRun.analyze(tmp, "128m", "-q", "-f", "csv,json", "-o", tmp.resolve("out").toString(), folder.toString());
        assertEquals(2, r.exit(), r.err());
        assertClean(r);
        assertTrue(r.err().contains("rdb-\\x1b]0;x\\x07.rdb"), r.err());
        assertTrue(r.err().contains("'\\x1b[2J\\x0aforged line'"), "the score, escaped, on one line: " + r.err());
        assertEquals(1, r.errLines().stream().filter(l -> l.contains("zset.rdb")).count(), r.err());
        for (String csv : List.of("fields.csv", "inputs.csv", "dumps.csv")) {
            byte[] b = Files.readAllBytes(tmp.resolve("out").resolve(csv));
            String s = new String(b, StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertFalse(ForkedRun.hasRawControl(s.getBytes(StandardCharsets.UTF_8)), csv);
        }
        assertTrue(Files.readString(tmp.resolve("out/fields.csv")).contains("7.0.15\\x1b]0;pwned\\x07\\x1b[2J"));
    }
}
