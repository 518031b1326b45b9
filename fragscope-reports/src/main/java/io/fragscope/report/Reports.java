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
        List<Path> write(OutputFolder out, ReportContext ctx) throws IOException;
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

    /** summary.json alone, staged: what a run that failed while writing its other reports can still leave. */
    public Path writeSummaryOnly(OutputFolder out, ReportContext ctx) throws IOException {
        out.lock();
        out.deferCommits();
        return out.write(JsonSummary.FILE, o -> new JsonSummary(jsonDatasets).write(ctx, o));
    }

    public List<Path> write(OutputFolder out, ReportContext ctx, Set<ReportFormat> formats) throws IOException {
        return write(out, ctx, formats, stage -> { });
    }

    /** As {@link #write(OutputFolder, ReportContext, Set)}, telling {@code stage} the file about to be written (for a progress display). */
    public List<Path> write(OutputFolder out, ReportContext ctx, Set<ReportFormat> formats, java.util.function.Consumer<String> stage) throws IOException {
        List<Path> written = new ArrayList<>();
        out.lock();
        // Every file is staged first and moved into place by the caller's commitAll(): a run killed while
        // writing leaves the previous reports whole, not new and old ones side by side.
        out.deferCommits();
        if (formats.contains(ReportFormat.XLSX)) {
            stage.accept(XlsxReport.FILE);
            written.add(out.write(XlsxReport.FILE, o -> new XlsxReport(xlsxSections).write(ctx, o)));
        }
        if (formats.contains(ReportFormat.CSV)) {
            stage.accept("CSV tables");
            written.addAll(CsvTables.write(out, ctx));
            for (CsvSection s : csvSections) written.addAll(s.write(out, ctx));
        }
        if (PrefixMapHtml.wanted(ctx)) written.add(out.write(PrefixMapHtml.FILE, o -> PrefixMapHtml.write(ctx, o)));
        stage.accept(JsonSummary.FILE);
        written.add(out.write(JsonSummary.FILE, o -> new JsonSummary(jsonDatasets).write(ctx, o)));
        stage.accept(MarkdownSummary.FILE + ", " + PromMetrics.FILE);
        written.add(out.write(MarkdownSummary.FILE, o -> new MarkdownSummary().write(ctx, o)));
        written.add(out.write(PromMetrics.FILE, o -> new PromMetrics().write(ctx, o)));
        return written;
    }

    /** Every file name a run of fragscope may write into its output folder. */
    static final Set<String> OWN_FILES = Set.of(XlsxReport.FILE, JsonSummary.FILE, MarkdownSummary.FILE, PromMetrics.FILE, KeysCsv.FILE,
            "dumps.csv", "findings.csv", "timeline.csv", "fields.csv", "inputs.csv", "datasets.csv", "by-type.csv", "by-encoding.csv",
            "by-db.csv", "by-prefix.csv", "size-classes.csv", "allocators.csv", "prefix-growth.csv");

    /**
     * Removes the files an earlier run wrote that this run did not (another format, a table that no longer
     * applies), so the folder never mixes two runs. Only fragscope's own file names are touched.
     *
     * @return the files removed
     */
    public static List<Path> removeStale(OutputFolder out, List<Path> written) throws IOException {
        Set<String> now = new java.util.HashSet<>();
        for (Path p : written) now.add(p.getFileName().toString());
        List<Path> removed = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(OWN_FILES)) {
            Path p = out.dir().resolve(name);
            if (!now.contains(name) && java.nio.file.Files.isRegularFile(p)) {
                java.nio.file.Files.delete(p);
                removed.add(p);
            }
        }
        return removed;
    }
}
