package io.fragscope;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.source.InputKind;

import java.nio.file.Path;
import java.util.List;

/**
 * The keys of one RDB file or listing, costed and aggregated. An immutable value; its {@link #summary()} and
 * {@link #profile()} may be kept on disk by the run ({@link HeldDatasets}) and read back when asked for, so code that
 * only needs the file, kind or series never reads them.
 *
 * @see #Dataset(Path, InputKind, String, List, DatasetSummary, io.fragscope.analysis.reclaim.KeyspaceProfile, int)
 */
public final class Dataset {
    private final Path source;
    private final InputKind kind;
    private final String series;
    private final List<Finding> findings;
    private final DatasetSummary summary;
    private final io.fragscope.analysis.reclaim.KeyspaceProfile profile;
    private final int id;
    /** Where summary and profile are when they are not held here (null: they are). */
    private final Kept kept;

    /** The summary and profile of a dataset kept elsewhere than in its own fields. */
    interface Kept {
        DatasetSummary summary();

        io.fragscope.analysis.reclaim.KeyspaceProfile profile();
    }

    /**
     * @param source   the RDB file or listing
     * @param series   the instance it belongs to ({@link #seriesOf})
     * @param findings what was found in its keys
     * @param summary  its keys' tables and totals
     * @param profile  the RDB pass's extra profile (expiry, idle time, where the memory sits), null for listings
     * @param id       the input's number among the run's key inputs (1, 2 …), which keys.csv's {@code dataset} column and
     *                 datasets.csv's carry; 0 when not numbered (then a report numbers datasets by their order)
     */
    public Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary,
                   io.fragscope.analysis.reclaim.KeyspaceProfile profile, int id) {
        this(source, kind, series, findings, summary, profile, id, null);
    }

    private Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary,
                    io.fragscope.analysis.reclaim.KeyspaceProfile profile, int id, Kept kept) {
        this.source = source;
        this.kind = kind;
        this.series = series;
        this.findings = List.copyOf(findings);
        this.summary = summary;
        this.profile = profile;
        this.id = id;
        this.kept = kept;
    }

    public Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary,
                   io.fragscope.analysis.reclaim.KeyspaceProfile profile) {
        this(source, kind, series, findings, summary, profile, 0);
    }

    /** This dataset with its summary and profile kept by {@code kept} instead of its own fields. */
    Dataset keptBy(Kept kept) { return new Dataset(source, kind, series, findings, null, null, id, kept); }

    /** Where the summary and profile are kept, or null when in this dataset's own fields. */
    Kept kept() { return kept; }

    public Path source() { return source; }

    public InputKind kind() { return kind; }

    public String series() { return series; }

    public List<Finding> findings() { return findings; }

    /** Its keys' tables and totals (read back from disk when the run keeps it there). */
    public DatasetSummary summary() { return kept == null ? summary : kept.summary(); }

    /** The RDB pass's profile, null for listings (read back from disk when the run keeps it there). */
    public io.fragscope.analysis.reclaim.KeyspaceProfile profile() { return kept == null ? profile : kept.profile(); }

    public int id() { return id; }

    @Override public String toString() { return "Dataset[" + source + ", " + kind + ", " + series + ", id " + id + "]"; }

    /**
     * The instance a key file belongs to when no INFO dump says: the stem of a timestamped name
     * ({@code cache-01-20261124.rdb} → {@code cache-01}), else the file itself (shards named dump.rdb in
     * different folders are different instances).
     */
    public static String seriesOf(Path file) {
        String whole = io.fragscope.source.FileNames.text(file);
        return file.getFileName() == null ? whole
                : io.fragscope.analysis.info.CaptureTime.stem(io.fragscope.source.FileNames.name(file)).orElse(whole);
    }

    /** A dataset without the RDB pass's extra profile (listings). */
    public Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary) {
        this(source, kind, series, findings, summary, null);
    }
}
