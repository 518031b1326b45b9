package io.fragscope;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.source.InputKind;

import java.nio.file.Path;
import java.util.List;

/** The keys of one RDB file or listing, costed and aggregated. */
public record Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary,
                      io.fragscope.analysis.reclaim.KeyspaceProfile profile) {
    public Dataset { findings = List.copyOf(findings); }

    /** A dataset without the RDB pass's extra profile (listings). */
    public Dataset(Path source, InputKind kind, String series, List<Finding> findings, DatasetSummary summary) {
        this(source, kind, series, findings, summary, null);
    }
}
