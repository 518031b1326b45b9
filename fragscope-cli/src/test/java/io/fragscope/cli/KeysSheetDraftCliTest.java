package io.fragscope.cli;

import io.fragscope.testing.ForkedRun;
import io.fragscope.testing.LocalRedis;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's run on a file with more keys than the workbook's Keys sheet keeps (120,000 keys that Debian's
 * redis-server wrote, at -Xmx128m), with {@code --keys-sheet-rows 100000}: the Keys sheet is begun while the file is
 * read (it is the workbook's first part, sheet1.xml) with its 100,000 rows, the row that says how many were left out,
 * and keys.csv's first keys in the same order (the sheet read by streaming: 100,000 rows as a workbook object filled
 * the test heap beside the other tests). The default run on the same file shows the first 10,000 keys, the same as
 * keys.csv's first, and its Keys sheet lands where the whole workbook puts it, with the Summary sheet selected and
 * active and the print area set for the sheet where it ended.
 */
class KeysSheetDraftCliTest {
    @Test
    void aLargeRunsKeysSheetIsBegunWhileReadingAndEndsInItsPlace(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        try (LocalRedis r = LocalRedis.start(dir, "dump.rdb", "--enable-debug-command", "local")) {
            r.call("DEBUG", "POPULATE", "120000", "user:", "20");
            r.call("SAVE");
        }
        Path out = tmp.resolve("out");
        ForkedRun run = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx,csv", "--keys-sheet-rows", "100000", "-o", out.toString(),
                dir.resolve("dump.rdb").toString());
        assertEquals(0, run.exit(), run.err());

        // The Keys sheet was made first: its part is sheet1.xml, though it is not the first sheet.
        try (ZipFile z = new ZipFile(out.resolve("report.xlsx").toFile())) {
            String workbook = new String(z.getInputStream(z.getEntry("xl/workbook.xml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String rels = new String(z.getInputStream(z.getEntry("xl/_rels/workbook.xml.rels")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher keys = java.util.regex.Pattern.compile("<sheet name=\"Keys\" r:id=\"(rId\\d+)\" sheetId=\"1\"/>").matcher(workbook);
            assertTrue(keys.find(), "the Keys sheet is the first made: " + workbook);
            boolean first = false;
            java.util.regex.Matcher rel = java.util.regex.Pattern.compile("<Relationship [^>]*>").matcher(rels);
            while (rel.find()) {
                String r = rel.group();
                if (r.contains("Id=\"" + keys.group(1) + "\"") && r.matches(".*Target=\"[^\"]*worksheets/sheet1\\.xml\".*")) first = true;
            }
            assertTrue(first, rels);
        }

        List<String> csvKeys = new ArrayList<>();
        try (var lines = Files.lines(out.resolve("keys.csv"))) {
            lines.skip(1).limit(5).forEach(l -> csvKeys.add(l.split(",")[1]));
        }
        // 100,000 rows are too many to load as a workbook object in a test's heap beside the others: the sheet streams.
        KeysRows big = keysRows(out.resolve("report.xlsx"));
        assertEquals(100_001, big.lastRow(), "header, 100,000 keys and the truncation row");
        assertTrue(big.lastRowFirstCell().contains("100,000") && big.lastRowFirstCell().contains("120,000"), big.lastRowFirstCell());
        assertEquals(csvKeys, big.firstKeys().subList(0, csvKeys.size()));

        // The default: the first 10,000 keys, keys.csv's first 10,000 in its order.
        Path byDefault = tmp.resolve("default");
        run = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx,csv", "-o", byDefault.toString(), dir.resolve("dump.rdb").toString());
        assertEquals(0, run.exit(), run.err());
        List<String> first = new ArrayList<>();
        try (var lines = Files.lines(byDefault.resolve("keys.csv"))) {
            lines.skip(1).limit(10_000).forEach(l -> first.add(l.split(",")[1]));
        }
        DataFormatter f = new DataFormatter(java.util.Locale.ROOT);
        try (InputStream in = Files.newInputStream(byDefault.resolve("report.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) names.add(wb.getSheetName(i));
            assertEquals("Summary", names.get(0));
            assertEquals(List.of("Where memory sits", "Keys", "Inputs"), names.subList(names.size() - 3, names.size()), names.toString());
            assertEquals(0, wb.getActiveSheetIndex());
            for (int i = 0; i < wb.getNumberOfSheets(); i++) assertEquals(i == 0, wb.getSheetAt(i).isSelected(), names.get(i));
            // the print area and the filter were set for the sheet where it ended, not where it was made
            String area = wb.getPrintArea(wb.getSheetIndex("Keys"));
            assertTrue(area != null && area.startsWith("Keys!"), String.valueOf(area));
            Sheet keys = wb.getSheet("Keys");
            assertEquals(10_001, keys.getLastRowNum(), "header, 10,000 keys and the truncation row");
            String last = f.formatCellValue(keys.getRow(10_001).getCell(0));
            assertTrue(last.contains("10,000") && last.contains("120,000"), last);
            for (int i = 0; i < first.size(); i++) assertEquals(first.get(i), f.formatCellValue(keys.getRow(1 + i).getCell(2)), "key " + i);
        }
    }

    /** What the test reads of a workbook's Keys sheet: its last row's number, that row's first cell, column C of rows 1-5. */
    private record KeysRows(int lastRow, String lastRowFirstCell, List<String> firstKeys) {}

    /** Streams the Keys sheet (POI's event API: XSSFReader, XSSFSheetXMLHandler), holding only what it returns. */
    private static KeysRows keysRows(Path xlsx) throws Exception {
        try (org.apache.poi.openxml4j.opc.OPCPackage pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(xlsx.toFile(),
                org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
            org.apache.poi.xssf.eventusermodel.XSSFReader reader = new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg);
            var strings = new org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable(pkg);
            var sheets = (org.apache.poi.xssf.eventusermodel.XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (!sheets.getSheetName().equals("Keys")) continue;
                    int[] last = {-1};
                    String[] lastFirst = {""};
                    List<String> firstKeys = new ArrayList<>();
                    var rows = new org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler() {
                        int row;
                        @Override public void startRow(int r) { row = r; last[0] = r; }
                        @Override public void endRow(int r) {}
                        @Override public void cell(String ref, String value, org.apache.poi.xssf.usermodel.XSSFComment comment) {
                            int col = new org.apache.poi.ss.util.CellReference(ref).getCol();
                            if (col == 0) lastFirst[0] = value;
                            if (col == 2 && row >= 1 && row <= 5) firstKeys.add(value);
                        }
                    };
                    org.xml.sax.XMLReader xml = org.apache.poi.util.XMLHelper.newXMLReader();
                    xml.setContentHandler(new org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler(reader.getStylesTable(), strings, rows,
                            new DataFormatter(java.util.Locale.ROOT), false));
                    xml.parse(new org.xml.sax.InputSource(sheet));
                    return new KeysRows(last[0], lastFirst[0], firstKeys);
                }
            }
            throw new AssertionError("no Keys sheet in " + xlsx);
        }
    }
}
