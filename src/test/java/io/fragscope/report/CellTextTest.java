package io.fragscope.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CellTextTest {
    @Test
    void everyFormulaStarterIsNeutralisedInCsvAndNothingElse() {
        for (String s : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "\r=x"}) assertEquals("'" + s, CellText.forCsv(s));
        assertEquals("plain", CellText.forCsv("plain"));
        assertEquals("a=b", CellText.forCsv("a=b"));
    }

    @Test
    void charactersXmlForbidsAreEscapedAndLongCellsCutAndMarked() {
        assertEquals("a\\x00b\\x1bc", CellText.forXlsx("a\u0000b\u001bc"));
        assertEquals("tab\tand\nnewline", CellText.forXlsx("tab\tand\nnewline"));
        assertEquals("\\xff", CellText.forXlsx("\uffff").substring(0, 4));
        String cut = CellText.forXlsx("x".repeat(40_000));
        assertEquals(CellText.MAX_CELL_CHARS, cut.length());
        assertTrue(cut.endsWith("…[cut]"));
    }
}
