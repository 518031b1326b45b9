package io.fragscope.report;

import io.fragscope.AnalysisResult;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What every report renders: the result, the language, when it was made, and the per-key rows
 * streamed during the run ({@code keysCsv}, null when there are none), which the workbook samples.
 */
public record ReportContext(AnalysisResult result, Messages messages, String toolVersion, Instant generatedAt, Path keysCsv) {}
