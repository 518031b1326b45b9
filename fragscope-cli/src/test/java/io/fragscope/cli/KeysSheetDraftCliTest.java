package io.fragscope.cli;

import io.fragscope.testing.ForkedRun;
import io.fragscope.testing.LocalRedis;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
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
 * read (it is the workbook's first part, sheet1.xml) and lands where the whole workbook puts it, with its 100,000 rows,
 * the row that says how many were left out, the Summary sheet selected and active, and keys.csv's first keys in the
 * same order. The default run on the same file shows the first 10,000 keys, the same as keys.csv's first.
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
        DataFormatter f = new DataFormatter(java.util.Locale.ROOT);
        try (InputStream in = Files.newInputStream(out.resolve("report.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) names.add(wb.getSheetName(i));
            assertEquals("Summary", names.get(0));
            assertEquals(List.of("Where memory sits", "Keys", "Inputs"), names.subList(names.size() - 3, names.size()), names.toString());
            assertEquals(0, wb.getActiveSheetIndex());
            for (int i = 0; i < wb.getNumberOfSheets(); i++) assertEquals(i == 0, wb.getSheetAt(i).isSelected(), names.get(i));
            Sheet keys = wb.getSheet("Keys");
            assertEquals(100_001, keys.getLastRowNum(), "header, 100,000 keys and the truncation row");
            Row last = keys.getRow(100_001);
            assertTrue(f.formatCellValue(last.getCell(0)).contains("100,000") && f.formatCellValue(last.getCell(0)).contains("120,000"),
                    f.formatCellValue(last.getCell(0)));
            for (int i = 0; i < csvKeys.size(); i++) assertEquals(csvKeys.get(i), f.formatCellValue(keys.getRow(1 + i).getCell(2)), "key " + i);
            // the print area and the filter were set for the sheet where it ended, not where it was made
            String area = wb.getPrintArea(wb.getSheetIndex("Keys"));
            assertTrue(area != null && area.startsWith("Keys!"), String.valueOf(area));
        }

        // The default: the first 10,000 keys, keys.csv's first 10,000 in its order.
        Path byDefault = tmp.resolve("default");
        run = ForkedRun.analyze(tmp, "128m", "-q", "-f", "xlsx,csv", "-o", byDefault.toString(), dir.resolve("dump.rdb").toString());
        assertEquals(0, run.exit(), run.err());
        List<String> first = new ArrayList<>();
        try (var lines = Files.lines(byDefault.resolve("keys.csv"))) {
            lines.skip(1).limit(10_000).forEach(l -> first.add(l.split(",")[1]));
        }
        try (InputStream in = Files.newInputStream(byDefault.resolve("report.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet keys = wb.getSheet("Keys");
            assertEquals(10_001, keys.getLastRowNum(), "header, 10,000 keys and the truncation row");
            String last = f.formatCellValue(keys.getRow(10_001).getCell(0));
            assertTrue(last.contains("10,000") && last.contains("120,000"), last);
            for (int i = 0; i < first.size(); i++) assertEquals(first.get(i), f.formatCellValue(keys.getRow(1 + i).getCell(2)), "key " + i);
        }
    }
}
