package io.fragscope;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.source.InputKind;

import java.nio.file.Path;
import java.util.List;

/**
 * The keys of one RDB file or listing, costed and aggregated.
 *
 * @param id the input's number among the run's key inputs (1, 2 …), which keys.csv's {@code dataset} column and
 *           datasets.csv's carry; 0 when not numbered (then a report numbers datasets by their order)
 */
public record Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary,
                      io.fragscope.analysis.reclaim.KeyspaceProfile profile, int id) {
    public Dataset { findings = List.copyOf(findings); }

    public Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary,
                   io.fragscope.analysis.reclaim.KeyspaceProfile profile) {
        this(source, kind, series, findings, summary, profile, 0);
    }

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
