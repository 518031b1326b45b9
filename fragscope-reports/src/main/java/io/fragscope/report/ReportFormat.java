package io.fragscope.report;

import io.fragscope.report.table.CsvRenderer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The formats a run can write, each with the {@link Writer} that renders the run's tables in it. {@code summary.json}
 * ({@link #JSON}) is written in every run regardless. A new file-per-table format (Parquet) is one more constant:
 * {@code PARQUET(new TableFiles(new ParquetRenderer()))}.
 */
public enum ReportFormat {
    XLSX(new Writer() {
        @Override public List<Path> write(OutputFolder out, ReportContext ctx) throws IOException {
            return List.of(out.write(XlsxReport.FILE, o -> XlsxReport.full().write(ctx, o)));
        }

        @Override public List<String> files() { return List.of(XlsxReport.FILE); }
    }),
    CSV(new TableFiles(new CsvRenderer())),
    JSON(new Writer() {
        @Override public List<Path> write(OutputFolder out, ReportContext ctx) throws IOException {
            return List.of(out.write(JsonSummary.FILE, o -> new JsonSummary().write(ctx, o)));
        }

        @Override public List<String> files() { return List.of(JsonSummary.FILE); }
    });

    /** Writes one format's files of a run into the output folder. */
    public interface Writer {
        List<Path> write(OutputFolder out, ReportContext ctx) throws IOException;

        /** Every file name this format may write, for removing what an earlier run left. */
        List<String> files();
    }

    private final Writer writer;

    ReportFormat(Writer writer) { this.writer = writer; }

    public Writer writer() { return writer; }

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (choose xlsx, csv or json)");
        }
    }
}
