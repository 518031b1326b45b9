package io.fragscope.report;

import io.fragscope.report.table.Column;
import io.fragscope.report.table.Label;
import io.fragscope.report.table.Table;
import io.fragscope.report.table.Unit;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Tables in the workbook (POI, streamed sheets): headers from the columns' message keys in the report language, one
 * cell style per {@link Unit} (bytes in the table's binary {@link io.fragscope.report.table.Scale}, counts with
 * separators, ratios, percentages), frozen header, filter and fitted widths ({@link SheetTable}). Text longer than a
 * column may be wide is wrapped rather than cut off.
 */
public final class XlsxRenderer {
    private XlsxRenderer() {}

    /**
     * A new sheet named by the table's title, holding the table and its rows, finished (frozen header, filter, widths):
     * for workbooks made outside this package (a roll-up), with the styles of {@link XlsxReport.Sheets#of}.
     */
    public static <R> void writeSheet(Workbook wb, XlsxReport.Sheets sheets, Messages m, Table<R> table, Iterable<? extends R> rows) {
        sheet(wb, sheets.styles, m, table, rows, FileLabels.NAMES).finish();
    }

    /** A new sheet named by the table's title, holding the table and its rows; the result is still open for extra rows. */
    static <R> SheetTable sheet(Workbook wb, XlsxStyles st, Messages m, Table<R> table, Iterable<? extends R> rows, FileLabels files) {
        Sheet sh = wb.createSheet(m.text(table.titleKey()));
        SheetTable t = table(sh, st, m, table, 0, true).files(files);
        for (R r : rows) row(t, m, table, r);
        return t;
    }

    /** The header of {@code table} on {@code headerRow}; {@code primary}: the sheet's first table (frozen, filtered). */
    static <R> SheetTable table(Sheet sh, XlsxStyles st, Messages m, Table<R> table, int headerRow, boolean primary) {
        return table(sh, st, m, table, table.columns(), headerRow, primary);
    }

    /**
     * A table further down a sheet, in a block about one entity (a dataset) whose title names it: without the
     * {@linkplain Column#context() context} columns. Rows go through {@link #nestedRow}.
     */
    static <R> SheetTable nested(Sheet sh, XlsxStyles st, Messages m, Table<R> table, int headerRow) {
        return table(sh, st, m, table, table.nestedColumns(), headerRow, false);
    }

    static <R> void nestedRow(SheetTable t, Messages m, Table<R> table, R row) {
        t.row();
        for (Column<R> c : table.nestedColumns()) cell(t, m, c.unit(), c.of(row));
    }

    private static <R> SheetTable table(Sheet sh, XlsxStyles st, Messages m, Table<R> table, java.util.List<Column<R>> columns,
                                        int headerRow, boolean primary) {
        String[] headers = columns.stream().map(c -> m.text(c.headerKey())).toArray(String[]::new);
        SheetTable t = primary ? new SheetTable(sh, st, headerRow, headers) : SheetTable.secondary(sh, st, headerRow, headers);
        return t.unit(switch (table.scale()) {
            case B -> SheetTable.Unit.B;
            case KIB -> SheetTable.Unit.KIB;
            case MIB -> SheetTable.Unit.MIB;
        });
    }

    /** One row of {@code table}. */
    static <R> void row(SheetTable t, Messages m, Table<R> table, R row) {
        t.row();
        for (Column<R> c : table.columns()) cell(t, m, c.unit(), c.of(row));
    }

    static void cell(SheetTable t, Messages m, Unit unit, Object v) {
        if (unit.absent(v)) {
            t.blank();
            return;
        }
        switch (unit) {
            case TEXT -> text(t, v instanceof Label l ? m.format(l.key(), l.args()) : v.toString());
            case VERBATIM -> t.verbatim(v.toString());
            case PHRASE -> text(t, m.phrases(v.toString()));
            case FILE -> t.text(t.fileLabel(v));
            case BYTES -> t.bytes(((Number) v).longValue());
            case SIGNED_BYTES -> t.signedBytes(((Number) v).longValue());
            case SIZE -> t.size(((Number) v).longValue());
            case COUNT -> t.count(((Number) v).longValue());
            case RATIO -> t.ratio(((Number) v).doubleValue());
            case PERCENT -> t.percent(((Number) v).doubleValue());
            case SECONDS -> t.count(Math.round(Math.ceil(((Number) v).doubleValue())));
            case TIMESTAMP -> t.text(XlsxReport.time((Instant) v));
            case BOOLEAN -> t.text(m.text((Boolean) v ? "plan.yes" : "plan.no"));
        }
    }

    private static void text(SheetTable t, String s) {
        if (SheetTable.displayWidth(s) > SheetTable.MAX_WIDTH_CHARS || s.indexOf('\n') >= 0) t.wrapped(s);
        else t.text(s);
    }
}
