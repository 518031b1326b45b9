package io.fragscope.report;

import io.fragscope.AnalysisResult;

import java.time.Instant;

/**
 * What every report renders: the result, the language, when it was made, and the first keys of the run kept while
 * they were read ({@code keys}, null when there are none), which the workbook's Keys sheet shows.
 */
public record ReportContext(AnalysisResult result, Messages messages, String toolVersion, Instant generatedAt, KeySample keys,
                            FileLabels files) {

    /** A context naming files by their names alone ({@link FileLabels#NAMES}). */
    public ReportContext(AnalysisResult result, Messages messages, String toolVersion, Instant generatedAt, KeySample keys) {
        this(result, messages, toolVersion, generatedAt, keys, FileLabels.NAMES);
    }

    /** The line under every report's title, the workbook's and summary.md's: when, from how many inputs, what they held. */
    String subtitle() {
        return messages.format("report.subtitle", XlsxReport.time(generatedAt), result.dumps().size(), result.series().size(),
                result.datasets().size(), result.inputs().size(), result.inputs(io.fragscope.InputReport.Status.ERROR),
                result.inputs(io.fragscope.InputReport.Status.PARTIAL), result.inputs(io.fragscope.InputReport.Status.SKIPPED));
    }
}
