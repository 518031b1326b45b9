package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.source.KeyName;

import java.util.List;

/**
 * Everything the aggregator learnt, immutable.
 *
 * @param totals              sums over all keys
 * @param byDb                per database
 * @param byType              per Redis type
 * @param byEncoding          per type/encoding
 * @param byPrefix            per key prefix ({@link AggregationOptions#prefixDepth()} segments)
 * @param withoutPrefix       keys with no separator at all
 * @param topByAllocated      largest keys by allocated bytes, largest first
 * @param topByWaste          largest keys by rounding waste, largest first
 * @param sizeClasses         the model's size-class histogram, {@link SizeClassHistogram#EMPTY} if none was given
 * @param options             the options used
 */
public record KeySummary(Totals totals, GroupTable<Integer> byDb, GroupTable<io.fragscope.model.KeyType> byType,
                         GroupTable<TypeEncoding> byEncoding, GroupTable<KeyName> byPrefix, Totals withoutPrefix,
                         List<KeyCost> topByAllocated, List<KeyCost> topByWaste, SizeClassHistogram sizeClasses,
                         AggregationOptions options) implements java.io.Serializable {

    public KeySummary {
        topByAllocated = List.copyOf(topByAllocated);
        topByWaste = List.copyOf(topByWaste);
    }

    /**
     * The summary of both inputs' keys, as if one aggregator had read them all: totals and {@code withoutPrefix}
     * add up exactly; group tables merge as {@link GroupTable#merge} (exact while nothing is folded); each top list
     * is the top N of both, which is exactly the top N of all the keys; size classes add up per class.
     *
     * @throws IllegalArgumentException when the summaries were made with other options (prefix rules, caps, N):
     *                                  their groups and lists would not mean the same thing
     */
    public KeySummary merge(KeySummary o) {
        if (!options.equals(o.options)) {
            throw new IllegalArgumentException("summaries made with other aggregation options do not merge: " + options + " and " + o.options);
        }
        return new KeySummary(totals.plus(o.totals), GroupTable.merge(byDb, o.byDb), GroupTable.merge(byType, o.byType),
                GroupTable.merge(byEncoding, o.byEncoding), GroupTable.merge(byPrefix, o.byPrefix), withoutPrefix.plus(o.withoutPrefix),
                TopKeys.merge(topByAllocated, o.topByAllocated, options.topN(), KeyCost::allocatedBytes),
                TopKeys.merge(topByWaste, o.topByWaste, options.topN(), KeyCost::roundingWasteBytes),
                sizeClasses.merge(o.sizeClasses), options);
    }

    /** An empty summary with these options: the identity of {@link #merge}. */
    public static KeySummary empty(AggregationOptions options) {
        return new KeyAggregator(options).summary();
    }
}
