package io.fragscope.report;

import io.fragscope.analysis.keys.Totals;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The workbook renderer: headers in the report language, bytes in the table's binary unit, styles by unit. */
class XlsxRendererTest {

    @Test
    void sizeClassesInKibWithWholeByteClasses() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XlsxStyles st = new XlsxStyles(wb);
            Messages zh = Messages.forLanguage("zh");
            XlsxRenderer.sheet(wb, st, zh, KeyTables.SIZE_CLASSES, KeyTables.sizeClasses(SamplesResult.rdb()), FileLabels.NAMES).finish();
            Sheet sh = wb.getSheet("尺寸类别");
            Row h = sh.getRow(0);
            assertEquals("尺寸类别", h.getCell(2).getStringCellValue());
            assertEquals("浪费占比", h.getCell(7).getStringCellValue());
            Row first = sh.getRow(1);
            assertEquals("dump.rdb", first.getCell(0).getStringCellValue(), "the workbook shows the file's name");
            assertEquals("jemalloc-q16", first.getCell(1).getStringCellValue());
            // The smallest class: 9,067 allocations of 8 bytes asked 67,126 bytes.
            assertEquals(8, first.getCell(2).getNumericCellValue());
            assertEquals(XlsxStyles.B_FORMAT, first.getCell(2).getCellStyle().getDataFormatString());
            assertEquals(9067, first.getCell(3).getNumericCellValue());
            assertEquals(67126 / 1024.0, first.getCell(4).getNumericCellValue(), 0, "KiB, exactly");
            assertEquals(XlsxStyles.KIB_FORMAT, first.getCell(4).getCellStyle().getDataFormatString());
            assertEquals(5410 / (double) 72536, first.getCell(7).getNumericCellValue(), 1e-12);
            assertEquals("0.0%", first.getCell(7).getCellStyle().getDataFormatString());
        }
    }

    @Test
    void labelsAreWordedInTheReportLanguageAndUnknownIsBlank() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XlsxStyles st = new XlsxStyles(wb);
            var rows = KeyTables.byPrefix(SamplesResult.rdb());
            XlsxRenderer.sheet(wb, st, Messages.forLanguage("zh"), KeyTables.BY_PREFIX, rows, FileLabels.NAMES).finish();
            Sheet sh = wb.getSheet("按前缀");
            int none = rows.size();   // the keys without a prefix come after the prefixes (no prefix was folded)
            assertEquals("（无前缀）", sh.getRow(none).getCell(1).getStringCellValue());
            assertEquals(6, sh.getRow(none).getCell(2).getNumericCellValue());
            assertEquals(811488 / 1048576.0, sh.getRow(none).getCell(4).getNumericCellValue(), 0, "MiB, exactly");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XlsxRenderer.sheet(wb, new XlsxStyles(wb), Messages.forLanguage("en"), KeyTables.BY_DB,
                    List.of(new KeyTables.GroupRow(SamplesResult.rdb(), "0", new Totals(1, 0, 0, 0, 0, 0, 0))), FileLabels.NAMES).finish();
            Row r = wb.getSheet("By db").getRow(1);
            assertEquals(org.apache.poi.ss.usermodel.CellType.BLANK, r.getCell(KeyTables.BY_DB.indexOf("allocated_over_requested")).getCellType());
        }
    }
}
