package io.fragscope.cli;

import org.apache.commons.csv.CSVRecord;
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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The README's first command: the jar's main entry on samples/, and what a reader finds in the workbook. */
class AnalyzeSamplesEndToEndTest {
    @TempDir Path out;

    @Test
    void samplesGiveTheWholeChainFromKeysToRss() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "-f", "xlsx,csv,json", "-o", out.toString(), "samples"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        // The listing is of cache-01 (reconciled with its dump), as the RDB is: one instance label, not the listing's path.
        String prom = Files.readString(out.resolve("fragscope.prom"));
        assertTrue(prom.contains("fragscope_dataset_keys{dataset=\"samples/keys/keys-memory-usage.csv\",instance=\"cache-01\"} 25008"), prom);
        assertTrue(prom.contains("fragscope_dataset_keys{dataset=\"samples/rdb/dump.rdb\",instance=\"cache-01\"} 25008"), prom);
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("Summary", "RSS breakdown", "Timeline", "Findings", "Keys overview", "By type", "By encoding",
                    "By db", "By prefix", "Size classes", "Top keys", "Allocator what-if", "Where memory sits", "Keys", "INFO fields", "Inputs"), names);
            Sheet summary = wb.getSheet("Summary");
            // The reclaim plan leads: the one instance's steps in order of effort, the defrag one refused on Debian's build.
            assertTrue(summary.getRow(2).getCell(0).getStringCellValue().startsWith("Reclaim plan"));
            assertEquals("cache-01", summary.getRow(4).getCell(0).getStringCellValue());
            assertEquals("MEMORY PURGE", summary.getRow(4).getCell(2).getStringCellValue());
            assertEquals("Active defrag", summary.getRow(5).getCell(2).getStringCellValue());
            assertEquals("no", summary.getRow(5).getCell(3).getStringCellValue());
            assertEquals("Restart / failover", summary.getRow(6).getCell(2).getStringCellValue());
            // Byte cells hold MiB (the exact bytes are value × 1,048,576).
            assertTrue(summary.getRow(6).getCell(4).getNumericCellValue() > 50, "most of the 138 MB RSS comes back on a restart");
            int i = AnalyzeInfoEndToEndTest.instancesRow(summary, "Instances");
            assertEquals("warning", summary.getRow(i).getCell(0).getStringCellValue());
            assertEquals("cache-01", summary.getRow(i).getCell(1).getStringCellValue());
            assertTrue(summary.getRow(i).getCell(8).getStringCellValue().contains("restart-to-reclaim"));
            // Below the instances, the key datasets with their own findings.
            assertEquals("Key datasets (RDB files and listings)", summary.getRow(i + 3).getCell(0).getStringCellValue());
            List<String> files = new ArrayList<>();
            for (int r = i + 5; r <= summary.getLastRowNum(); r++) files.add(summary.getRow(r).getCell(1).getStringCellValue());
            // named below the folder given (samples/), as every sheet names them
            assertEquals(List.of("keys/keys-memory-usage.csv", "rdb/dump.rdb"), files.stream().sorted().toList());
            assertTrue(summary.getRow(i + 5).getCell(8).getStringCellValue().contains("rounding-waste"));
            for (String sheet : List.of("RSS breakdown", "Timeline", "By type", "By prefix", "Size classes", "Allocator what-if")) {
                assertNotNull(wb.getSheet(sheet).getDrawingPatriarch(), sheet + " has a chart");
                assertFalse(((org.apache.poi.xssf.usermodel.XSSFSheet) wb.getSheet(sheet)).getDrawingPatriarch().getCharts().isEmpty(), sheet);
            }
            Sheet overview = wb.getSheet("Keys overview");
            assertEquals(25008, (long) overview.getRow(1).getCell(io.fragscope.report.KeyTables.DATASETS.indexOf("keys")).getNumericCellValue());
            // The Keys sheet shows the first 10,000 of both datasets' keys (--keys-sheet-rows), then says how many there are.
            Sheet keys = wb.getSheet("Keys");
            assertEquals(10_001, keys.getLastRowNum(), "10,000 keys and the truncation row, header excluded");
            assertEquals("The first 10,000 of 50,016 keys are shown; every key is in keys.csv (run with -f csv).",
                    keys.getRow(10_001).getCell(0).getStringCellValue());
            assertEquals(1, overview.getPaneInformation().getHorizontalSplitPosition(), "frozen header row");
            assertNotNull(((org.apache.poi.xssf.usermodel.XSSFSheet) overview).getCTWorksheet().getAutoFilter(), "filter");
        }
        List<CSVRecord> datasets = AnalyzeInfoEndToEndTest.csv(out.resolve("datasets.csv"));
        CSVRecord rdb = datasets.stream().filter(r -> r.get("kind").equals("rdb")).findFirst().orElseThrow();
        assertEquals("jemalloc-q16", rdb.get("allocator"));
        long estimated = Long.parseLong(rdb.get("estimated_used_memory"));
        long infoUsed = Long.parseLong(rdb.get("info_used_memory"));
        assertTrue(estimated < infoUsed && estimated > infoUsed / 2, estimated + " of " + infoUsed);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"matched_by\" : \"rdb_last_save_time = ctime"));
        assertEquals(2 * 25008 + 1, Files.readAllLines(out.resolve("keys.csv")).size());
        // The dataset findings on real files: Debian's 16-byte quantum wastes over 10% to rounding; the keys
        // explain all of used_memory but startup memory and a few hundred KiB.
        List<CSVRecord> findings = AnalyzeInfoEndToEndTest.csv(out.resolve("findings.csv"));
        CSVRecord waste = findings.stream().filter(f -> f.get("scope").equals("dataset") && f.get("code").equals("rounding-waste")
                && f.get("source").endsWith("dump.rdb")).findFirst().orElseThrow();
        assertTrue(waste.get("evidence").contains("best_allocator=jemalloc"), waste.toString());
        CSVRecord unexplained = findings.stream().filter(f -> f.get("code").equals("estimate-unexplained") && f.get("source").endsWith("dump.rdb"))
                .findFirst().orElseThrow();
        assertEquals("info", unexplained.get("severity"));
    }

    @Test
    void aTruncatedRdbIsAnalysedAsFarAsItGoesAndFlaggedPartial() throws IOException {
        byte[] rdb = Files.readAllBytes(Path.of("samples", "rdb", "dump.rdb"));
        Path cut = Files.write(out.resolveSibling(out.getFileName() + "-cut.rdb"), java.util.Arrays.copyOf(rdb, rdb.length / 3));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "-f", "json", "-o", out.toString(), cut.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String[] lines = err.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(1, lines.length);
        assertTrue(lines[0].startsWith("fragscope analyze: partial: " + cut + ": offset "), lines[0]);
        assertTrue(lines[0].contains(": truncated: ") && lines[0].contains("(key '"), lines[0]);
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"status\" : \"partial\""));
        assertTrue(json.contains("\"complete\" : false"));
        java.util.regex.Matcher keys = java.util.regex.Pattern.compile("\"keys\" : (\\d+),").matcher(json);
        assertTrue(keys.find());
        long read = Long.parseLong(keys.group(1));
        assertTrue(read > 1000 && read < 25008, "keys before the cut: " + read);
    }
}
