package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.KeyListener;
import io.fragscope.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One analysis that ends in a report folder, as the CLI runs it: {@link #open} proves the folder writable and locks it
 * before any work, {@link #analyze} reads the inputs while keys.csv (with {@code CSV}) and the workbook's key sample
 * (with {@code XLSX}) are streamed, {@link #write} writes every chosen format to temporary files and moves them into
 * place together, then removes what an earlier run wrote that this one did not. Between the two the caller may still
 * give up (a usage error found on the result, nothing usable): {@link #close()} then leaves the previous reports as
 * they were and no temporary file behind.
 *
 * <pre>{@code
 * try (ReportRun run = ReportRun.open(dir, EnumSet.of(ReportFormat.XLSX, ReportFormat.CSV))) {
 *     AnalysisResult r = run.analyze(request, ProgressListener.NONE);
 *     List<Path> written = run.write(Messages.forLanguage("en"), "1.0", stage -> { });
 * }
 * }</pre>
 */
public final class ReportRun implements AutoCloseable {
    private final OutputFolder folder;
    private final Set<ReportFormat> formats;
    /** Keys on the workbook's Keys sheet, 1 to {@link XlsxReport#MAX_KEY_ROWS}. */
    private final int keysSheetRows;
    private KeysCsv keys;
    private AnalysisResult result;
    private AnalysisRequest request;
    /** How the reports name input files: below the run's inputs as given ({@link FileLabels#under}). */
    private FileLabels files = FileLabels.NAMES;
    /** The report code's warm-up, started with the read; then the workbook's, started with the reports (with XLSX). */
    private Warmup reportWarmup, workbookWarmup;

    private ReportRun(OutputFolder folder, Set<ReportFormat> formats, int keysSheetRows) {
        this.folder = folder;
        this.keysSheetRows = keysSheetRows;
        this.formats = formats.isEmpty() ? EnumSet.of(ReportFormat.XLSX) : EnumSet.copyOf(formats);
    }

    /**
     * Creates {@code dir} if needed, proves it writable and locks it (waiting for another run writing there).
     *
     * @throws IOException naming the folder when it cannot be written: before any input is read
     */
    public static ReportRun open(Path dir, Set<ReportFormat> formats) throws IOException {
        return open(dir, formats, XlsxReport.DEFAULT_KEY_ROWS);
    }

    /**
     * As {@link #open(Path, Set)}, with the workbook's Keys sheet showing the first {@code keysSheetRows} keys read.
     *
     * @throws IllegalArgumentException when {@code keysSheetRows} is not 1 to {@link XlsxReport#MAX_KEY_ROWS}: before the folder is touched
     */
    public static ReportRun open(Path dir, Set<ReportFormat> formats, int keysSheetRows) throws IOException {
        if (keysSheetRows < 1 || keysSheetRows > XlsxReport.MAX_KEY_ROWS) {
            throw new IllegalArgumentException("the Keys sheet shows 1 to " + XlsxReport.MAX_KEY_ROWS + " keys, got " + keysSheetRows);
        }
        OutputFolder folder = OutputFolder.prepare(dir);
        try {
            folder.lock();
            // POI spills streamed sheets into a folder the lock covers, so a killed run's spill is cleaned up too; through
            // the folder, which makes none once the shutdown hook cleaned up.
            folder.scratchDir();
            org.apache.poi.util.TempFile.setTempFileCreationStrategy(new org.apache.poi.util.TempFileCreationStrategy() {
                @Override public java.io.File createTempFile(String prefix, String suffix) throws IOException {
                    return folder.scratchFile(prefix, suffix);
                }

                @Override public java.io.File createTempDirectory(String prefix) throws IOException {
                    return folder.scratchFolder(prefix);
                }
            });
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
        return new ReportRun(folder, formats, keysSheetRows);
    }

    public Path dir() { return folder.dir(); }

    /** The analysis' result once it ended (even when streaming keys.csv failed after it), else null. */
    public AnalysisResult result() { return result; }

    /**
     * Runs the analysis. keys.csv is streamed to a temporary file with {@code CSV}; with {@code XLSX} the first keys
     * (as many as the Keys sheet shows, {@link #open(Path, Set, int)}) are kept for it; with neither, keys are not listed.
     */
    public AnalysisResult analyze(AnalysisRequest request, ProgressListener progress) throws IOException {
        return analyze(request, progress, null);
    }

    /**
     * As {@link #analyze(AnalysisRequest, ProgressListener)}, knowing already the language of the reports: the
     * workbook's Keys sheet is then written as soon as its keys are known, on a thread of its own, while the rest is
     * still read ({@link KeysSheet.Draft}); {@link #write} must then be given the same {@code messages}.
     */
    public AnalysisResult analyze(AnalysisRequest request, ProgressListener progress, Messages messages) throws IOException {
        boolean csv = formats.contains(ReportFormat.CSV), xlsx = formats.contains(ReportFormat.XLSX);
        reportWarmup = ReportWarmup.start();
        // Without -f csv only the rows the workbook's Keys sheet shows are kept (the file is not written).
        keys = csv || xlsx ? new KeysCsv(folder, csv, xlsx ? keysSheetRows : 0) : null;
        this.request = request;
        this.files = FileLabels.under(request.explicitInputs());
        if (xlsx && messages != null) {
            KeySample sample = keys.sample();
            FileLabels files = this.files;
            sample.whenFull(() -> sample.attach(KeysSheet.Draft.begin(messages, sample, files)));
        }
        result = new Analyzer(request).run(keys == null ? KeyListener.NONE : keys, progress);
        if (keys != null) keys.finish();
        return result;
    }

    /**
     * Writes the reports of the analysed result, moves them into place together and removes the stale files of an
     * earlier run. {@code stage} is told each file about to be written (for a progress display).
     *
     * @return the files written, in order
     */
    public List<Path> write(Messages messages, String toolVersion, Consumer<String> stage) throws IOException {
        if (result == null) throw new IllegalStateException("write before analyze");
        // The workbook is the first file written (ReportFormat's order): its warm-up runs beside its first sheets.
        if (formats.contains(ReportFormat.XLSX)) workbookWarmup = WorkbookWarmup.start();
        try {
            return writeAll(messages, toolVersion, stage);
        } catch (LinkageError | java.util.ServiceConfigurationError e) {
            // A class a warm-up could not initialise (out of memory) fails here naming only the class: the warm-up's error is the failure.
            for (Warmup w : new Warmup[] {reportWarmup, workbookWarmup}) if (w != null && w.met() != null) throw w.explain(e);
            throw e;
        }
    }

    private List<Path> writeAll(Messages messages, String toolVersion, Consumer<String> stage) throws IOException {
        ReportContext ctx = new ReportContext(result, messages, toolVersion, Instant.now(),
                keys == null || keys.rows() == 0 ? null : keys.sample(), files);
        List<Path> written = new ArrayList<>(Reports.full().write(folder, ctx, formats, stage));
        if (keys != null && formats.contains(ReportFormat.CSV) && !result.datasets().isEmpty()) written.add(keys.stage());
        // Inputs spanning several shards (a folder per shard): the cluster roll-up, as the fleet job writes it.
        var rollup = io.fragscope.RunRollup.ofManyInstances(result, request.explicitInputs());
        if (rollup.isPresent()) {
            stage.accept(io.fragscope.report.rollup.RollupJson.FILE);
            written.addAll(io.fragscope.report.rollup.RollupReports.write(folder, rollup.get(), messages, formats.contains(ReportFormat.XLSX)));
        }
        // The stale files go before a Ctrl-C or a kill may end the run, like the renames: never new reports beside old ones.
        folder.commitAll(() -> {
            Reports.removeStale(folder, written);
            io.fragscope.report.rollup.RollupReports.removeStale(folder.dir(), written);
        });
        return written;
    }

    /**
     * After a crash while analysing or writing: summary.json alone with what was done, when there is a result.
     *
     * @return summary.json, or null when there was no result to write
     */
    public Path writeSummaryAfterCrash(Messages messages, String toolVersion) throws IOException {
        if (result == null) return null;
        try {
            closeKeys();
        } catch (IOException | RuntimeException | Error keysFailedToo) {
            // keys.csv's writer may be what failed (out of memory): it is discarded, summary.json still goes out.
        }
        Path p = Reports.full().writeSummaryOnly(folder, new ReportContext(result, messages, toolVersion, Instant.now(), null, files));
        folder.commitAll();
        return p;
    }

    private void closeKeys() throws IOException {
        if (keys == null) return;
        KeysCsv k = keys;
        keys = null;
        try {
            k.close();
        } finally {
            KeysSheet.Draft d = k.sample().draft();
            if (d != null) d.close();
        }
    }

    /** Discards what was not committed (keys.csv of a run given up), removes temporary files and the lock. */
    @Override public void close() throws IOException {
        try {
            closeKeys();
        } finally {
            folder.close();
        }
    }
}
