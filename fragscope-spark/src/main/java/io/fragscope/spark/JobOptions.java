package io.fragscope.spark;

import io.fragscope.AnalysisRequest;

import java.io.Serializable;
import java.util.List;

/**
 * What every task needs to know besides its file, sent with the task.
 *
 * @param topN        keys in top_keys per file ({@code --top}, default 100)
 * @param allocator   allocator model for key files, or null to infer ({@code --allocator})
 * @param redisVersion layout to model, or null to take it from each file ({@code --redis-version})
 * @param keysOut     the job's output folder (ending in /) when the {@code keys} table is wanted ({@code --keys}), else null
 * @param sanitizePayload every listpack, ziplist and intset of an RDB decoded entry by entry ({@code --sanitize-payload},
 *                    as {@code analyze}'s: {@link io.fragscope.source.ReadLimits#sanitizingBlobs})
 */
record JobOptions(int topN, String allocator, String redisVersion, String keysOut, boolean sanitizePayload) implements Serializable {

    static final JobOptions DEFAULTS = new JobOptions(100, null, null, null, false);

    JobOptions(int topN, String allocator, String redisVersion) { this(topN, allocator, redisVersion, null, false); }

    JobOptions withKeys(String out) { return new JobOptions(topN, allocator, redisVersion, out, sanitizePayload); }

    JobOptions sanitizingPayload(boolean on) { return new JobOptions(topN, allocator, redisVersion, keysOut, on); }

    /** @throws IllegalArgumentException naming the option, for an allocator or version the core does not know */
    JobOptions {
        if (topN < 0 || topN > AnalysisRequest.KeyOptions.MAX_TOP_N) {
            throw new IllegalArgumentException("--top lists 0 to " + AnalysisRequest.KeyOptions.MAX_TOP_N + " keys, got " + topN);
        }
        try {
            AnalysisRequest.ModelOptions.check(allocator, redisVersion);
        } catch (io.fragscope.source.SettingException e) {
            throw new IllegalArgumentException(e.message(JobOptions::flagOf));
        }
    }

    /** The job's option for a library setting; the settings it has no option for keep the library's name. */
    static String flagOf(io.fragscope.source.Setting setting) {
        return switch (setting) {
            case ALLOCATOR -> "--allocator";
            case REDIS_VERSION -> "--redis-version";
            case TOP_N -> "--top";
            case SANITIZE_BLOBS -> "--sanitize-payload";
            default -> io.fragscope.source.Setting.LIBRARY.name(setting);
        };
    }

    AnalysisRequest request() {
        AnalysisRequest r = AnalysisRequest.of(List.of());
        AnalysisRequest.KeyOptions k = r.keys();
        return r.withKeys(new AnalysisRequest.KeyOptions(k.prefixSeparators(), k.prefixDepth(), topN, k.maxPrefixes(),
                        k.listingColumns(), k.listingFormat()))
                .withLimits(r.limits().sanitizingBlobs(sanitizePayload))
                .withModel(new AnalysisRequest.ModelOptions(allocator, redisVersion, java.util.Map.of())).withNaming(JobOptions::flagOf);
    }
}
