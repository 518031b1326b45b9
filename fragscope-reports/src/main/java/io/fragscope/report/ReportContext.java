package io.fragscope.report;

import io.fragscope.AnalysisResult;

import java.time.Instant;

/**
 * What every report renders: the result, the language, when it was made, and the first keys of the run kept while
 * they were read ({@code keys}, null when there are none), which the workbook's Keys sheet shows.
 */
public record ReportContext(AnalysisResult result, Messages messages, String toolVersion, Instant generatedAt, KeySample keys) {}
