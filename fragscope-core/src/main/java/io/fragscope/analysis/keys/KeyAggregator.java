package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.model.KeyType;
import io.fragscope.source.KeyName;

import java.util.Comparator;
import java.util.Objects;

/**
 * Folds a stream of per-key costs into a {@link KeySummary} in bounded memory: group tables are
 * capped ({@link AggregationOptions#maxPrefixes()}, {@link AggregationOptions#maxGroups()}), top
 * lists are heaps of N. Not thread-safe; feed it from one thread.
 *
 * <pre>{@code
 * KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
 * costs.forEach(agg::accept);
 * KeySummary summary = agg.summary();
 * }</pre>
 */
public final class KeyAggregator implements KeyCostSink {
    /**
     * Bytes of prefix names the prefix table holds (each counted with 64 bytes of bookkeeping): 10,000 prefixes
     * of 200 bytes, or 1,000 of the longest a {@link KeyName} holds. Past it prefixes fold into "other".
     */
    static final long MAX_PREFIX_BYTES = 2L << 20;

    private final AggregationOptions options;
    private final KeyPrefixes prefixes;
    private final TotalsAccumulator totals = new TotalsAccumulator();
    private final TotalsAccumulator withoutPrefix = new TotalsAccumulator();
    private final CappedGroups<Integer> byDb;
    private final CappedGroups<KeyType> byType;
    private final CappedGroups<TypeEncoding> byEncoding;
    private final CappedGroups<KeyName> byPrefix;
    private final TopKeys topAllocated;
    private final TopKeys topWaste;
    private SizeClassHistogram sizeClasses = SizeClassHistogram.EMPTY;

    public KeyAggregator(AggregationOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.prefixes = new KeyPrefixes(options.prefixSeparators(), options.prefixDepth());
        this.byDb = new CappedGroups<>(options.maxGroups(), Comparator.<Integer>naturalOrder());
        // Types and encodings are constants (a listing's odd labels are UNKNOWN): their tables hold a few rows each.
        this.byType = new CappedGroups<>(options.maxGroups(), Comparator.comparing(KeyType::redisName));
        this.byEncoding = new CappedGroups<>(options.maxGroups(), Comparator.<TypeEncoding>naturalOrder());
        this.byPrefix = new CappedGroups<>(options.maxPrefixes(), MAX_PREFIX_BYTES, p -> p.heldLength() + 64L,
                Comparator.<KeyName>naturalOrder());
        this.topAllocated = new TopKeys(options.topN(), KeyCost::allocatedBytes);
        this.topWaste = new TopKeys(options.topN(), KeyCost::roundingWasteBytes);
    }

    @Override
    public void accept(KeyCost cost) {
        totals.add(cost);
        byDb.add(cost.db(), cost);
        byType.add(cost.type(), cost);
        byEncoding.add(TypeEncoding.of(cost.type(), cost.encoding()), cost);
        KeyName prefix = prefixes.prefixOf(cost.key());
        if (prefix == null) withoutPrefix.add(cost);
        else byPrefix.add(prefix, cost);
        topAllocated.offer(cost);
        topWaste.offer(cost);
    }

    /** The hook for the model's size-class counts; the summary carries the last one given. */
    public void acceptSizeClasses(SizeClassHistogram histogram) {
        this.sizeClasses = Objects.requireNonNull(histogram, "histogram");
    }

    /** A snapshot; the aggregator can keep accepting afterwards. */
    public KeySummary summary() {
        return new KeySummary(totals.toTotals(), byDb.snapshot(), byType.snapshot(), byEncoding.snapshot(),
                byPrefix.snapshot(), withoutPrefix.toTotals(), topAllocated.snapshot(), topWaste.snapshot(),
                sizeClasses, options);
    }
}
