package io.fragscope.cli;

import io.fragscope.testing.Json;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A cron series much longer than the workbook's per-instance rows, made from the real sample dumps by varying their
 * numbers (as scripts/bench-series.sh does at full size, 5,500 dumps, timed there): raw fields for the latest dump
 * only, the timeline sampled under the row cap with every dump in timeline.csv, findings once per instance with their
 * span, and the --since window.
 */
class LongCronSeriesTest {
    @TempDir Path tmp;
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final Pattern BYTES = Pattern.compile("^(used_memory|used_memory_rss|used_memory_peak|used_memory_dataset|allocator_allocated|allocator_active|allocator_resident):(\\d+)$");

    /** {@code n} dumps every 5 minutes from 2026-11-01, cycling through the real samples, byte fields grown by 0-6 %. */
    static Path series(Path dir, int n) throws IOException {
        List<Path> real;
        try (Stream<Path> s = Files.list(Path.of("samples", "info"))) { real = s.sorted().toList(); }
        List<List<String>> texts = new ArrayList<>();
        for (Path p : real) texts.add(Files.readAllLines(p, StandardCharsets.UTF_8));
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Instant t = start.plusSeconds(300L * i);
            StringBuilder sb = new StringBuilder();
            for (String line : texts.get(i * texts.size() / n)) {
                String l = line.strip();
                Matcher m = BYTES.matcher(l);
                if (m.matches()) l = m.group(1) + ":" + Long.parseLong(m.group(2)) * (100 + i % 7) / 100;
                else if (l.startsWith("server_time_usec:")) l = "server_time_usec:" + t.getEpochSecond() * 1_000_000;
                sb.append(l).append("\r\n");
            }
            Files.writeString(dir.resolve("cache-01-" + NAME.format(t) + ".txt"), sb.toString());
        }
        return dir;
    }

    int run(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void aLongSeriesKeepsRawFieldsOfTheLatestDumpOnlyAndSamplesTheTimeline() throws IOException {
        int n = 2_100;
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        String last = NAME.format(start.plusSeconds(300L * (n - 1)));
        java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        Path in = series(Files.createDirectories(tmp.resolve("in")), n);
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-q", "-f", "xlsx,csv,json", "-o", out.toString(), in.toString()), stderr.toString());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            Sheet fields = wb.getSheet("INFO fields");
            long latestFields = new io.fragscope.source.info.InfoParser(io.fragscope.source.ReadLimits.DEFAULTS)
                    .parse(in.resolve("cache-01-" + last + ".txt")).fields().size();
            assertEquals(latestFields, fields.getLastRowNum(), "one row per field of the latest dump");
            assertEquals(shown.format(start.plusSeconds(300L * (n - 1))), fields.getRow(1).getCell(1).getStringCellValue());

            Sheet timeline = wb.getSheet("Timeline");
            // 2,100 dumps with a 2,000-row cap: every second dump, the restart and the latest one, then the note.
            int rows = timeline.getLastRowNum();
            assertTrue(rows >= 1_051 && rows <= 1_053, "rows " + rows);
            assertEquals("cache-01: " + String.format(java.util.Locale.ROOT, "%,d", rows - 1) + " of 2,100 dumps shown, evenly sampled (restarts and the latest dump always); "
                    + "timeline.csv has every dump.", timeline.getRow(rows).getCell(0).getStringCellValue());

            Sheet findings = wb.getSheet("Findings");
            // high-fragmentation, peak-above-current, allocator-fragmentation, restart-to-reclaim, restart-detected, tiny-instance: once each.
            List<String> codes = new ArrayList<>();
            for (int r = 1; r <= findings.getLastRowNum(); r++) codes.add(findings.getRow(r).getCell(1).getStringCellValue());
            assertEquals(codes.stream().distinct().count(), codes.size(), codes.toString());
            int restartRow = codes.indexOf("restart-to-reclaim") + 1;
            // First seen in the first copy of the fragmented sample (the fifth of ten), last seen in the latest dump.
            int firstFragmented = (4 * n + 9) / 10;
            assertEquals(shown.format(start.plusSeconds(300L * firstFragmented)), findings.getRow(restartRow).getCell(3).getStringCellValue());
            assertEquals(shown.format(start.plusSeconds(300L * (n - 1))), findings.getRow(restartRow).getCell(4).getStringCellValue());
            assertEquals((n - firstFragmented) + " / " + n, findings.getRow(restartRow).getCell(5).getStringCellValue());
        }
        assertEquals(n + 1, Files.readAllLines(out.resolve("timeline.csv")).size(), "timeline.csv has every dump");
        assertEquals(n + 1, Files.readAllLines(out.resolve("dumps.csv")).size());

        // The retention window: the last 24 hours of the newest dump (289 dumps at 5-minute steps), the rest skipped.
        Path recent = tmp.resolve("recent");
        assertEquals(0, run("analyze", "-q", "-f", "json", "--since", "24h", "-o", recent.toString(), in.toString()), stderr.toString());
        @SuppressWarnings("unchecked")
        var json = (java.util.Map<String, List<java.util.Map<String, Object>>>) Json.read(recent.resolve("summary.json"));
        assertEquals(289, json.get("dumps").size());
        long skipped = 0;
        for (var i : json.get("inputs")) if ("skipped".equals(i.get("status"))) skipped++;
        assertEquals(n - 289, skipped);
        assertEquals(2, run("analyze", "-q", "--since", "yesterday", "-o", recent.toString(), in.toString()));
    }

    /**
     * {@code dumps} dumps of one instance named {@code stem}, 5 minutes apart from {@code start}, from the first real
     * samples, with used_memory_rss and mem_fragmentation_ratio multiplied by {@code rssFactor} (so instances differ in
     * how fragmented they are) and a run_id of its own (the samples' is one server's).
     */
    static void instance(Path dir, String stem, Instant start, int dumps, double rssFactor) throws IOException {
        List<Path> real;
        try (Stream<Path> s = Files.list(Path.of("samples", "info"))) { real = s.sorted().toList(); }
        for (int i = 0; i < dumps; i++) {
            Instant t = start.plusSeconds(300L * i);
            StringBuilder sb = new StringBuilder();
            for (String line : Files.readAllLines(real.get(i % real.size()), StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.startsWith("used_memory_rss:")) l = "used_memory_rss:" + Math.round(Long.parseLong(l.substring(16)) * rssFactor);
                else if (l.startsWith("mem_fragmentation_ratio:")) l = String.format(java.util.Locale.ROOT, "mem_fragmentation_ratio:%.2f", Double.parseDouble(l.substring(24)) * rssFactor);
                else if (l.startsWith("server_time_usec:")) l = "server_time_usec:" + t.getEpochSecond() * 1_000_000;
                else if (l.startsWith("run_id:")) l = "run_id:" + String.format("%040x", new java.math.BigInteger(1, stem.getBytes(StandardCharsets.UTF_8)));
                sb.append(l).append("\r\n");
            }
            Files.writeString(dir.resolve(stem + "-" + NAME.format(t) + ".txt"), sb.toString());
        }
    }

    /** Eight instances: the Timeline charts the six worst (the Summary's order), and a row names the two without a chart. */
    @Test
    void theTimelineChartsTheWorstInstancesAndNamesTheOthers() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("fleet"));
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        // node-0 is the most fragmented, node-7 the least: alphabetical order would chart the wrong six.
        for (int k = 0; k < 8; k++) instance(in, "node-" + k, start, 3, 3.0 - k * 0.25);
        instance(in, "solo", start, 1, 5.0);   // the worst of all, with one dump: no line to draw, and said
        Path out = tmp.resolve("out8");
        assertEquals(0, run("analyze", "-q", "-f", "xlsx", "-o", out.toString(), in.toString()), stderr.toString());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            org.apache.poi.xssf.usermodel.XSSFSheet timeline = wb.getSheet("Timeline");
            List<String> titles = new ArrayList<>();
            for (var chart : timeline.getDrawingPatriarch().getCharts()) {
                titles.add(chart.getCTChart().getTitle().getTx().getRich().getPArray(0).getRArray(0).getT());
            }
            assertEquals(6, titles.size(), titles.toString());
            for (int k = 0; k < 6; k++) assertTrue(titles.get(k).contains("node-" + k), k + " in " + titles);
            String note = timeline.getRow(timeline.getLastRowNum() - 1).getCell(0).getStringCellValue();
            assertEquals("Charts are drawn for the 6 instances with the highest fragmentation (as the Summary orders them); 2 more have "
                    + "none: node-6, node-7. Their rows are above, and each has its own chart when analysed alone.", note);
            assertEquals("1 instance has a single dump, so no line to chart (the rows are above): solo.",
                    timeline.getRow(timeline.getLastRowNum()).getCell(0).getStringCellValue());
        }
    }

    /**
     * --since is each instance's own window: an instance whose dumps stopped three days before another's keeps its last
     * day, rather than leaving the report (and the pricing of its RDB) because another instance is newer.
     */
    @Test
    void theRetentionWindowIsCountedFromEachInstancesNewestDump() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("two"));
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        instance(in, "old-node", start, 400, 1.0);                          // 33 h 15 min of dumps
        instance(in, "new-node", start.plusSeconds(3 * 86_400), 400, 1.0);  // the same, three days later
        Path out = tmp.resolve("since");
        assertEquals(0, run("analyze", "-q", "-f", "json", "--since", "24h", "-o", out.toString(), in.toString()), stderr.toString());
        @SuppressWarnings("unchecked")
        var json = (java.util.Map<String, List<java.util.Map<String, Object>>>) Json.read(out.resolve("summary.json"));
        // each keeps the dumps of its last 24 hours: 289 at 5-minute steps
        java.util.Map<Object, Long> perInstance = new java.util.TreeMap<>();
        for (var d : json.get("dumps")) perInstance.merge(d.get("series"), 1L, Long::sum);
        assertEquals(java.util.Map.of("new-node", 289L, "old-node", 289L), perInstance);
        long skipped = json.get("inputs").stream().filter(i -> "skipped".equals(i.get("status"))).count();
        assertEquals(2 * (400 - 289), skipped);
    }
}
