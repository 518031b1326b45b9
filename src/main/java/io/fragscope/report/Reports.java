package io.fragscope.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the chosen report files into a locked output folder; summary.json always. The caller commits them. */
public final class Reports {
    private final List<XlsxReport.Section> xlsxSections;
    private final List<JsonSummary.DatasetJson> jsonDatasets;
    private final List<CsvSection> csvSections;

    /** Extra CSV files for one kind of content (key datasets). */
    public interface CsvSection {
        void write(OutputFolder out, ReportContext ctx) throws IOException;
    }

    public Reports(List<XlsxReport.Section> xlsxSections, List<JsonSummary.DatasetJson> jsonDatasets, List<CsvSection> csvSections) {
        this.xlsxSections = List.copyOf(xlsxSections);
        this.jsonDatasets = List.copyOf(jsonDatasets);
        this.csvSections = List.copyOf(csvSections);
    }

    /** Every section fragscope has: INFO tables always, key datasets when there are any. */
    public static Reports full() {
        return new Reports(List.of(new DatasetSheets()), List.of(new DatasetJson()), List.of(new DatasetCsv()));
    }

    /** summary.json alone, staged: what a run that failed while writing its other reports can still leave. */
    public Path writeSummaryOnly(OutputFolder out, ReportContext ctx) throws IOException {
        out.lock();
        out.deferCommits();
        return out.write(JsonSummary.FILE, o -> new JsonSummary(jsonDatasets).write(ctx, o));
    }

    public List<Path> write(OutputFolder out, ReportContext ctx, Set<ReportFormat> formats) throws IOException {
        List<Path> written = new ArrayList<>();
        out.lock();
        // Every file is staged first and moved into place by the caller's commitAll(): a run killed while
        // writing leaves the previous reports whole, not new and old ones side by side.
        out.deferCommits();
        if (formats.contains(ReportFormat.XLSX)) {
            written.add(out.write(XlsxReport.FILE, o -> new XlsxReport(xlsxSections).write(ctx, o)));
        }
        if (formats.contains(ReportFormat.CSV)) {
            CsvTables.write(out, ctx);
            for (CsvSection s : csvSections) s.write(out, ctx);
            written.add(out.dir().resolve("dumps.csv"));
        }
        written.add(out.write(JsonSummary.FILE, o -> new JsonSummary(jsonDatasets).write(ctx, o)));
        return written;
    }
}
