package io.fragscope.report.rollup;

import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.analysis.rollup.RollupFigures;
import io.fragscope.report.CellText;
import io.fragscope.report.Messages;
import io.fragscope.report.table.Column;
import io.fragscope.report.table.Table;
import io.fragscope.report.table.Unit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code rollup.xlsx}: the roll-up for a person. Sheets: Clusters (the fleet's column first, then each cluster worst
 * first; one row per {@link RollupColumn}), Worst instances (per scope, worst first) and Hash tags (per scope,
 * heaviest first), whose columns are {@code rollup.json}'s tables ({@link RollupJson#WORST_INSTANCES},
 * {@link RollupJson#HASH_TAGS}). Bytes are held as MiB (a cell's value times 1,048,576 is the byte count), as in
 * {@code report.xlsx}; names from the inputs (instances, shards, tags) are inert text cells. Every word from the
 * message bundles ({@code rollup.*}).
 */
public final class RollupWorkbook {
    public static final String FILE = "rollup.xlsx";
    private static final double MIB = 1024.0 * 1024.0;

    /** Column widths, in characters: every column's default, and the most a text column grows to fit its values. */
    private static final int DEFAULT_WIDTH = 18, MAX_TEXT_WIDTH = 60;

    private final Messages m;

    public RollupWorkbook(Messages messages) { this.m = messages; }

    private static final class Styles {
        final CellStyle header, headerNumber, headerText, title, label, note, text, count, mib, ratio;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT); // an indent needs an explicit alignment
            header.setIndention((short) 1); // as the text under it
            // a number column's header sits right, over its numbers
            headerNumber = wb.createCellStyle();
            headerNumber.cloneStyleFrom(header);
            headerNumber.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
            headerNumber.setIndention((short) 0);
            headerText = wb.createCellStyle(); // a scope's name over its column of figures
            headerText.cloneStyleFrom(headerNumber);
            headerText.setQuotePrefixed(true);
            title = wb.createCellStyle();
            title.setFont(bold);
            label = wb.createCellStyle();
            label.setFont(bold);
            note = wb.createCellStyle();
            note.setWrapText(true);
            note.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            text = wb.createCellStyle();
            text.setQuotePrefixed(true); // a name from the inputs that starts with '=' stays text
            // Indented, as the main workbook's text: a name right after a right-aligned figure would read as its column's
            text.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
            text.setIndention((short) 1);
            count = numeric(wb, "#,##0");
            mib = numeric(wb, "#,##0.0\" MiB\"");
            ratio = numeric(wb, "0.00");
        }

        private static CellStyle numeric(SXSSFWorkbook wb, String format) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(wb.createDataFormat().getFormat(format));
            return s;
        }
    }

    public void write(Rollup rollup, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            Styles st = new Styles(wb);
            List<RollupFigures> scopes = new ArrayList<>();
            scopes.add(rollup.fleet());
            scopes.addAll(rollup.clusters());
            clusters(wb, st, scopes);
            lines(wb, st, scopes, "rollup.sheet.instances", "rollup.note.instances", RollupJson.WORST_INSTANCES, RollupFigures::worstInstances);
            lines(wb, st, scopes, "rollup.sheet.hash_tags", "rollup.note.hash_tags", RollupJson.HASH_TAGS, RollupFigures::hashTags);
            wb.write(out);
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    /** One row per figure, one column per scope (the fleet, then each cluster worst first): reads down, prints on a page. */
    private void clusters(SXSSFWorkbook wb, Styles st, List<RollupFigures> scopes) {
        Sheet sh = sheet(wb, "rollup.sheet.clusters");
        title(sh, st, "rollup.title.clusters");
        Row head = sh.createRow(2);
        head.setHeightInPoints(30);
        Cell corner = head.createCell(0);
        corner.setCellValue(m.text("rollup.col.figure"));
        corner.setCellStyle(st.header);
        // A scope's column is as wide as its longest text (the worst instance's, heaviest shard's names) and half its
        // name (which wraps on the header's two lines), within bounds
        int[] longest = new int[scopes.size()];
        for (int i = 0; i < scopes.size(); i++) {
            Cell c = head.createCell(i + 1);
            String name = CellText.forXlsx(scopeName(scopes.get(i)));
            c.setCellValue(name);
            c.setCellStyle(st.headerText);
            longest[i] = name.length() / 2;
        }
        int r = 3;
        for (RollupColumn col : RollupColumn.ALL) {
            if (col.name().equals("scope") || col.name().equals("cluster")) continue;
            Row row = sh.createRow(r++);
            Cell label = row.createCell(0);
            label.setCellValue(m.text("rollup.col." + col.name()));
            label.setCellStyle(st.label);
            for (int i = 0; i < scopes.size(); i++) longest[i] = Math.max(longest[i], cell(row, i + 1, col.value().apply(scopes.get(i)), col.unit(), st));
        }
        for (int i = 0; i < scopes.size(); i++) sh.setColumnWidth(i + 1, textWidth(longest[i]));
        sh.setColumnWidth(0, 30 * 256);
        sh.createFreezePane(1, 3);
        note(sh, st, r + 1, "rollup.note.clusters", Math.max(4, Math.min(scopes.size() + 1, 8)));
    }

    /**
     * A sheet of per-scope lists (worst instances, hash tags): the scope and the rank, then the columns of the table
     * {@code rollup.json} nests in each scope, in its order, with its header keys and units.
     */
    private <L> void lines(SXSSFWorkbook wb, Styles st, List<RollupFigures> scopes, String sheetKey, String noteKey,
                           Table<L> table, Function<RollupFigures, List<L>> linesOf) {
        Sheet sh = sheet(wb, sheetKey);
        title(sh, st, table.titleKey());
        List<String> headers = new ArrayList<>(List.of("rollup.col.cluster", "rollup.col.rank"));
        List<Unit> units = new ArrayList<>(List.of(Unit.TEXT, Unit.COUNT));
        for (Column<L> c : table.columns()) {
            headers.add(c.headerKey());
            units.add(c.unit());
        }
        header(sh, st, 2, headers, units);
        // A text column (cluster, instance, tag) is as wide as its longest value, within bounds: names are not cut
        int[] longest = new int[headers.size()];
        int r = 3;
        for (RollupFigures f : scopes) {
            int rank = 0;
            for (L line : linesOf.apply(f)) {
                Row row = sh.createRow(r++);
                longest[0] = Math.max(longest[0], cell(row, 0, scopeName(f), Unit.TEXT, st));
                cell(row, 1, ++rank, Unit.COUNT, st);
                for (int c = 0; c < table.columns().size(); c++) {
                    Column<L> col = table.columns().get(c);
                    longest[c + 2] = Math.max(longest[c + 2], cell(row, c + 2, col.of(line), col.unit(), st));
                }
            }
        }
        for (int c = 0; c < headers.size(); c++) {
            if (units.get(c) == Unit.TEXT) sh.setColumnWidth(c, textWidth(longest[c]));
        }
        sh.createFreezePane(0, 3);
        note(sh, st, r + 1, noteKey, headers.size());
    }

    /** A column's width (POI's units, 1/256 of a character) for text of {@code chars} characters, within bounds. */
    private static int textWidth(int chars) {
        return Math.min(MAX_TEXT_WIDTH, Math.max(DEFAULT_WIDTH, chars + 2)) * 256;
    }

    private String scopeName(RollupFigures f) {
        return f.cluster() == null ? m.text("rollup.all_clusters") : f.cluster();
    }

    private Sheet sheet(SXSSFWorkbook wb, String key) {
        SXSSFSheet sh = wb.createSheet(m.text(key));
        sh.setDefaultColumnWidth(DEFAULT_WIDTH);
        // printed or converted to PDF: landscape, as wide as one page
        sh.getPrintSetup().setLandscape(true);
        sh.setFitToPage(true);
        sh.getPrintSetup().setFitWidth((short) 1);
        sh.getPrintSetup().setFitHeight((short) 0);
        return sh;
    }

    private void title(Sheet sh, Styles st, String key) {
        Cell c = sh.createRow(0).createCell(0);
        c.setCellValue(m.text(key));
        c.setCellStyle(st.title);
    }

    /** A paragraph under a table: wrapped across {@code columns} columns. */
    private void note(Sheet sh, Styles st, int row, String key, int columns) {
        Row r = sh.createRow(row);
        r.setHeightInPoints(75);
        Cell c = r.createCell(0);
        c.setCellValue(m.text(key));
        c.setCellStyle(st.note);
        sh.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(row, row, 0, columns - 1));
    }

    /** Headers in bold, each aligned as its column's values: text left, numbers right. */
    private void header(Sheet sh, Styles st, int at, List<String> keys, List<Unit> units) {
        Row row = sh.createRow(at);
        row.setHeightInPoints(30);
        for (int i = 0; i < keys.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(m.text(keys.get(i)));
            c.setCellStyle(units.get(i) == Unit.TEXT ? st.header : st.headerNumber);
        }
    }

    /**
     * A figure as its unit shows: bytes in MiB, ratios and counts as numbers, anything else as inert text.
     *
     * @return the characters of the text written (0 for a number or an empty cell), to size text columns
     */
    private static int cell(Row row, int col, Object v, Unit unit, Styles st) {
        if (v == null) return 0; // unknown: an empty cell, never 0
        Cell c = row.createCell(col);
        if (v instanceof Number n && unit != Unit.TEXT) {
            switch (unit) {
                case BYTES, SIGNED_BYTES -> {
                    c.setCellValue(n.doubleValue() / MIB);
                    c.setCellStyle(st.mib);
                }
                case RATIO, PERCENT -> {
                    c.setCellValue(n.doubleValue());
                    c.setCellStyle(st.ratio);
                }
                default -> {
                    c.setCellValue(n.doubleValue());
                    c.setCellStyle(st.count);
                }
            }
            return 0;
        }
        String text = CellText.forXlsx(v.toString());
        c.setCellValue(text);
        c.setCellStyle(st.text);
        return text.length();
    }
}
