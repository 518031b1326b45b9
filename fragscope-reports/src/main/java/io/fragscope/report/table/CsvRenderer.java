package io.fragscope.report.table;

import io.fragscope.report.CellText;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as RFC 4180 CSV (Commons CSV, {@code \n} line ends): the column ids as header, raw bytes and plain ratios,
 * never units. Text cells go through {@link CellText#forCsv} (formula-safe, control characters escaped); a value that
 * is not known is an empty cell.
 */
public final class CsvRenderer implements FileRenderer {
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    @Override public String extension() { return "csv"; }

    @Override
    public <R> void render(Table<R> table, Iterable<? extends R> rows, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(table.columnIds()).get())) {
            List<Object> cells = new ArrayList<>(table.columns().size());
            for (R row : rows) {
                cells.clear();
                for (Column<R> c : table.columns()) cells.add(cell(c.unit(), c.of(row)));
                p.printRecord(cells);
            }
        }
    }

    /** The CSV cell of a value of {@code unit}. */
    static Object cell(Unit unit, Object v) {
        if (unit.absent(v)) return "";
        return switch (unit) {
            case TEXT, PHRASE -> CellText.forCsv(v.toString());
            case FILE -> CellText.forCsv(v instanceof java.nio.file.Path p ? io.fragscope.source.FileNames.text(p) : v.toString());
            case VERBATIM -> CellText.exactInteger(v.toString()) ? v.toString() : CellText.forCsv(v.toString());
            case RATIO, PERCENT -> Math.round(((Number) v).doubleValue() * 10000) / 10000.0;
            case SECONDS -> Math.round(((Number) v).doubleValue() * 10) / 10.0;
            case TIMESTAMP, BOOLEAN, BYTES, SIGNED_BYTES, SIZE, COUNT -> v;
        };
    }
}
