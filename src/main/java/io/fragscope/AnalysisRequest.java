package io.fragscope;

import io.fragscope.analysis.info.FindingThresholds;
import io.fragscope.source.ReadLimits;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything an analysis run needs. Build with {@link #of(List)} and the {@code with*} methods.
 *
 * @param explicitInputs files and folders as given; folders are walked recursively
 * @param since          retention window: INFO dumps captured more than this before the newest one are left out (null: all)
 */
public record AnalysisRequest(List<Path> explicitInputs, ReadLimits limits, FindingThresholds thresholds,
                              ModelOptions model, KeyOptions keys, java.time.Duration since) {

    public AnalysisRequest {
        explicitInputs = List.copyOf(explicitInputs);
    }

    public static AnalysisRequest of(List<Path> inputs) {
        return new AnalysisRequest(inputs, ReadLimits.DEFAULTS, FindingThresholds.DEFAULTS, ModelOptions.DEFAULTS, KeyOptions.DEFAULTS, null);
    }

    public AnalysisRequest withLimits(ReadLimits l) { return new AnalysisRequest(explicitInputs, l, thresholds, model, keys, since); }

    public AnalysisRequest withThresholds(FindingThresholds t) { return new AnalysisRequest(explicitInputs, limits, t, model, keys, since); }

    public AnalysisRequest withModel(ModelOptions m) { return new AnalysisRequest(explicitInputs, limits, thresholds, m, keys, since); }

    public AnalysisRequest withSince(java.time.Duration d) { return new AnalysisRequest(explicitInputs, limits, thresholds, model, keys, d); }

    public AnalysisRequest withKeys(KeyOptions k) { return new AnalysisRequest(explicitInputs, limits, thresholds, model, k, since); }

    /**
     * @param allocator    {@code jemalloc}, {@code jemalloc-q16}, {@code libc}, {@code libc-prefix}, {@code tcmalloc}, or null to infer
     * @param redisVersion e.g. {@code 7.0}, or null to take it from the input
     */
    public record ModelOptions(String allocator, String redisVersion, java.util.Map<String, Long> configOverrides) {
        public static final ModelOptions DEFAULTS = new ModelOptions(null, null, java.util.Map.of());

        public ModelOptions { configOverrides = java.util.Map.copyOf(configOverrides); }
    }

    /** How keys are grouped and how many are listed. */
    public record KeyOptions(String prefixSeparators, int prefixDepth, int topN, int maxPrefixes, String listingColumns,
                             String listingFormat) {
        public static final KeyOptions DEFAULTS = new KeyOptions(":", 2, 100, 10_000, null, null);
    }
}
