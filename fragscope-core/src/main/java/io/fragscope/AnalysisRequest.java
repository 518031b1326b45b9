package io.fragscope;

import io.fragscope.analysis.info.FindingThresholds;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.Setting;
import io.fragscope.source.SettingException;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything an analysis run needs. Build with {@link #of(List)} and the {@code with*} methods.
 *
 * @param explicitInputs files and folders as given; folders are walked recursively
 * @param since          retention window: INFO dumps captured more than this before their instance's newest one are left out (null: all)
 * @param threads        1: every RDB file is read, priced and aggregated on the calling thread; 2 (the default): read,
 *                       CRC-checked, framed and priced on a second thread while the calling thread aggregates (the
 *                       results are the same byte for byte)
 * @param naming         how messages (per-input errors, model reasons) name a setting: the library's names
 *                       ({@link Setting#LIBRARY}, the default) or a front end's options
 */
public record AnalysisRequest(List<Path> explicitInputs, ReadLimits limits, FindingThresholds thresholds,
                              ModelOptions model, KeyOptions keys, java.time.Duration since, int threads, Setting.Naming naming) {

    public static final int DEFAULT_THREADS = 2;

    public AnalysisRequest {
        explicitInputs = List.copyOf(explicitInputs);
        if (threads < 1) throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
        if (naming == null) naming = Setting.LIBRARY;
    }

    public AnalysisRequest(List<Path> explicitInputs, ReadLimits limits, FindingThresholds thresholds,
                           ModelOptions model, KeyOptions keys, java.time.Duration since, int threads) {
        this(explicitInputs, limits, thresholds, model, keys, since, threads, Setting.LIBRARY);
    }

    public AnalysisRequest(List<Path> explicitInputs, ReadLimits limits, FindingThresholds thresholds,
                           ModelOptions model, KeyOptions keys, java.time.Duration since) {
        this(explicitInputs, limits, thresholds, model, keys, since, DEFAULT_THREADS);
    }

    public static AnalysisRequest of(List<Path> inputs) {
        return new AnalysisRequest(inputs, ReadLimits.DEFAULTS, FindingThresholds.DEFAULTS, ModelOptions.DEFAULTS, KeyOptions.DEFAULTS, null,
                DEFAULT_THREADS, Setting.LIBRARY);
    }

    public AnalysisRequest withThreads(int n) { return new AnalysisRequest(explicitInputs, limits, thresholds, model, keys, since, n, naming); }

    public AnalysisRequest withLimits(ReadLimits l) { return new AnalysisRequest(explicitInputs, l, thresholds, model, keys, since, threads, naming); }

    public AnalysisRequest withThresholds(FindingThresholds t) { return new AnalysisRequest(explicitInputs, limits, t, model, keys, since, threads, naming); }

    public AnalysisRequest withModel(ModelOptions m) { return new AnalysisRequest(explicitInputs, limits, thresholds, m, keys, since, threads, naming); }

    public AnalysisRequest withSince(java.time.Duration d) { return new AnalysisRequest(explicitInputs, limits, thresholds, model, keys, d, threads, naming); }

    public AnalysisRequest withKeys(KeyOptions k) { return new AnalysisRequest(explicitInputs, limits, thresholds, model, k, since, threads, naming); }

    /** The same request, its messages naming settings by {@code n} (a front end's options). */
    public AnalysisRequest withNaming(Setting.Naming n) { return new AnalysisRequest(explicitInputs, limits, thresholds, model, keys, since, threads, n); }

    /**
     * @param allocator    {@code jemalloc}, {@code jemalloc-q16}, {@code libc}, {@code libc-prefix}, {@code tcmalloc}, or null to infer
     * @param redisVersion e.g. {@code 7.0}, or null to take it from the input
     */
    public record ModelOptions(String allocator, String redisVersion, java.util.Map<String, Long> configOverrides) {
        public static final ModelOptions DEFAULTS = new ModelOptions(null, null, java.util.Map.of());

        public ModelOptions { configOverrides = java.util.Map.copyOf(configOverrides); }

        /**
         * Checks an allocator and a server version as a front end takes them (either may be null), before any input
         * is read. The error names the setting ({@link Setting#ALLOCATOR}, {@link Setting#REDIS_VERSION}); a front end
         * names its option with {@link SettingException#message}.
         *
         * @throws SettingException one line naming the setting, the value and what it may be
         */
        public static void check(String allocator, String redisVersion) {
            if (allocator != null && io.fragscope.model.Allocators.byName(allocator).isEmpty()) {
                throw new SettingException("{0} " + io.fragscope.source.KeyName.escapeControls(allocator) + ": not an allocator model; one of "
                        + String.join(", ", io.fragscope.model.Allocators.all().stream().map(io.fragscope.model.Allocator::name).toList()),
                        Setting.ALLOCATOR);
            }
            if (redisVersion == null) return;
            io.fragscope.model.ServerVersion v;
            try {
                v = io.fragscope.model.ServerVersion.parse(redisVersion);
            } catch (IllegalArgumentException e) {
                throw new SettingException("{0} " + io.fragscope.source.KeyName.escapeControls(redisVersion)
                        + ": not a version such as 7.2, 8.6, valkey-9.0", Setting.REDIS_VERSION);
            }
            if (!io.fragscope.model.Layouts.covers(v)) {
                throw new SettingException("{0} " + io.fragscope.source.KeyName.escapeControls(redisVersion) + ": no layout for " + v
                        + " (fragscope models " + io.fragscope.model.Layouts.coverage() + ")", Setting.REDIS_VERSION);
            }
        }
    }

    /** How keys are grouped and how many are listed. */
    public record KeyOptions(String prefixSeparators, int prefixDepth, int topN, int maxPrefixes, String listingColumns,
                             String listingFormat) {
        public static final KeyOptions DEFAULTS = new KeyOptions(":", 2, 100, 10_000, null, null);
        /**
         * The most keys a top table lists: each dataset keeps up to three heaps of that many keys (by allocated bytes,
         * by waste, with their largest element), so a larger N would be the heap's, not the input's, limit.
         */
        public static final int MAX_TOP_N = 10_000;

        public KeyOptions {
            if (topN < 0 || topN > MAX_TOP_N) throw new IllegalArgumentException("top tables list 0 to " + MAX_TOP_N + " keys, not " + topN);
        }
    }
}
