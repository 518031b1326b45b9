package io.fragscope;

import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.keys.KeySummary;

import java.util.Optional;

/**
 * What one input gave when analysed alone ({@link InputAnalyzer}): how it fared, and the analysis of what it is.
 * Results of many inputs combine through their summaries: {@link KeySummary#merge} for keys, sums of the
 * INFO figures for instances.
 *
 * @param report  status ({@code ok}, {@code partial}, {@code error}, {@code skipped}, {@code crashed}) and message
 * @param dump    an INFO dump's breakdown and findings (the dump alone: no series, trend or restarts)
 * @param dataset an RDB file's or listing's costed keys: totals, groups, top keys, model, findings
 */
public record InputResult(InputReport report, Optional<DumpAnalysis> dump, Optional<Dataset> dataset) {

    static InputResult of(InputReport report) {
        return new InputResult(report, Optional.empty(), Optional.empty());
    }

    /** The key summary of an RDB file or listing, if this input was one and could be read (in part at least). */
    public Optional<KeySummary> keys() {
        return dataset.map(d -> d.summary().keys());
    }
}
