package io.fragscope.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes the chosen report files into a locked output folder; summary.json always. */
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
        return new Reports(List.of(new DatasetSheets(), new ReclaimSheets()), List.of(new DatasetJson()), List.of(new DatasetCsv(), new ReclaimPlanCsv()));
    }

    public List<Path> write(OutputFolder out, ReportContext ctx, Set<ReportFormat> formats) throws IOException {
        List<Path> written = new ArrayList<>();
        out.lock();
        if (formats.contains(ReportFormat.XLSX)) {
            written.add(out.write(XlsxReport.FILE, o -> new XlsxReport(xlsxSections).write(ctx, o)));
        }
        if (formats.contains(ReportFormat.CSV)) {
            CsvTables.write(out, ctx);
            for (CsvSection s : csvSections) s.write(out, ctx);
            written.add(out.dir().resolve("dumps.csv"));
        }
        if (PrefixMapHtml.wanted(ctx)) written.add(out.write(PrefixMapHtml.FILE, o -> PrefixMapHtml.write(ctx, o)));
        written.add(out.write(JsonSummary.FILE, o -> new JsonSummary(jsonDatasets).write(ctx, o)));
        return written;
    }
}
