package io.fragscope.cli;

import io.fragscope.report.KeyTables;
import io.fragscope.testing.Json;
import io.fragscope.testing.SharedFiles;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Redis 3.2's INFO has no used_memory_startup: the memory the keys do not explain then includes startup memory, and
 * every place that shows it says so (the finding's words, datasets.csv, summary.json, the workbook) instead of
 * subtracting -1. Redis 4.0.14, which reports it, keeps "besides startup memory" with the figure subtracted.
 */
class UnknownStartupMemoryTest {
    @TempDir Path tmp;

    /** analyze on the build's folder (its dump.rdb, INFO dumps and keys.csv), in English unless {@code lang} says. */
    private Path analyze(String build, String lang) {
        Path out = tmp.resolve(build + "-" + lang);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "--lang", lang, "-f", "csv,json,xlsx", "-o", out.toString(),
                SharedFiles.groundTruth().resolve(build).toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        // 3.2's keys.csv has an empty memory_usage column (no MEMORY USAGE before 4.0): that listing is partial, exit 2.
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(build.startsWith("3.2.") ? 2 : 0, code, e);
        if (code == 2) assertTrue(e.contains("keys.csv: 8018 of 8018 keys have no size"), e);
        return out;
    }

    private static CSVRecord rdbFinding(Path out) throws IOException {
        return AnalyzeInfoEndToEndTest.csv(out.resolve("findings.csv")).stream()
                .filter(f -> f.get("code").equals("estimate-unexplained") && f.get("source").endsWith("dump.rdb")).findFirst().orElseThrow();
    }

    private static CSVRecord rdbRow(Path out) throws IOException {
        return AnalyzeInfoEndToEndTest.csv(out.resolve("datasets.csv")).stream().filter(r -> r.get("kind").equals("rdb")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rdbReconciliation(Path out) throws IOException {
        Map<String, Object> json = (Map<String, Object>) Json.read(out.resolve("summary.json"));
        for (Object d : (List<Object>) json.get("datasets")) {
            Map<String, Object> ds = (Map<String, Object>) d;
            if ("rdb".equals(ds.get("kind"))) return (Map<String, Object>) ds.get("reconciliation");
        }
        throw new AssertionError("no rdb dataset in summary.json");
    }

    /** A share as the finding prints it: two decimals, as exact as the figure (11.96 %, not 12.00 %). */
    private static String pct(long part, long of) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", part * 100.0 / of);
    }

    @Test
    void redis32HasNoStartupMemoryToSubtractAndSaysSo() throws IOException {
        Path build = SharedFiles.groundTruth().resolve("3.2.13-jemalloc");
        assertFalse(Files.readString(build.resolve("info-reloaded.txt")).contains("used_memory_startup"), "the premise: 3.2 has none");
        Path out = analyze("3.2.13-jemalloc", "en");

        CSVRecord row = rdbRow(out);
        long used = Long.parseLong(row.get("info_used_memory"));
        long estimated = Long.parseLong(row.get("estimated_used_memory"));
        assertEquals(6870048, used, "used_memory of info-reloaded.txt");
        assertEquals("", row.get("info_used_memory_startup"), "not known, not -1");
        // Nothing subtracted for startup (the old figure subtracted -1, one byte more)
        assertEquals(used - estimated, Long.parseLong(row.get("unexplained_bytes")));

        CSVRecord f = rdbFinding(out);
        String message = f.get("message");
        assertFalse(message.contains("besides startup memory"), message);
        assertTrue(message.contains("startup memory is not known (the INFO dump has no used_memory_startup: Redis before 4.0 does not report it), "
                + "so the 802 KiB (" + pct(used - estimated, used) + ") they do not explain includes it"), message);
        assertTrue(f.get("action").startsWith("Where INFO has no used_memory_overhead either (Redis before 4.0), look at client buffers"), f.get("action"));
        assertEquals("estimated_used_memory=" + estimated + "; used_memory=" + used + "; unexplained_bytes=" + (used - estimated), f.get("evidence"));

        Map<String, Object> rec = rdbReconciliation(out);
        assertTrue(rec.containsKey("used_memory_startup"));
        assertNull(rec.get("used_memory_startup"));
        assertEquals(used - estimated, ((Number) rec.get("unexplained_bytes")).longValue());

        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            Row r = wb.getSheet("Keys overview").getRow(1);
            assertEquals("used_memory_startup (INFO)", wb.getSheet("Keys overview").getRow(0)
                    .getCell(KeyTables.DATASETS.indexOf("info_used_memory_startup")).getStringCellValue());
            var startup = r.getCell(KeyTables.DATASETS.indexOf("info_used_memory_startup"));
            assertTrue(startup == null || startup.getStringCellValue().isEmpty(), "blank startup cell");
            // MiB in the cell: value × 1,048,576 is the byte count
            assertEquals(used - estimated, Math.round(r.getCell(KeyTables.DATASETS.indexOf("unexplained_bytes")).getNumericCellValue() * 1048576));
        }

        String zh = rdbFinding(analyze("3.2.13-jemalloc", "zh")).get("message");
        assertFalse(zh.contains("除启动内存外"), zh);
        assertTrue(zh.contains("启动内存未知（该 INFO 快照没有 used_memory_startup：Redis 4.0 之前不报告此字段），因此这些键无法解释的 802 KiB（" + pct(used - estimated, used) + "）包含启动内存"), zh);
    }

    @Test
    void redis40SubtractsTheStartupMemoryItReports() throws IOException {
        Path out = analyze("4.0.14-jemalloc", "en");
        CSVRecord row = rdbRow(out);
        long used = Long.parseLong(row.get("info_used_memory"));
        long startup = Long.parseLong(row.get("info_used_memory_startup"));
        long estimated = Long.parseLong(row.get("estimated_used_memory"));
        assertEquals(786840, startup, "used_memory_startup of info-reloaded.txt");
        assertEquals(used - startup - estimated, Long.parseLong(row.get("unexplained_bytes")));
        CSVRecord f = rdbFinding(out);
        assertTrue(f.get("message").contains("; besides startup memory, 48.8 KiB (" + pct(used - startup - estimated, used) + ") is not explained by them"),
                f.get("message"));
        assertTrue(f.get("action").startsWith("Look at used_memory_overhead"), f.get("action"));
        assertTrue(f.get("evidence").contains("; used_memory_startup=786840; unexplained_bytes=" + (used - startup - estimated)), f.get("evidence"));
        assertEquals(startup, ((Number) rdbReconciliation(out).get("used_memory_startup")).longValue());
    }
}
