package io.fragscope;

import io.fragscope.analysis.Finding;
import io.fragscope.source.InputKind;

import java.nio.file.Path;
import java.util.List;

/**
 * The keys of one RDB file or listing, costed and aggregated. {@code details} holds the per-source
 * summary (aggregations, model totals); it is typed by the stage that produced it.
 */
public record Dataset(Path source, InputKind kind, String series, List<Finding> findings, Object details) {
    public Dataset { findings = List.copyOf(findings); }
}
