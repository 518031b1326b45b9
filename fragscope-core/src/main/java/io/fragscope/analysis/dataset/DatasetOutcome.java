package io.fragscope.analysis.dataset;

/**
 * The result of reading one key input: the summary of what could be read, and the error that stopped
 * the read early (null when it read to the end).
 */
public record DatasetOutcome(DatasetSummary summary, io.fragscope.source.InputException error,
                             io.fragscope.analysis.reclaim.KeyspaceProfile profile) {
    public DatasetOutcome(DatasetSummary summary, io.fragscope.source.InputException error) { this(summary, error, null); }
}
