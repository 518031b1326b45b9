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
public record KeySummary(Totals totals, GroupTable<Integer> byDb, GroupTable<String> byType,
                         GroupTable<TypeEncoding> byEncoding, GroupTable<KeyName> byPrefix, Totals withoutPrefix,
                         List<KeyCost> topByAllocated, List<KeyCost> topByWaste, SizeClassHistogram sizeClasses,
                         AggregationOptions options) {

    public KeySummary {
        topByAllocated = List.copyOf(topByAllocated);
        topByWaste = List.copyOf(topByWaste);
    }
}
