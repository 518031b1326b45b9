package io.fragscope.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.time.Instant;
import java.util.Date;

/**
 * Writes one table into a sheet: a header row that stays frozen, typed cells, a filter over the
 * table and column widths that fit the content (within reason). Untrusted text goes through
 * {@link CellText#forXlsx} and, when it looks like a formula, gets the quote-prefix style.
 */
final class SheetTable {
    static final int MAX_WIDTH_CHARS = 60;
    static final int WRAP_WIDTH_CHARS = 70;

    private final Sheet sheet;
    private final XlsxStyles styles;
    private final int headerRow;
    private final int[] widths;
    private int rowIndex;
    private Row row;
    private int col;

    private final boolean primary;

    SheetTable(Sheet sheet, XlsxStyles styles, int headerRow, String... headers) {
        this(true, sheet, styles, headerRow, headers);
    }

    /**
     * A second table further down a sheet: it keeps the first table's frozen rows, filter and column
     * widths (a sheet has one of each), and only widens columns.
     */
    static SheetTable secondary(Sheet sheet, XlsxStyles styles, int headerRow, String... headers) {
        return new SheetTable(false, sheet, styles, headerRow, headers);
    }

    private SheetTable(boolean primary, Sheet sheet, XlsxStyles styles, int headerRow, String... headers) {
        this.primary = primary;
        this.sheet = sheet;
        this.styles = styles;
        this.headerRow = headerRow;
        this.widths = new int[headers.length];
        Row h = sheet.createRow(headerRow);
        h.setHeightInPoints(30);
        for (int i = 0; i < headers.length; i++) {
            Cell c = h.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(styles.header);
            widths[i] = Math.min(Math.max(headers[i].length() / 2 + 4, 10), 24);
        }
        rowIndex = headerRow + 1;
        if (primary) sheet.createFreezePane(0, headerRow + 1);
    }

    SheetTable row() {
        row = sheet.createRow(rowIndex++);
        col = 0;
        return this;
    }

    int rowsWritten() { return rowIndex - headerRow - 1; }

    /** 0-based index of the current row, for chart ranges. */
    int currentRow() { return rowIndex - 1; }

    SheetTable text(String s) {
        String v = CellText.forXlsx(s);
        Cell c = row.createCell(col);
        c.setCellValue(v);
        c.setCellStyle(CellText.looksLikeFormula(v) ? styles.textLiteral : styles.text);
        fit(v.length());
        return this;
    }

    /**
     * Wrapped text. Spreadsheet programs do not grow rows for wrapped text written by a library, so
     * the row height is set here from the number of lines the text will take at the column's width.
     */
    SheetTable wrapped(String s) {
        String v = CellText.forXlsx(s);
        Cell c = row.createCell(col);
        c.setCellValue(v);
        c.setCellStyle(CellText.looksLikeFormula(v) ? styles.textLiteral : styles.wrap);
        int width = Math.min(WRAP_WIDTH_CHARS, Math.max(widths[col], longestLine(v)));
        widths[col] = Math.max(widths[col], width);
        int lines = 0;
        for (String line : v.split("\n", -1)) lines += Math.max(1, (line.length() + width - 1) / width);
        float points = Math.min(409, lines * 12.75f + 2);
        if (points > row.getHeightInPoints()) row.setHeightInPoints(points);
        col++;
        return this;
    }

    private static int longestLine(String v) {
        int max = 0;
        for (String line : v.split("\n", -1)) max = Math.max(max, line.length());
        return max;
    }

    SheetTable styled(String s, CellStyle style) {
        Cell c = row.createCell(col);
        c.setCellValue(CellText.forXlsx(s));
        c.setCellStyle(style);
        fit(s.length());
        return this;
    }

    SheetTable bytes(long v) { return v < 0 ? blank() : number(v, styles.bytes, 12); }

    /** Bytes that may be negative (a shrink). */
    SheetTable signedBytes(long v) { return number(v, styles.count, 14); }

    SheetTable count(long v) { return v < 0 ? blank() : number(v, styles.count, Long.toString(v).length() + 3); }

    SheetTable ratio(double v) { return Double.isFinite(v) ? number(v, styles.ratio, 6) : blank(); }

    SheetTable percent(double v) { return Double.isFinite(v) ? number(v, styles.percent, 7) : blank(); }

    SheetTable date(Instant t) {
        Cell c = row.createCell(col);
        c.setCellValue(Date.from(t));
        c.setCellStyle(styles.date);
        fit(19);
        return this;
    }

    SheetTable bool(boolean b) {
        Cell c = row.createCell(col);
        c.setCellValue(b);
        fit(5);
        return this;
    }

    SheetTable blank() {
        row.createCell(col);
        col++;
        return this;
    }

    private SheetTable number(double v, CellStyle style, int width) {
        Cell c = row.createCell(col);
        c.setCellValue(v);
        c.setCellStyle(style);
        fit(width);
        return this;
    }

    private void fit(int chars) {
        widths[col] = Math.max(widths[col], Math.min(MAX_WIDTH_CHARS, chars + 2));
        col++;
    }

    /** Filter over the header and rows, and the widths found. */
    void finish() {
        if (!primary) {
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, Math.max(sheet.getColumnWidth(i), Math.min(255, widths[i]) * 256));
            }
            return;
        }
        int last = Math.max(rowIndex - 1, headerRow + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, last, 0, widths.length - 1));
        for (int i = 0; i < widths.length; i++) sheet.setColumnWidth(i, Math.min(255, widths[i]) * 256);
        printable(sheet, headerRow);
    }

    /** Landscape, one page wide, header repeated: what a reader gets when printing or converting to PDF. */
    static void printable(Sheet sheet, int headerRow) {
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
    }
}
