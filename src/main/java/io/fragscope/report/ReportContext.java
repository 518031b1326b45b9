package io.fragscope.report;

import io.fragscope.AnalysisResult;

import java.time.Instant;

/** What every report renders: the result, the language, and when it was made. */
public record ReportContext(AnalysisResult result, Messages messages, String toolVersion, Instant generatedAt) {}
