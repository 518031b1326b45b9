package io.fragscope.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Writes the chosen report files into a locked output folder; summary.json always. The caller commits them. */
public final class Reports {
    private Reports() {}

    /** Every format's tables and sheets, as fragscope has them. */
    public static Reports full() { return new Reports(); }

    /** summary.json alone, staged: what a run that failed while writing its other reports can still leave. */
    public Path writeSummaryOnly(OutputFolder out, ReportContext ctx) throws IOException {
        out.lock();
        out.deferCommits();
        return ReportFormat.JSON.writer().write(out, ctx).get(0);
    }

    public List<Path> write(OutputFolder out, ReportContext ctx, Set<ReportFormat> formats) throws IOException {
        return write(out, ctx, formats, stage -> { });
    }

    /** As {@link #write(OutputFolder, ReportContext, Set)}, telling {@code stage} the file about to be written (for a progress display). */
    public List<Path> write(OutputFolder out, ReportContext ctx, Set<ReportFormat> formats, Consumer<String> stage) throws IOException {
        List<Path> written = new ArrayList<>();
        out.lock();
        // Every file is staged first and moved into place by the caller's commitAll(): a run killed while
        // writing leaves the previous reports whole, not new and old ones side by side.
        out.deferCommits();
        for (ReportFormat f : formats) {
            if (f == ReportFormat.JSON) continue;   // below: written in every run
            stage.accept(f == ReportFormat.XLSX ? XlsxReport.FILE : f.name() + " tables");
            written.addAll(f.writer().write(out, ctx));
        }
        if (PrefixMapHtml.wanted(ctx)) written.add(out.write(PrefixMapHtml.FILE, o -> PrefixMapHtml.write(ctx, o)));
        stage.accept(JsonSummary.FILE);
        written.addAll(ReportFormat.JSON.writer().write(out, ctx));
        stage.accept(MarkdownSummary.FILE + ", " + PromMetrics.FILE);
        written.add(out.write(MarkdownSummary.FILE, o -> new MarkdownSummary().write(ctx, o)));
        written.add(out.write(PromMetrics.FILE, o -> new PromMetrics().write(ctx, o)));
        return written;
    }

    /** Every file name a run of fragscope may write into its output folder. */
    static Set<String> ownFiles() {
        Set<String> own = new HashSet<>(Set.of(MarkdownSummary.FILE, PromMetrics.FILE, KeysCsv.FILE, PrefixMapHtml.FILE));
        for (ReportFormat f : ReportFormat.values()) own.addAll(f.writer().files());
        return own;
    }

    /**
     * Removes the files an earlier run wrote that this run did not (another format, a table that no longer
     * applies), so the folder never mixes two runs. Only fragscope's own file names are touched.
     *
     * @return the files removed
     */
    public static List<Path> removeStale(OutputFolder out, List<Path> written) throws IOException {
        Set<String> now = new HashSet<>();
        for (Path p : written) now.add(p.getFileName().toString());
        List<Path> removed = new ArrayList<>();
        for (String name : new TreeSet<>(ownFiles())) {
            Path p = out.dir().resolve(name);
            if (!now.contains(name) && Files.isRegularFile(p)) {
                Files.delete(p);
                removed.add(p);
            }
        }
        return removed;
    }
}
