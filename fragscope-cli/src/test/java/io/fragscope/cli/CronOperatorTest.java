package io.fragscope.cli;

import io.fragscope.testing.SharedFiles;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The README's cron job as an operator runs it: alerts, failed captures, empty runs, leftovers, summary.md, fragscope.prom. */
class CronOperatorTest {

    @TempDir Path tmp;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    static final Path SAMPLES = Path.of("samples", "info");
    /** The last sample dump: 85 % of 400,000 keys deleted, mem_fragmentation_ratio 3.37, 132 MiB RSS. */
    static final String FRAGMENTED = "cache-01-20261124-042937.txt";

    int run(String... args) {
        stdout.reset();
        stderr.reset();
        return Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    String err() { return stderr.toString(StandardCharsets.UTF_8); }

    /** The README's cron line, as written there. */
    int cron(Path in, Path out) {
        return run("analyze", "-q", "-f", "xlsx,json", "--fail-on", "mem_fragmentation_ratio>1.5", "--fail-on", "critical",
                "-o", out.toString(), in.toString());
    }

    Path folder(String name) throws IOException { return Files.createDirectories(tmp.resolve(name)); }

    @Test
    void theReadmeCronAlertIsQuietOnAFreshServerAndFiresOnAFragmentedOne() throws IOException {
        // Every build's freshly started, empty server: ratios 4.4 to 13.3 on under 1 MiB of used_memory.
        for (Path build : SharedFiles.groundTruthBuilds()) {
            Path in = folder("fresh-" + build.getFileName());
            Files.copy(build.resolve("info-empty.txt"), in.resolve("cache-01-20261124-000000.txt"));
            assertEquals(0, cron(in, tmp.resolve("out-" + build.getFileName())), build + ": " + err());
            assertEquals("", err(), build.toString());
        }
        Path in = folder("fragmented");
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        assertEquals(1, cron(in, tmp.resolve("out")));
        assertEquals("fragscope analyze: --fail-on mem_fragmentation_ratio>1.5 holds: cache-01: mem_fragmentation_ratio=3.37 ("
                + FRAGMENTED + ")\n", err());
    }

    @Test
    void aMisspelledOrNonNumericFieldIsAUsageErrorNamingIt() throws IOException {
        Path in = folder("in");
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        Path out = tmp.resolve("out");
        assertEquals(2, run("analyze", "-q", "--fail-on", "mem_fragmentaton_ratio>1.5", "-o", out.toString(), in.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("unknown field mem_fragmentaton_ratio") && err().contains("did you mean mem_fragmentation_ratio?"), err());
        assertFalse(Files.exists(out.resolve("report.xlsx")), "a usage error writes no report");

        assertEquals(2, run("analyze", "-q", "--fail-on", "used_memory_human>10", "-o", out.toString(), in.toString()));
        assertEquals("fragscope analyze: --fail-on used_memory_human>10: used_memory_human is not numeric (cache-01 has '39.25M'); "
                + "use used_memory, in bytes (see fragscope analyze --help)\n", err());

        // A real field that this dump lacks is fine (an older build would have it); a field the dump has compares.
        assertEquals(0, run("analyze", "-q", "--fail-on", "used_memory_vm_functions>1000000", "-o", out.toString(), in.toString()), err());
        assertEquals(1, run("analyze", "-q", "--fail-on", "used_memory>40000000", "-o", out.toString(), in.toString()));
        assertTrue(err().contains("cache-01: used_memory=41161384"), err());
        // Exponents and redis.conf's memory units (util.c memtoull): 41,161,384 bytes is over 40m (40,000,000) and 39mb
        // (40,894,464) but under 40mb (41,943,040) and 4.2e7; the message keeps the number as written.
        assertEquals(1, run("analyze", "-q", "--fail-on", "used_memory>40m", "-o", out.toString(), in.toString()));
        assertTrue(err().contains("--fail-on used_memory>40m holds: cache-01: used_memory=41161384"), err());
        assertEquals(1, run("analyze", "-q", "--fail-on", "used_memory>39MB", "-o", out.toString(), in.toString()));
        assertEquals(0, run("analyze", "-q", "--fail-on", "used_memory>40mb", "-o", out.toString(), in.toString()), err());
        assertEquals(1, run("analyze", "-q", "--fail-on", "used_memory>=4.1e7", "-o", out.toString(), in.toString()));
        assertEquals(0, run("analyze", "-q", "--fail-on", "used_memory>4.2e7", "-o", out.toString(), in.toString()), err());
        assertEquals(2, run("analyze", "-q", "--fail-on", "used_memory>10xb", "-o", out.toString(), in.toString()));
        assertEquals("fragscope analyze: --fail-on 'used_memory>10xb': unknown unit 'xb' (a memory unit as redis.conf takes it: "
                + "b, k, kb, m, mb, g, gb; or none) (see fragscope analyze --help)\n", err());
        assertEquals(1, run("analyze", "-q", "--fail-on", "warning", "-o", out.toString(), in.toString()));
        assertTrue(err().contains("holds: cache-01: high-fragmentation (warning)"), err());
    }

    @Test
    void theSinceWindowIsEachInstancesOwnAndWhatItLeavesOutIsSaid() throws IOException {
        // cache-01's ten dumps (04:29:23 to 04:29:37) are a week older than the ground-truth build's dump. With --since 1d
        // each instance keeps its own last day: none is left out (the week-older instance does not leave the report).
        Path out = tmp.resolve("out");
        Path recent = SharedFiles.groundTruth().resolve("8.6.3-libc").resolve("info-reloaded.txt");
        assertEquals(0, run("analyze", "-f", "json", "--since", "1d", "-o", out.toString(), SAMPLES.toString(), recent.toString()), err());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("fragscope: 11 inputs, 11 INFO dumps of 2 instances,"),
                stdout.toString(StandardCharsets.UTF_8));
        // With a 10-second window, cache-01's three dumps before 04:29:27 are left out, and said so.
        stdout.reset();
        assertEquals(0, run("analyze", "-f", "json", "--since", "PT10S", "-o", out.toString(), SAMPLES.toString(), recent.toString()), err());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("fragscope: 11 inputs (3 left out), 8 INFO dumps of 2 instances,"),
                stdout.toString(StandardCharsets.UTF_8));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("from 11 inputs (0 unreadable, 0 partial, 3 left out): 8 INFO dumps of 2 instances, 0 key datasets."), md);
        String left = md.substring(md.indexOf("## Inputs left out"));
        assertEquals(3, left.lines().filter(l -> l.startsWith("- samples/info/cache-01-") && l.contains("before the --since window")).count(), left);
    }

    @Test
    void aReportFolderUnderAFleetIsNoClusterOfIt() throws IOException {
        // Two shards, the reports written under the fleet's root and the run repeated: the roll-up counts the same files.
        Path s1 = folder("fleet/cA/s1"), s2 = folder("fleet/cA/s2");
        for (String f : List.of("dump.rdb", "info-reloaded.txt")) {
            Files.copy(SharedFiles.groundTruth().resolve("7.2.6-jemalloc").resolve(f), s1.resolve(f));
            Files.copy(SharedFiles.groundTruth().resolve("8.6.3-libc").resolve(f), s2.resolve(f));
        }
        Path out = tmp.resolve("fleet").resolve("reports");
        List<String> rollups = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            assertEquals(0, run("analyze", "-q", "-f", "json", "-o", out.toString(), tmp.resolve("fleet").toString()), err());
            rollups.add(Files.readString(out.resolve("rollup.json")).replaceAll("\"generated_at\" : \"[^\"]*\"", ""));
        }
        assertTrue(rollups.get(0).contains("\"files\" : 4,"), rollups.get(0));
        assertEquals(rollups.get(0), rollups.get(1), "the second run sees the reports folder and leaves it out of the roll-up");
        assertFalse(rollups.get(1).contains("\"cluster\" : \"fleet\""), rollups.get(1));
    }

    @Test
    void twoShardsWhoseDumpsShareANameStemAreTwoInstances() throws IOException {
        // A folder per shard, each capturing redis-<timestamp>.txt: two servers (other run_ids, other versions), not one
        // instance that restarted, so the alert judges both.
        Path s1 = folder("fleet/cA/s1"), s2 = folder("fleet/cA/s2");
        Files.copy(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt"), s1.resolve("redis-20261201-010000.txt"));
        Files.copy(SharedFiles.groundTruth().resolve("8.0.6-libc/info-reloaded.txt"), s2.resolve("redis-20261201-020000.txt"));
        Path out = tmp.resolve("out");
        assertEquals(1, run("analyze", "-f", "json", "-o", out.toString(), "--fail-on", "mem_fragmentation_ratio>2.5", tmp.resolve("fleet").toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("fragscope: 2 inputs, 2 INFO dumps of 2 instances,"), stdout.toString(StandardCharsets.UTF_8));
        assertTrue(err().contains("holds: cA/s1/redis: mem_fragmentation_ratio=2.72"), err());
        String json = Files.readString(out.resolve("summary.json"));
        assertFalse(json.contains("restart-detected"), "no restart between two servers");
    }

    @Test
    void aBigkeysCaptureBesideAShardsRdbAddsNothingToTheRollup() throws IOException {
        // The fleet job adds no figures for a --bigkeys summary (a few keys named, not the shard's): nor does analyze.
        Path s1 = folder("fleet/cA/s1"), s2 = folder("fleet/cA/s2");
        for (String f : List.of("dump.rdb", "info-reloaded.txt")) {
            Files.copy(SharedFiles.groundTruth().resolve("7.2.6-jemalloc").resolve(f), s1.resolve(f));
            Files.copy(SharedFiles.groundTruth().resolve("8.6.3-libc").resolve(f), s2.resolve(f));
        }
        Files.copy(Path.of("fragscope-core/src/test/resources/captures/redis-7.0.15-debian/bigkeys.txt"), s1.resolve("bigkeys.txt"));
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-q", "-f", "json,xlsx", "-o", out.toString(), tmp.resolve("fleet").toString()), err());
        String rollup = Files.readString(out.resolve("rollup.json"));
        long keys = 8020 + 8716; // the two builds' RDB keys
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| cA/s1/dump.rdb | rdb | 8,020 |") && md.contains("| cA/s2/dump.rdb | rdb | 8,716 |"), "shards' dump.rdb told apart: " + md);
        // the workbook names each shard's file below the folder given, on every sheet and in chart titles
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            var byType = wb.getSheet("By type");
            java.util.Set<String> files = new java.util.TreeSet<>();
            for (int r = 1; r <= byType.getLastRowNum(); r++) files.add(byType.getRow(r).getCell(0).getStringCellValue());
            assertEquals(java.util.Set.of("cA/s1/bigkeys.txt", "cA/s1/dump.rdb", "cA/s2/dump.rdb"), files);
            String title = byType.getDrawingPatriarch().getCharts().get(0).getCTChart().getTitle().getTx().getRich().getPArray(0).getRArray(0).getT();
            assertTrue(title.endsWith("(cA/s1/dump.rdb)") || title.endsWith("(cA/s2/dump.rdb)"), title);
            var keysSheet = wb.getSheet("Keys");
            assertTrue(keysSheet.getRow(1).getCell(0).getStringCellValue().startsWith("cA/"), keysSheet.getRow(1).getCell(0).getStringCellValue());
        }
        String fleet = rollup.substring(0, rollup.indexOf("\"clusters\""));
        assertTrue(fleet.contains("\"keys\" : " + keys + ","), fleet);
        assertTrue(fleet.contains("\"shards\" : 2,"), fleet);
    }

    @Test
    void theRunsLineCountsWhatItCouldNotRead() throws IOException {
        Path in = folder("in");
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        Files.writeString(in.resolve("cache-01-20261124-043500.txt"), "Could not connect to Redis at 127.0.0.1:6379: Connection refused\n");
        assertEquals(2, run("analyze", "-f", "json", "-o", tmp.resolve("out").toString(), in.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("fragscope: 2 inputs (1 unreadable), 1 INFO dump of 1 instance,"),
                stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aReportFolderUnderTheDataIsLeftOutNotCountedTwice() throws IOException {
        // A cron job writing its reports into the folder it analyses: the second run must not read the first's keys.csv.
        Path data = folder("data");
        Files.copy(Path.of("samples", "rdb", "dump.rdb"), data.resolve("dump.rdb"));
        Path out = data.resolve("reports");
        for (int run = 0; run < 2; run++) {
            assertEquals(0, run("analyze", "-q", "-f", "csv,json", "-o", out.toString(), data.toString()), err());
            List<String> datasets = Files.readAllLines(out.resolve("datasets.csv"));
            assertEquals(2, datasets.size(), "one dataset, the RDB's, in run " + run + ": " + datasets);
            assertTrue(datasets.get(1).contains(",25008,"), datasets.get(1));
        }
        String inputs = Files.readString(out.resolve("inputs.csv"));
        assertTrue(inputs.contains(out + ": a folder of fragscope's reports (fragscope.prom, summary.json): left out"), inputs);
        // named on the command line, its keys.csv is read: the same 25,008 keys
        assertEquals(0, run("analyze", "-q", "-f", "csv", "-o", tmp.resolve("again").toString(), out.resolve("keys.csv").toString()), err());
        assertTrue(Files.readAllLines(tmp.resolve("again").resolve("datasets.csv")).get(1).contains(",25008,"));
    }

    @Test
    void anEmptyFolderOrOnlyAMissingPathIsExitTwoAndKeepsTheLastGoodReport() throws IOException {
        Path out = tmp.resolve("out");
        Path empty = folder("empty");
        assertEquals(2, run("analyze", "-q", "-o", out.toString(), empty.toString()));
        assertEquals("fragscope analyze: no input in " + empty + " (an empty folder, or only hidden files); no report written",
                err().strip(), "one line naming the folder");
        assertFalse(Files.exists(out.resolve("report.xlsx")));

        Path in = folder("in");
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), in.toString()), err());
        byte[] good = Files.readAllBytes(out.resolve("report.xlsx"));
        assertEquals(2, run("analyze", "-q", "-o", out.toString(), tmp.resolve("no-such-dir").toString()));
        assertEquals(List.of("fragscope analyze: " + tmp.resolve("no-such-dir") + ": no such file or folder",
                "fragscope analyze: no usable input among 1 input (no INFO dump, RDB file or listing could be read); no report written"),
                err().lines().toList());
        assertArrayEquals(good, Files.readAllBytes(out.resolve("report.xlsx")), "the good report stays");

        // An RDB cut before its first key (a copy taken while the save was still writing) has nothing to report either.
        Path cut = folder("cut").resolve("dump.rdb");
        try (java.io.InputStream rdb = Files.newInputStream(Path.of("samples", "rdb", "dump.rdb"))) {
            Files.write(cut, rdb.readNBytes(40));
        }
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        assertEquals(2, run("analyze", "-q", "-o", out.toString(), cut.toString()));
        List<String> lines = err().lines().toList();
        assertEquals(2, lines.size(), err());
        assertTrue(lines.get(0).startsWith("fragscope analyze: " + cut + ": ") && lines.get(0).contains("offset"), err());
        assertEquals("fragscope analyze: no usable input among 1 input (no INFO dump, RDB file or listing could be read); no report written", lines.get(1));
        assertArrayEquals(good, Files.readAllBytes(out.resolve("report.xlsx")), "the good report stays");
        assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")), "and its summary");
    }

    @Test
    void failedCapturesAreErrorsAndTheAlertSaysWhichDumpItJudged() throws IOException {
        Path in = folder("in");
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        // What `redis-cli INFO all > file` leaves when the server is down (2>&1) or wants a password.
        Files.writeString(in.resolve("cache-01-20261124-043500.txt"), "Could not connect to Redis at 127.0.0.1:6379: Connection refused\n");
        Files.writeString(in.resolve("cache-01-20261124-044000.txt"), "NOAUTH Authentication required.\n");
        Files.writeString(in.resolve("cache-01-20261124-044500.txt"), "");
        Path out = tmp.resolve("out");
        assertEquals(2, cron(in, out));
        String e = err();
        assertTrue(e.contains("cache-01-20261124-043500.txt: failed capture: redis-cli wrote 'Could not connect to Redis at 127.0.0.1:6379: Connection refused'"), e);
        assertTrue(e.contains("cache-01-20261124-044000.txt: failed capture: redis-cli wrote 'NOAUTH Authentication required.'"), e);
        assertTrue(e.contains("cache-01-20261124-044500.txt: failed capture: empty file"), e);
        assertTrue(e.contains("holds: cache-01: mem_fragmentation_ratio=3.37 (" + FRAGMENTED + "; 3 later captures failed, the newest "
                + "cache-01-20261124-044500.txt)"), e);
    }

    @Test
    void reportsOfAnEarlierRunInOtherFormatsAreRemoved() throws IOException {
        Path in = folder("in");
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-q", "-f", "xlsx,csv", "-o", out.toString(), in.toString()), err());
        assertTrue(Files.exists(out.resolve("dumps.csv")));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(0, run("analyze", "-q", "-f", "json", "-o", out.toString(), in.toString()), err());
        assertFalse(Files.exists(out.resolve("dumps.csv")));
        assertFalse(Files.exists(out.resolve("report.xlsx")));
        assertTrue(Files.exists(out.resolve("summary.json")));
        assertTrue(Files.exists(out.resolve("notes.txt")), "only fragscope's own file names are touched");
    }

    /**
     * summary.json's worst_severity is the state now, as --fail-on, the console line and fragscope.prom judge it: the
     * samples' instance was critical at 04:29:31 (105 MiB of gap) and is a warning at its latest dump (92.7 MiB).
     */
    @Test
    @SuppressWarnings("unchecked")
    void summaryJsonsWorstSeverityIsTheLatestDumpsAndHistorySaysItsOwn() throws IOException {
        Path in = folder("in");
        Files.copy(SAMPLES.resolve("cache-01-20261124-042931.txt"), in.resolve("cache-01-20261124-042931.txt"));
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-f", "json", "--fail-on", "critical", "-o", out.toString(), in.toString()), err());
        Map<String, Object> json = (Map<String, Object>) io.fragscope.testing.Json.read(out.resolve("summary.json"));
        assertEquals("warning", json.get("worst_severity"));
        assertEquals("critical", json.get("worst_severity_any_dump"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("worst: warning"), stdout.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(out.resolve("fragscope.prom")).contains("fragscope_worst_severity{instance=\"cache-01\"} 2"));
    }

    @Test
    void summaryMdAndPromFileForCron() throws IOException {
        Path in = folder("in");
        Files.copy(SharedFiles.groundTruth().resolve("7.0.15-debian/info-empty.txt"), in.resolve("cache-01-20261124-000000.txt"));
        Files.copy(SAMPLES.resolve(FRAGMENTED), in.resolve(FRAGMENTED));
        // An instance whose name needs escaping in a label: quote, backslash.
        Files.copy(SAMPLES.resolve("cache-01-20261124-042926.txt"), in.resolve("we\"ird\\name-20261124-042926.txt"));
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), in.toString()), err());

        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.startsWith("# fragscope: Redis memory report\n"), md);
        assertTrue(md.contains("from 3 inputs (0 unreadable, 0 partial): 3 INFO dumps of 2 instances, 0 key datasets."), md);
        assertTrue(md.contains("| warning | cache-01 | 2026-11-24 04:29:37 | 7.0.15 | 39.3 MiB | 132 MiB | 3.37 |"), md);
        // The plan leads, as on the workbook's Summary sheet: its steps and what they give back.
        assertTrue(md.indexOf("## Reclaim plan") > 0 && md.indexOf("## Reclaim plan") < md.indexOf("## cache-01"), md);
        assertTrue(md.contains("| cache-01 | 1 | MEMORY PURGE | yes |"), md);
        assertTrue(md.contains("- cache-01: Total RSS back from the steps that apply: "), md);
        // 13.1 MiB of gap, no part of it worth a restart or a purge: the advice says so instead of "restart", and the
        // finding is info, not a warning whose advice is "nothing to reclaim".
        assertTrue(md.contains("| info | we\"ird\\\\name | 2026-11-24 04:29:26 | 7.0.15 | 9.2 MiB | 22.3 MiB | 2.44 |"), md);
        String weird = md.substring(md.indexOf("## we\"ird\\\\name (info)"));
        assertTrue(weird.contains("`high-fragmentation` mem\\_fragmentation\\_ratio is 2.44"), weird);
        assertTrue(weird.substring(weird.indexOf("**What to do**")).startsWith("**What to do**\n\nNothing to do."), weird);
        assertEquals(1, count(md, "1. Reclaim the memory by failing over"), "one action for allocator fragmentation");

        Pattern sample = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? (-?[0-9.eE+-]+|NaN)");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
        Map<String, Double> values = new HashMap<>();
        List<String> typed = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("fragscope.prom"))) {
            if (line.startsWith("# HELP ")) continue;
            if (line.startsWith("# TYPE ")) { typed.add(line.split(" ")[2]); assertTrue(line.endsWith(" gauge"), line); continue; }
            Matcher m = sample.matcher(line);
            assertTrue(m.matches(), "not an exposition-format sample: " + line);
            assertTrue(m.group(1).startsWith("fragscope_"), line);
            assertTrue(typed.contains(m.group(1)), "sample before its TYPE: " + line);
            StringBuilder key = new StringBuilder(m.group(1));
            if (m.group(2) != null) {
                Matcher l = label.matcher(m.group(2));
                while (l.find()) key.append(',').append(l.group(1)).append('=').append(unescape(l.group(2)));
            }
            assertNull(values.put(key.toString(), Double.parseDouble(m.group(3))), "duplicate sample " + key);
        }
        assertEquals(41161384, values.get("fragscope_used_memory_bytes,instance=cache-01"));
        assertEquals(3.37, values.get("fragscope_mem_fragmentation_ratio,instance=cache-01"));
        assertEquals(88592384, values.get("fragscope_allocator_frag_bytes,instance=cache-01"));
        assertEquals(2, values.get("fragscope_worst_severity,instance=cache-01"));
        assertEquals(1, values.get("fragscope_finding,instance=cache-01,code=restart-to-reclaim,severity=warning"));
        assertEquals(0, values.get("fragscope_tiny_instance,instance=cache-01"));
        assertEquals(9618272, values.get("fragscope_used_memory_bytes,instance=we\"ird\\name"));
        assertEquals(3, values.get("fragscope_inputs,status=ok"));
    }

    /** The exposition format's label escapes, read left to right. */
    static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else sb.append(c);
        }
        return sb.toString();
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void helpListsEveryAllocatorTheErrorMessageOffers() {
        run("analyze", "--help");
        String help = stdout.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (String a : List.of("jemalloc,", "jemalloc-q16", "jemalloc-3.6", "libc,", "libc-prefix", "tcmalloc")) assertTrue(help.contains(a), a + " in: " + help);
        assertTrue(help.contains("--since"), help);
    }
}
