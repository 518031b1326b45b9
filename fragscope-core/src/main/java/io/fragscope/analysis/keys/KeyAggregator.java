package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
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
    /** Bytes of type and encoding names per table. */
    static final long MAX_NAME_BYTES = 1L << 20;

    private final AggregationOptions options;
    private final KeyPrefixes prefixes;
    private final TotalsAccumulator totals = new TotalsAccumulator();
    private final TotalsAccumulator withoutPrefix = new TotalsAccumulator();
    private final CappedGroups<Integer> byDb;
    private final CappedGroups<String> byType;
    private final CappedGroups<TypeEncoding> byEncoding;
    private final CappedGroups<KeyName> byPrefix;
    private final TopKeys topAllocated;
    private final TopKeys topWaste;
    private SizeClassHistogram sizeClasses = SizeClassHistogram.EMPTY;

    public KeyAggregator(AggregationOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.prefixes = new KeyPrefixes(options.prefixSeparators(), options.prefixDepth());
        this.byDb = new CappedGroups<>(options.maxGroups(), Comparator.<Integer>naturalOrder());
        // A listing's type and encoding cells are untrusted text of up to a line each: their tables are capped by bytes too.
        this.byType = new CappedGroups<>(options.maxGroups(), MAX_NAME_BYTES, t -> 2L * t.length() + 64, Comparator.<String>naturalOrder());
        this.byEncoding = new CappedGroups<>(options.maxGroups(), MAX_NAME_BYTES,
                e -> 2L * (e.type().length() + e.encoding().length()) + 64, Comparator.<TypeEncoding>naturalOrder());
        this.byPrefix = new CappedGroups<>(options.maxPrefixes(), MAX_PREFIX_BYTES, p -> p.heldLength() + 64L,
                Comparator.<KeyName>naturalOrder());
        this.topAllocated = new TopKeys(options.topN(), KeyCost::allocatedBytes);
        this.topWaste = new TopKeys(options.topN(), KeyCost::roundingWasteBytes);
    }

    @Override
    public void accept(KeyCost cost) {
        totals.add(cost);
        byDb.add(cost.db(), cost);
        String type = cost.type() == null ? "" : cost.type();
        byType.add(type, cost);
        byEncoding.add(typeEncoding(type, cost.encoding() == null ? "" : cost.encoding()), cost);
        KeyName prefix = prefixes.prefixOf(cost.key());
        if (prefix == null) withoutPrefix.add(cost);
        else byPrefix.add(prefix, cost);
        topAllocated.offer(cost);
        topWaste.offer(cost);
    }

    /** The last pairs made, by the identity of their names (an RDB's are constants): a key costs no pair. */
    private final TypeEncoding[] recent = new TypeEncoding[64];

    private TypeEncoding typeEncoding(String type, String encoding) {
        int slot = (System.identityHashCode(type) * 31 + System.identityHashCode(encoding)) & (recent.length - 1);
        TypeEncoding te = recent[slot];
        if (te != null && te.type() == type && te.encoding() == encoding) return te;
        return recent[slot] = new TypeEncoding(type, encoding);
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
