package io.fragscope.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.time.Instant;

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
    /** Per column: a number or a date was written / text was written (a column of numbers only gets a right header). */
    private final boolean[] numbers, texts;
    private final Row headerCells;
    private int rowIndex;
    private Row row;
    private int col;

    private final boolean primary;

    /** The binary unit a table's byte columns are held and shown in. */
    enum Unit {
        B(0, null), KIB(10, XlsxStyles.KIB_AXIS_FORMAT), MIB(20, XlsxStyles.MIB_AXIS_FORMAT);

        final int shift;
        final String axisFormat;

        Unit(int shift, String axisFormat) { this.shift = shift; this.axisFormat = axisFormat; }

        double of(long bytes) { return shift == 0 ? bytes : bytes / (double) (1L << shift); }
    }

    private Unit unit = Unit.MIB;

    /** How this table's file cells name a file ({@link FileLabels#NAMES} unless set). */
    private FileLabels files = FileLabels.NAMES;

    /** File cells of this table name files by {@code f}. */
    SheetTable files(FileLabels f) { this.files = f; return this; }

    /** A file cell's text: a {@link java.nio.file.Path} or a path as text, named by {@link #files}. */
    String fileLabel(Object v) { return v instanceof java.nio.file.Path p ? files.of(p) : files.of(v.toString()); }

    /** Width in characters at which {@link #wrapped} text wraps (its column grows to it, not past). */
    private int wrapWidth = WRAP_WIDTH_CHARS;

    /** Wrapped text of this table wraps at {@code chars} instead of {@link #WRAP_WIDTH_CHARS}. */
    SheetTable wrapAt(int chars) { this.wrapWidth = chars; return this; }

    /** Byte columns of this table in {@code u} (default MiB; whole bytes for per-key tables). */
    SheetTable unit(Unit u) { this.unit = u; return this; }

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
        this.numbers = new boolean[headers.length];
        this.texts = new boolean[headers.length];
        Row h = sheet.createRow(headerRow);
        this.headerCells = h;
        int headerLines = 2;
        for (int i = 0; i < headers.length; i++) {
            Cell c = h.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(styles.header);
            // Wide enough for the longest word, so a header wraps between words ("Fragmentation|ratio"), never inside one.
            widths[i] = Math.max(longestWord(headers[i]) + 3, Math.min(Math.max(displayWidth(headers[i]) / 2 + 4, 10), 24));
            headerLines = Math.max(headerLines, lines(headers[i], widths[i] - 2));
        }
        h.setHeightInPoints(headerLines * 13f + 4);
        rowIndex = headerRow + 1;
        if (primary) sheet.createFreezePane(0, headerRow + 1);
    }

    SheetTable row() {
        row = sheet.createRow(rowIndex++);
        col = 0;
        return this;
    }

    Sheet sheet() { return sheet; }

    int rowsWritten() { return rowIndex - headerRow - 1; }

    /** 0-based index of the current row, for chart ranges. */
    int currentRow() { return rowIndex - 1; }

    SheetTable text(String s) {
        String v = CellText.forXlsx(s);
        Cell c = row.createCell(col);
        c.setCellValue(v);
        c.setCellStyle(CellText.looksLikeFormula(v) ? styles.textLiteral : styles.text);
        texts[col] = true;
        fit(displayWidth(v));
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
        texts[col] = true;
        int width = Math.min(wrapWidth, Math.max(widths[col], longestLine(v)));
        widths[col] = Math.max(widths[col], width);
        float points = Math.min(409, lines(v, width - 2) * 13f + 3);
        if (points > row.getHeightInPoints()) row.setHeightInPoints(points);
        col++;
        return this;
    }

    private static int longestLine(String v) {
        int max = 0;
        for (String line : v.split("\n", -1)) max = Math.max(max, displayWidth(line));
        return max;
    }

    /**
     * Columns a text takes in the default font, in character widths: CJK ideographs, kana, hangul and full-width
     * forms take two, so a Chinese text gets the rows (and columns) it needs, not the ones English would.
     */
    static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += wide(cp) ? 2 : 1;
        }
        return w;
    }

    static boolean wide(int cp) {
        return cp >= 0x1100 && (cp <= 0x115f || cp >= 0x2e80 && cp <= 0xa4cf || cp >= 0xac00 && cp <= 0xd7a3
                || cp >= 0xf900 && cp <= 0xfaff || cp >= 0xfe30 && cp <= 0xfe4f || cp >= 0xff00 && cp <= 0xff60
                || cp >= 0xffe0 && cp <= 0xffe6 || cp >= 0x20000 && cp <= 0x3fffd);
    }

    private static int longestWord(String s) {
        int max = 0;
        for (String w : s.split("[\\s/]+")) max = Math.max(max, wide(w.isEmpty() ? 0 : w.codePointAt(0)) ? 2 : displayWidth(w));
        return max;
    }

    /**
     * Lines a text takes when wrapped at {@code width} column units: at spaces for words, anywhere between CJK
     * characters. Column units are the default font's digit width; body text (10 pt, proportional) averages about
     * 0.8 of it per Latin character, a CJK character about 2.
     */
    static int lines(String v, int width) {
        double max = Math.max(4, width);
        int lines = 0;
        for (String line : v.split("\n", -1)) {
            int n = 1;
            double used = 0;
            for (String word : line.split(" ", -1)) {
                double w = units(word);
                boolean cjk = !word.isEmpty() && wide(word.codePointAt(0));
                if (used > 0 && used + 0.8 + w > max && !cjk) { n++; used = 0; }
                else if (used > 0) used += 0.8;
                used += w;
                while (used > max) { n++; used -= max; }
            }
            lines += n;
        }
        return lines;
    }

    private static double units(String s) {
        double u = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            u += wide(cp) ? 2.0 : 0.8;
        }
        return u;
    }

    SheetTable styled(String s, CellStyle style) {
        Cell c = row.createCell(col);
        c.setCellValue(CellText.forXlsx(s));
        c.setCellStyle(style);
        texts[col] = true;
        fit(displayWidth(s));
        return this;
    }

    SheetTable bytes(long v) { return v < 0 ? blank() : number(unit.of(v), unitStyle(), 13); }

    /** Bytes that may be negative (a shrink). */
    SheetTable signedBytes(long v) { return number(unit.of(v), unitStyle(), 14); }

    private CellStyle unitStyle() {
        return switch (unit) {
            case B -> styles.bytes;
            case KIB -> styles.kib;
            case MIB -> styles.mib;
        };
    }

    /** Whole bytes whatever the table's unit (a size class). */
    SheetTable size(long v) { return v < 0 ? blank() : number(v, styles.bytes, Long.toString(v).length() + 5); }

    /**
     * A value as its source wrote it: a number when the value is {@linkplain CellText#exactInteger exactly an integer's
     * text}, shown without grouping so the cell reads as the value (and -1 stays -1, not an unknown count); else text.
     */
    SheetTable verbatim(String s) {
        return CellText.exactInteger(s) ? number(Long.parseLong(s), styles.integer, s.length() + 1) : text(s);
    }

    SheetTable count(long v) { return v < 0 ? blank() : number(v, styles.count, Long.toString(v).length() + 3); }

    SheetTable ratio(double v) { return Double.isFinite(v) ? number(v, styles.ratio, 6) : blank(); }

    SheetTable percent(double v) { return Double.isFinite(v) ? number(v, styles.percent, 7) : blank(); }

    SheetTable date(Instant t) {
        Cell c = row.createCell(col);
        // As UTC wall time: POI would convert a Date with the JVM's time zone, and every time in the report is UTC.
        c.setCellValue(java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
        c.setCellStyle(styles.date);
        numbers[col] = true;
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
        numbers[col] = true;
        fit(width);
        return this;
    }

    private void fit(int chars) {
        widths[col] = Math.max(widths[col], Math.min(MAX_WIDTH_CHARS, chars + 2));
        col++;
    }

    /** Filter over the header and rows, and the widths found. */
    void finish() {
        // A header over numbers only sits right. A streamed sheet may have written a long table's header row out
        // already; its cells then keep the header's left alignment.
        for (int i = 0; i < numbers.length; i++) {
            Cell h = headerCells.getCell(i);
            if (numbers[i] && !texts[i] && h != null) h.setCellStyle(styles.headerNumber);
        }
        if (!primary) {
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, Math.max(sheet.getColumnWidth(i), Math.min(255, widths[i]) * 256));
            }
            return;
        }
        int last = Math.max(rowIndex - 1, headerRow + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, last, 0, widths.length - 1));
        for (int i = 0; i < widths.length; i++) sheet.setColumnWidth(i, Math.min(255, widths[i]) * 256);
        int chars = 0;
        for (int w : widths) chars += Math.min(255, w);
        printable(sheet, headerRow, chars);
        if (last - headerRow > MAX_PRINT_ROWS) {
            // Printing or converting to PDF gives the first rows, not 900 pages of keys; the file has them all.
            int index = sheet.getWorkbook().getSheetIndex(sheet);
            sheet.getWorkbook().setPrintArea(index, 0, widths.length - 1, 0, headerRow + MAX_PRINT_ROWS);
        }
    }

    /** Rows of a long table that get printed. */
    static final int MAX_PRINT_ROWS = 200;

    /**
     * Characters of column width that one landscape A4 page prints at a readable size (about 7 pt; at 100 % it holds
     * some 140): a wider table is printed on more pages side by side rather than shrunk to one, where a trial found
     * the Keys and INFO sheets' text at about 4 pt.
     */
    static final int PRINT_CHARS_PER_PAGE = 200;

    /**
     * Landscape, as few pages wide as keep the text readable, pages over then down, header repeated: what a reader
     * gets when printing or converting to PDF.
     */
    static void printable(Sheet sheet, int headerRow, int widthChars) {
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) Math.max(1, (widthChars + PRINT_CHARS_PER_PAGE - 1) / PRINT_CHARS_PER_PAGE));
        sheet.getPrintSetup().setFitHeight((short) 0);
        // Over, then down: a row printed on two pages side by side has its halves on consecutive pages, not the
        // right half after every page of left halves.
        sheet.getPrintSetup().setLeftToRight(true);
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
    }
}
