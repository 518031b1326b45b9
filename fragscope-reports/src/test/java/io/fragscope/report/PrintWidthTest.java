package io.fragscope.report;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A table prints landscape at a readable size: one page wide while its columns fit about 200 characters, more pages
 * side by side past that (a fresh-user trial found the wide sheets shrunk to one page, their text about 4 pt).
 */
class PrintWidthTest {
    private static short pagesWide(int columns, int cellChars) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sh = wb.createSheet("t");
            String[] headers = new String[columns];
            for (int c = 0; c < columns; c++) headers[c] = "h" + c;
            SheetTable t = new SheetTable(sh, new XlsxStyles(wb), 0, headers);
            for (int r = 0; r < 3; r++) {
                t.row();
                for (int c = 0; c < columns; c++) t.text("x".repeat(cellChars));
            }
            t.finish();
            return sh.getPrintSetup().getFitWidth();
        }
    }

    @Test
    void aWideTablePrintsOnSeveralPagesSideBySide() throws IOException {
        assertEquals(1, pagesWide(5, 10));
        int one = pagesWide(4, 40);
        assertEquals(1, one, "about 170 characters: one page");
        assertEquals(3, pagesWide(20, 25), "some 540 characters: three pages");
    }
}
