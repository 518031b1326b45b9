package io.fragscope.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CellTextTest {
    @Test
    void everyFormulaStarterIsNeutralisedInCsvAndNothingElse() {
        for (String s : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\t=x"}) assertEquals("'" + s, CellText.forCsv(s));
        // A carriage return is a control character: escaped like every other, it no longer starts a formula.
        assertEquals("\\x0d=x", CellText.forCsv("\r=x"));
        assertEquals("plain", CellText.forCsv("plain"));
        assertEquals("a=b", CellText.forCsv("a=b"));
    }

    /** The integers whose number prints back as the value: what the workbook may store as a number cell. */
    @Test
    void exactIntegersAreThoseThatPrintBackAsTheValue() {
        for (String s : new String[] {"0", "-1", "7612345", "999999999999999", "-999999999999999"}) {
            assertTrue(CellText.exactInteger(s), s);
            assertEquals(s, Long.toString((long) Double.parseDouble(s)), "a double holds it whole");
        }
        for (String s : new String[] {"", "00000000", "007", "-0", "+1", " 1", "1 ", "1.0", "232B", "0B", "1,024", "1e3", "-",
                "1796033705864196", "9223372036854775808"}) {
            assertFalse(CellText.exactInteger(s), s);
        }
        assertFalse(CellText.exactInteger(null));
    }

    /** A CSV shown with cat or less must not drive the terminal: ESC, C1 CSI, BEL, DEL and bidi overrides escaped. */
    @Test
    void terminalControlsInCsvCellsAreEscapedAndLineFeedsKept() {
        assertEquals("\\x1b]0;owned\\x07title", CellText.forCsv("\u001b]0;owned\u0007title"));
        assertEquals("\\x9b2J \\x7f", CellText.forCsv("\u009b2J \u007f"));
        assertEquals("evil\\u202etxt.exe", CellText.forCsv("evil\u202etxt.exe"));
        assertEquals("two\nlines", CellText.forCsv("two\nlines"));
        assertEquals("back\\slash \\x41 stays", CellText.forCsv("back\\slash \\x41 stays"));
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
