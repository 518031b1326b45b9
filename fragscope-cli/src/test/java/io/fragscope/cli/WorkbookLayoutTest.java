package io.fragscope.cli;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The samples workbook in both languages as a reader sees it: units, headers, row heights, words, chart, print layout. */
class WorkbookLayoutTest {
    @TempDir static Path tmp;
    static Path en, zh;

    @BeforeAll
    static void write() {
        en = tmp.resolve("en");
        zh = tmp.resolve("zh");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"analyze", "-q", "-o", en.toString(), "samples"}, quiet, quiet));
        assertEquals(0, Main.run(new String[] {"analyze", "-q", "--lang", "zh", "-o", zh.toString(), "samples"}, quiet, quiet));
    }

    static XSSFWorkbook open(Path dir) throws IOException { return new XSSFWorkbook(Files.newInputStream(dir.resolve("report.xlsx"))); }

    @Test
    void everyByteFormatIsBinaryAndNoHeaderBreaksInsideAWord() throws IOException {
        for (Path dir : new Path[] {en, zh}) {
            try (XSSFWorkbook wb = open(dir)) {
                Set<String> formats = new HashSet<>();
                for (Sheet sh : wb) {
                    for (Row r : sh) for (Cell c : r) if (c.getCellType() == CellType.NUMERIC) formats.add(c.getCellStyle().getDataFormatString());
                    Row header = sh.getRow(0);
                    if (header == null || sh.getSheetName().equals(wb.getSheetName(0))) continue;
                    for (Cell c : header) {
                        if (c.getCellType() != CellType.STRING) continue;
                        // A column is as wide as its longest word (a CJK character counts two), plus the cell's padding.
                        for (String word : c.getStringCellValue().split("[\\s/]+")) {
                            int w = word.codePoints().map(cp -> cp >= 0x2e80 ? 2 : 1).max().orElse(0) == 2 ? 2 : word.length();
                            assertTrue(sh.getColumnWidth(c.getColumnIndex()) >= (w + 2) * 256,
                                    dir.getFileName() + "/" + sh.getSheetName() + ": '" + word + "' does not fit its column");
                        }
                    }
                }
                for (String f : formats) {
                    assertFalse(Pattern.compile("(?<![KMG]i)B\"|MB|GB|,,").matcher(f).find() && !f.equals("#,##0\" B\""), f);
                }
                assertTrue(formats.contains("#,##0.0\" MiB\""), formats.toString());
                assertTrue(formats.contains("#,##0.0\" KiB\""), formats.toString());
                assertTrue(formats.contains("#,##0\" B\""), formats.toString());
            }
        }
        try (XSSFWorkbook wb = open(en)) {
            // The reclaim plan leads the sheet; the instances table follows with its own header.
            Row header = wb.getSheet("Summary").getRow(AnalyzeInfoEndToEndTest.instancesRow(wb.getSheet("Summary"), "Instances") - 1);
            // "Fragmentation ratio": wide enough for "Fragmentation", so it wraps between the words.
            assertTrue(wb.getSheet("Summary").getColumnWidth(7) >= 15 * 256);
            assertEquals("Fragmentation ratio", header.getCell(7).getStringCellValue());
            String subtitle = wb.getSheet("Summary").getRow(1).getCell(0).getStringCellValue();
            assertTrue(subtitle.contains("10 INFO dumps of 1 instance, 2 key datasets"), subtitle);
        }
    }

    @Test
    void theChineseWorkbookIsChineseAndItsRowsFitItsText() throws IOException {
        try (XSSFWorkbook wb = open(zh)) {
            Sheet overview = wb.getSheet("键概览");
            assertNotNull(overview, "Keys overview in Chinese");
            Row rdb = overview.getRow(1);
            String reason = rdb.getCell(rdb.getLastCellNum() - 1).getStringCellValue();
            assertTrue(reason.startsWith("Redis 7.0 内存布局 (redis-ver 7.0.15，取自 RDB)；分配器 jemalloc-q16"), reason);
            assertFalse(reason.contains(" bundles") || reason.contains("layout") || reason.contains("allocator "), reason);
            assertEquals("RDB 版本 10，由 Redis 7.0.15 写入", rdb.getCell(io.fragscope.report.KeyTables.DATASETS.indexOf("format")).getStringCellValue());

            Sheet top = wb.getSheet("大键排行");
            assertNotNull(top);
            Set<String> exactness = new HashSet<>();
            for (int r = 1; r <= top.getLastRowNum(); r++) exactness.add(top.getRow(r).getCell(13).getStringCellValue());
            assertEquals(Set.of("精确", "模型估算"), exactness);

            Sheet inputs = wb.getSheet("输入");
            assertEquals("不是 Redis INFO 快照、RDB 文件或键大小清单", inputs.getRow(1).getCell(3).getStringCellValue());

            // The Summary row is as tall as its longest wrapped text needs at two columns per Chinese character.
            Row row = wb.getSheetAt(0).getRow(4);
            Cell findings = row.getCell(8);
            int width = wb.getSheetAt(0).getColumnWidth(8) / 256;
            int units = 0, lines = 0;
            for (String line : findings.getStringCellValue().split("\n")) {
                units = line.codePoints().map(cp -> cp >= 0x2e80 ? 2 : 1).sum();
                lines += Math.max(1, (int) Math.ceil(units * 0.8 / width));
            }
            assertTrue(row.getHeightInPoints() >= lines * 12, row.getHeightInPoints() + " pt for " + lines + " lines");
        }
    }

    @Test
    void theTimelineIsTimeScaledWithRestartsTheThresholdAndAxisTitles() throws IOException {
        try (XSSFWorkbook wb = open(en)) {
            XSSFSheet tl = wb.getSheet("Timeline");
            // Capture times are dates (numbers), so the chart can place them on a time axis.
            assertEquals(CellType.NUMERIC, tl.getRow(1).getCell(1).getCellType());
            assertTrue(tl.getRow(1).getCell(1).getLocalDateTimeCellValue().toString().startsWith("2026-11-24T04:29:23"));
            // The first dump is an empty server (ratio 8.02): its ratio is not charted, so it cannot set the scale.
            assertEquals(8.02, tl.getRow(1).getCell(4).getNumericCellValue(), 1e-9);
            assertEquals(CellType.BLANK, tl.getRow(1).getCell(9).getCellType());
            assertEquals(1.77, tl.getRow(2).getCell(9).getNumericCellValue(), 1e-9);
            assertEquals("restart", tl.getRow(4).getCell(6).getStringCellValue());
            assertEquals(0, tl.getRow(4).getCell(10).getNumericCellValue());
            assertEquals(1.5, tl.getRow(7).getCell(11).getNumericCellValue());

            XSSFChart chart = tl.getDrawingPatriarch().getCharts().get(0);
            CTPlotArea plot = chart.getCTChart().getPlotArea();
            assertEquals(2, plot.sizeOfScatterChartArray(), "bytes on the left axis, ratios on the right");
            assertEquals(0, plot.sizeOfLineChartArray(), "a line chart would space dumps evenly");
            assertEquals(4, plot.sizeOfValAxArray());
            Set<String> titles = new HashSet<>();
            for (var ax : plot.getValAxList()) if (ax.isSetTitle()) titles.add(ax.getTitle().getTx().getRich().getPArray(0).getRArray(0).getT());
            assertEquals(Set.of("Captured at (UTC)", "Memory (MiB)", "Fragmentation ratio"), titles);
            assertEquals("hh:mm:ss", plot.getValAxArray(0).getNumFmt().getFormatCode(), "14 seconds of samples: seconds on the axis");
            Set<String> series = new HashSet<>();
            for (var sc : plot.getScatterChartList()) for (var s : sc.getSerList()) series.add(s.getTx().getV());
            assertEquals(Set.of("RSS", "used_memory", "Fragmentation ratio", "Threshold", "Restart marker"), series);
            // the measured ratio is marked (a dump between two left out still shows), the threshold is a line only
            java.util.Map<String, String> symbols = new java.util.HashMap<>();
            for (var sc : plot.getScatterChartList()) for (var s : sc.getSerList()) symbols.put(s.getTx().getV(), s.getMarker().getSymbol().getVal().toString());
            assertEquals("diamond", symbols.get("Fragmentation ratio"));
            assertEquals("none", symbols.get("Threshold"));
            assertEquals("gap", chart.getCTChart().getDispBlanksAs().getVal().toString());
        }
    }

    @Test
    void findingsAppearOncePerInstanceAndPrintingStopsAtTheKeysSheetsFirstRows() throws IOException {
        try (XSSFWorkbook wb = open(en)) {
            Sheet f = wb.getSheet("Findings");
            Set<String> seen = new HashSet<>();
            for (int r = 1; r <= f.getLastRowNum(); r++) {
                Row row = f.getRow(r);
                assertTrue(seen.add(row.getCell(2).getStringCellValue() + "/" + row.getCell(1).getStringCellValue()
                        + "/" + row.getCell(row.getLastCellNum() - 1).getStringCellValue()), "repeated: " + row.getCell(1));
            }
            int restart = -1;
            for (int r = 1; r <= f.getLastRowNum(); r++) if (f.getRow(r).getCell(1).getStringCellValue().equals("restart-to-reclaim")) restart = r;
            assertEquals("2026-11-24 04:29:31", f.getRow(restart).getCell(3).getStringCellValue());
            assertEquals("2026-11-24 04:29:37", f.getRow(restart).getCell(4).getStringCellValue());
            assertEquals("6 / 10", f.getRow(restart).getCell(5).getStringCellValue());
            // high-fragmentation: critical in three dumps (4.62 … 4.17), warning in the latest (3.37): the row is the latest's
            int high = -1;
            for (int r = 1; r <= f.getLastRowNum(); r++) if (f.getRow(r).getCell(1).getStringCellValue().equals("high-fragmentation")) high = r;
            assertEquals("warning", f.getRow(high).getCell(0).getStringCellValue());
            assertTrue(f.getRow(high).getCell(6).getStringCellValue().startsWith("mem_fragmentation_ratio is 3.37"), f.getRow(high).getCell(6).getStringCellValue());
            assertEquals("7 / 10 (critical in an earlier dump)", f.getRow(high).getCell(5).getStringCellValue());

            int keys = wb.getSheetIndex("Keys");
            assertEquals("Keys!$A$1:$M$201", wb.getPrintArea(keys));
            assertTrue(wb.getSheetAt(keys).getFitToPage());
            // a sheet printed two pages wide prints over, then down: a row's halves on consecutive pages
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                if (wb.getSheetAt(i).getFitToPage()) assertTrue(wb.getSheetAt(i).getPrintSetup().getLeftToRight(), wb.getSheetName(i));
            }
            assertTrue(wb.getSheet("Summary").getPrintSetup().getLeftToRight());
        }
    }

    /**
     * Several instances' timelines print each chart whole on one page: the charts sit below the header row that printing
     * repeats on every page, and a page break ends each chart's band. Before, the second chart of five was cut between two
     * pages and the first drawn across every page's top (LibreOffice's PDF of the workbook, looked at).
     */
    @Test
    void eachTimelineChartPrintsWholeOnAPageOfItsOwn() throws IOException {
        // The samples' ten dumps as three instances: real dumps whose run_id (and port) differ per copy.
        Path in = tmp.resolve("three-instances");
        Files.createDirectories(in);
        try (var dumps = Files.list(Path.of("samples/info"))) {
            for (Path f : (Iterable<Path>) dumps::iterator) {
                String text = Files.readString(f);
                for (int n = 1; n <= 3; n++) {
                    String copy = n == 1 ? text : text.replaceAll("(?m)^run_id:.", "run_id:" + n).replaceAll("(?m)^tcp_port:.*", "tcp_port:638" + n);
                    Files.writeString(in.resolve(f.getFileName().toString().replace("cache-01", "cache-0" + n)), copy);
                }
            }
        }
        Path out = tmp.resolve("three-out");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"analyze", "-q", "-o", out.toString(), in.toString()}, quiet, quiet));
        try (XSSFWorkbook wb = open(out)) {
            XSSFSheet tl = wb.getSheet("Timeline");
            assertEquals(30, tl.getLastRowNum(), "a header (row 0) and thirty dumps");
            java.util.List<int[]> anchors = new java.util.ArrayList<>();
            for (var shape : tl.getDrawingPatriarch().getShapes()) {
                var a = (org.apache.poi.xssf.usermodel.XSSFClientAnchor) shape.getAnchor();
                anchors.add(new int[] {a.getRow1(), a.getRow2()});
            }
            anchors.sort(java.util.Comparator.comparingInt(a -> a[0]));
            assertEquals(3, anchors.size(), "a chart per instance");
            int[] breaks = tl.getRowBreaks();
            assertEquals(3, breaks.length, java.util.Arrays.toString(breaks));
            int pageStart = 1;   // row 0 is the header, repeated on every page
            for (int i = 0; i < 3; i++) {
                int[] a = anchors.get(i);
                assertTrue(a[0] >= pageStart && a[1] <= breaks[i], "chart " + i + " rows " + a[0] + "-" + a[1] + " within page rows "
                        + pageStart + "-" + breaks[i]);
                pageStart = breaks[i] + 1;
            }
            assertEquals(0, tl.getRepeatingRows().getFirstRow(), "the header row repeats on each page");
            assertEquals(0, tl.getRepeatingRows().getLastRow());
        }
    }
}
