package io.fragscope.analysis.keys;

import io.fragscope.source.Setting;
import io.fragscope.source.SettingException;

/**
 * How to fold keys into a summary.
 *
 * @param prefixSeparators bytes that split a key into segments (default ":")
 * @param prefixDepth      segments a prefix keeps (default 2)
 * @param maxPrefixes      prefixes kept exactly before the rest fold into "other" (default 10 000)
 * @param maxGroups        rows kept per db / type / encoding breakdown (default 1 024; untrusted listings
 *                         can name any type)
 * @param topN             keys kept in each top list (default 100)
 * @throws io.fragscope.source.SettingException naming the setting ({@code AnalysisRequest.KeyOptions.prefixDepth}, …)
 */
public record AggregationOptions(String prefixSeparators, int prefixDepth, int maxPrefixes, int maxGroups, int topN) implements java.io.Serializable {

    public static final AggregationOptions DEFAULTS = new AggregationOptions(":", 2, 10_000, 1_024, 100);

    public AggregationOptions {
        if (prefixSeparators == null || prefixSeparators.isEmpty()) {
            throw new SettingException("{0} needs at least one character", Setting.PREFIX_SEPARATORS);
        }
        if (prefixDepth < 1) throw new SettingException("{0} must be at least 1, got " + prefixDepth, Setting.PREFIX_DEPTH);
        if (maxPrefixes < 1 || maxGroups < 1) throw new IllegalArgumentException("group capacities must be positive");
        if (topN < 0) throw new SettingException("{0} must not be negative, got " + topN, Setting.TOP_N);
    }

    public AggregationOptions withPrefixSeparators(String s) {
        return new AggregationOptions(s, prefixDepth, maxPrefixes, maxGroups, topN);
    }

    public AggregationOptions withPrefixDepth(int d) {
        return new AggregationOptions(prefixSeparators, d, maxPrefixes, maxGroups, topN);
    }

    public AggregationOptions withMaxPrefixes(int m) {
        return new AggregationOptions(prefixSeparators, prefixDepth, m, maxGroups, topN);
    }

    public AggregationOptions withTopN(int n) {
        return new AggregationOptions(prefixSeparators, prefixDepth, maxPrefixes, maxGroups, n);
    }
}
