package io.fragscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fragscope.testing.SharedFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the CLI's entry point on real INFO dumps and opens what it wrote, as a reader would. */
class AnalyzeInfoEndToEndTest {

    @TempDir Path tmp;
    Path in;
    Path out;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void copyRealDumps() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        out = tmp.resolve("out");
        Path gt = SharedFiles.groundTruth();
        // A cron-style series of one instance (empty, then loaded: two runs, so a restart) and another instance.
        Files.copy(gt.resolve("7.0.15-debian/info-empty.txt"), in.resolve("cache-20261101-000000.txt"));
        Files.copy(gt.resolve("7.0.15-debian/info-reloaded.txt"), in.resolve("cache-20261102-000000.txt"));
        Files.copy(gt.resolve("3.2.13-jemalloc/info-reloaded.txt"), in.resolve("legacy.txt"));
    }

    int run(String... args) {
        return Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    String err() { return stderr.toString(StandardCharsets.UTF_8); }

    @Test
    void workbookAnswersWhatIsWrongFirstWithChartsFrozenHeadersAndFilters() throws IOException {
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), in.toString()), err());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("Summary", "RSS breakdown", "Timeline", "Findings", "INFO fields", "Inputs"), names);
            Sheet summary = wb.getSheet("Summary");
            assertEquals(4, summary.getPaneInformation().getHorizontalSplitPosition());
            assertNotNull(((XSSFSheet) summary).getCTWorksheet().getAutoFilter());
            // Worst first: the Debian instance (ratio 2.72) before the 3.2 one.
            // The reclaim plan leads (frozen header above); the instances follow under their title.
            int i = instancesRow(summary, "Instances");
            // info: its 2.72 is the process's fixed overhead over 6.5 MiB of data, no part of the gap large enough to act on
            assertEquals("info", summary.getRow(i).getCell(0).getStringCellValue());
            assertEquals("cache", summary.getRow(i).getCell(1).getStringCellValue());
            // MiB in the cell, exactly: value × 1,048,576 is the byte count.
            assertEquals(18399232, summary.getRow(i).getCell(6).getNumericCellValue() * 1048576);
            assertEquals(2.72, summary.getRow(i).getCell(7).getNumericCellValue(), 1e-9);
            assertTrue(summary.getRow(i).getCell(8).getStringCellValue().contains("high-fragmentation"));
            // 243 KiB of allocator fragmentation: the gap is fixed overhead, not something a restart reclaims.
            assertEquals("Nothing to do.", summary.getRow(i).getCell(9).getStringCellValue());
            assertFalse(summary.getRow(i).getCell(9).getStringCellValue().contains("FAILOVER"));
            assertEquals("ok", summary.getRow(i + 1).getCell(0).getStringCellValue());
            assertEquals(XlsxBytesFormat.EXPECTED, summary.getRow(i).getCell(6).getCellStyle().getDataFormatString());

            List<XSSFChart> breakdownCharts = wb.getSheet("RSS breakdown").getDrawingPatriarch().getCharts();
            assertEquals(1, breakdownCharts.size());
            assertEquals(7, breakdownCharts.get(0).getChartSeries().get(0).getSeriesCount());
            List<XSSFChart> timeline = wb.getSheet("Timeline").getDrawingPatriarch().getCharts();
            assertEquals(1, timeline.size(), "one chart for the one series with two dumps");
            assertEquals(2, timeline.get(0).getChartSeries().size(), "bytes on the left axis, ratio on the right");
            Sheet tl = wb.getSheet("Timeline");
            assertEquals("restart", tl.getRow(2).getCell(6).getStringCellValue());
        }
    }

    @Test
    void csvAndJsonCarryRawBytesAndEveryField() throws IOException {
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), "-f", "csv", "--format", "json", in.toString()), err());
        assertFalse(Files.exists(out.resolve("report.xlsx")));
        List<CSVRecord> dumps = csv(out.resolve("dumps.csv"));
        assertEquals(3, dumps.size());
        CSVRecord debian = dumps.stream().filter(r -> r.get("source").endsWith("cache-20261102-000000.txt")).findFirst().orElseThrow();
        assertEquals("18399232", debian.get("used_memory_rss"));
        assertEquals("6808248", debian.get("used_memory"));
        assertTrue(debian.get("finding_codes").contains("high-fragmentation"));
        assertTrue(csv(out.resolve("findings.csv")).stream().anyMatch(r -> r.get("code").equals("restart-detected")));
        assertEquals(3, csv(out.resolve("timeline.csv")).size());

        String json = Files.readString(out.resolve("summary.json"));
        JsonParser p = new JsonFactory().createParser(json);
        int dumpsSeen = 0;
        boolean sawFields = false;
        while (p.nextToken() != null) {
            if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("ratio_computed")) dumpsSeen++;
            if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("mem_allocator") && p.getParsingContext().getParent().inArray()) sawFields = true;
        }
        assertEquals(3, dumpsSeen);
        assertTrue(sawFields);
        assertTrue(json.contains("\"status\" : \"ok\""));
        assertTrue(json.contains("\"code\" : \"high-fragmentation\""));
    }

    @Test
    void failOnConditionExitsOneAndStillWritesTheReport() {
        assertEquals(1, run("analyze", "-q", "-o", out.toString(), "--fail-on", "mem_fragmentation_ratio>1.5", in.toString()));
        assertTrue(Files.exists(out.resolve("report.xlsx")));
        assertTrue(err().contains("--fail-on mem_fragmentation_ratio>1.5 holds"), err());
        stderr.reset();
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), "--fail-on", "mem_fragmentation_ratio>3", "--fail-on", "critical", in.toString()));
        assertEquals(1, run("analyze", "-q", "-o", out.toString(), "--fail-on", "high-fragmentation", in.toString()));
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), "--fail-on", "restart-to-reclaim", in.toString()));
    }

    @Test
    void anUnreadableInputIsNamedExitsTwoAndTheRestIsReported() throws IOException {
        Path junk = Files.write(tmp.resolve("junk.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff});
        assertEquals(2, run("analyze", "-q", "-o", out.toString(), in.toString(), junk.toString()));
        String[] lines = err().trim().split("\n");
        assertEquals(1, lines.length, err());
        assertTrue(lines[0].startsWith("fragscope analyze: " + junk + ": not a Redis INFO dump"), lines[0]);
        assertFalse(err().contains("Exception"));
        assertTrue(Files.exists(out.resolve("report.xlsx")));
    }

    @Test
    void anOutputFolderThatCannotBeWrittenFailsBeforeAnyWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertEquals(2, run("analyze", "-q", "-o", file.resolve("sub").toString(), in.toString()));
        assertTrue(err().startsWith("fragscope analyze: output folder"), err());
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        assertEquals(2, run("analyze", "-f", "pdf", in.toString()));
        assertEquals("fragscope analyze: unknown format 'pdf' (choose xlsx, csv or json) (see fragscope analyze --help)", err().trim());
        stderr.reset();
        assertEquals(2, run("analyze", "--fail-on", "nonsense-code", in.toString()));
        assertTrue(err().contains("neither FIELD>NUMBER"), err());
    }

    @Test
    void chineseReportUsesTheChineseBundle() throws IOException {
        assertEquals(0, run("analyze", "-q", "--lang", "zh", "-o", out.toString(), in.toString()), err());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            assertEquals("概览", wb.getSheetName(0));
            int i = instancesRow(wb.getSheetAt(0), "实例概况");
            assertEquals("提示", wb.getSheetAt(0).getRow(i).getCell(0).getStringCellValue());
            assertTrue(wb.getSheetAt(0).getRow(i).getCell(8).getStringCellValue().contains("mem_fragmentation_ratio 为 2.72"));
            assertEquals("无需处理。", wb.getSheetAt(0).getRow(i).getCell(9).getStringCellValue());
            assertEquals("主动碎片整理", wb.getSheetAt(0).getRow(5).getCell(2).getStringCellValue());
        }
    }

    @Test
    void aFieldValueShapedLikeAFormulaStaysText() throws IOException {
        String hostile = Files.readString(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt"))
                .replaceAll("(?m)^os:[^\\r\\n]*", "os:=HYPERLINK(\"http://x\",\"click\")");
        Path f = Files.writeString(in.resolve("hostile.txt"), hostile);
        assertEquals(0, run("analyze", "-q", "-f", "xlsx,csv", "-o", out.toString(), f.toString()), err());
        CSVRecord os = csv(out.resolve("fields.csv")).stream().filter(r -> r.get("field").equals("os")).findFirst().orElseThrow();
        assertEquals("'=HYPERLINK(\"http://x\",\"click\")", os.get("value"));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            Sheet fields = wb.getSheet("INFO fields");
            Cell value = null;
            for (var row : fields) if (row.getCell(3) != null && "os".equals(row.getCell(3).getStringCellValue())) value = row.getCell(4);
            assertNotNull(value);
            assertEquals(CellType.STRING, value.getCellType());
            assertEquals("=HYPERLINK(\"http://x\",\"click\")", value.getStringCellValue());
            assertTrue(value.getCellStyle().getQuotePrefixed());
        }
    }

    @Test
    void noArgumentsPrintsWorkedExamples() {
        assertEquals(2, Main.run(new String[0], new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("--fail-on 'mem_fragmentation_ratio>1.5'"));
    }

    static List<CSVRecord> csv(Path p) throws IOException {
        try (Reader r = Files.newBufferedReader(p); CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return parser.getRecords();
        }
    }

    /** The byte format the workbook promises in the README. */
    static final class XlsxBytesFormat {
        static final String EXPECTED = "#,##0.0\" MiB\"";
    }

    /** The first instance row of the Summary sheet: two rows under the "Instances" title (title, header). */
    @Test
    void modelOptionsAreCheckedBeforeAnyInputIsRead(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        for (String[] bad : new String[][] {{"--allocator", "bogus"}, {"--redis-version", "banana"}, {"--prefix-separators", ""},
                {"--listing-format", "foo"}, {"--columns", "bogus"}, {"--columns", "keyname=Key"}}) {
            stderr.reset();
            assertEquals(2, run("analyze", "-q", "-o", out.toString(), bad[0], bad[1], "samples/info"), String.join(" ", bad));
            String err = stderr.toString(StandardCharsets.UTF_8);
            assertTrue(err.startsWith("fragscope analyze: " + bad[0]), err);
            assertEquals(1, err.strip().lines().count(), err);
            assertFalse(Files.exists(out.resolve("report.xlsx")), "no report for a usage error");
        }
        assertEquals(0, run("analyze", "-q", "-o", out.toString(), "--allocator", "jemalloc-3.6", "--redis-version", "valkey-9.0", "samples/info"));
    }

    static int instancesRow(Sheet summary, String title) {
        for (int r = 0; r <= summary.getLastRowNum(); r++) {
            var row = summary.getRow(r);
            if (row != null && row.getCell(0) != null && title.equals(row.getCell(0).getStringCellValue())) return r + 2;
        }
        throw new AssertionError("no '" + title + "' table on the Summary sheet");
    }
}
