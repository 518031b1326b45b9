package io.fragscope.analysis.dataset;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.keys.KeyAggregator;
import io.fragscope.analysis.keys.ListedKeyCosts;
import io.fragscope.source.InputException;
import io.fragscope.source.listing.ListingFormat;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingReader;
import io.fragscope.source.listing.ListingRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Streams a key-size listing through the aggregator and the caller's sink. Rows carry what the
 * listing tool measured; {@code costing} may refine them with the allocator model.
 */
public final class ListingDatasets {
    private final ListingOptions options;
    private final AggregationOptions aggregation;

    private final java.util.function.Function<ListingFormat, io.fragscope.analysis.cost.CostModel> models;

    private final List<RdbDatasets.MatchedInfo> info;

    /**
     * @param model the version and allocator to price the listed keys with, or null to take the listed sizes as they are
     * @param info  INFO dumps of the same instance; the one whose keyspace holds as many keys as the listing is reconciled
     */
    public ListingDatasets(ListingOptions options, AggregationOptions aggregation, io.fragscope.analysis.cost.CostModel model,
                           List<RdbDatasets.MatchedInfo> info) {
        this(options, aggregation, info, format -> model);
    }

    /**
     * @param models the model for the listing's format once it is detected ({@link ModelChoice#forListing}: a format's
     *               tool may say how new the server was), or null to take the listed sizes as they are
     */
    public ListingDatasets(ListingOptions options, AggregationOptions aggregation, List<RdbDatasets.MatchedInfo> info,
                           java.util.function.Function<ListingFormat, io.fragscope.analysis.cost.CostModel> models) {
        this.options = options;
        this.aggregation = aggregation;
        this.models = models;
        this.info = info;
    }

    /**
     * What used_memory would hold for these keys: their allocations, plus what a listing leaves out — the
     * expires entries of keys with a TTL and every database's bucket arrays (as the RDB path counts them).
     */
    private static long estimatedUsedMemory(io.fragscope.analysis.cost.CostModel model, io.fragscope.analysis.keys.KeySummary k,
                                            io.fragscope.analysis.cost.KeyspaceCounter keyspace, boolean expiresEntriesInKeys) {
        io.fragscope.model.Allocator a = model.allocator().allocator();
        // used_memory counts what zmalloc adds: the usable size, or the request plus PREFIX_SIZE on builds without one
        long total = a.prefixSize() > 0 ? k.totals().requestedBytes() + k.totals().prefixOverheadBytes() : k.totals().allocatedBytes();
        return total + keyspace.charge(a, !expiresEntriesInKeys);
    }

    public DatasetOutcome analyze(Path file, KeyCostSink downstream) throws IOException {
        Files.getLastModifiedTime(file); // a missing file fails here, before anything is read
        return analyze(io.fragscope.source.InputSource.of(file), downstream);
    }

    /** As {@link #analyze(Path, KeyCostSink)} for an input held anywhere (opened twice: the dialect, then the rows). */
    public DatasetOutcome analyze(io.fragscope.source.InputSource file, KeyCostSink downstream) throws IOException {
        ListingFormat format;
        try (java.io.InputStream head = file.open()) {
            format = ListingReader.detect(head, file.name(), options);
        }
        io.fragscope.analysis.cost.CostModel model = models.apply(format);
        long listedAt = Math.max(0, file.modifiedMillis());
        io.fragscope.analysis.cost.ListingEstimator estimator = model == null ? null : new io.fragscope.analysis.cost.ListingEstimator(model);
        // A peer's size is its own estimate, not MEMORY USAGE: its formula is taken apart and the key re-priced.
        boolean peer = model != null && io.fragscope.analysis.cost.PeerListingEstimator.prices(format);
        io.fragscope.analysis.cost.PeerListingEstimator peers = peer ? new io.fragscope.analysis.cost.PeerListingEstimator(format, model) : null;
        Function<ListingRow, KeyCost> costing = estimator == null ? row -> ListedKeyCosts.asListed(row, listedAt)
                : peers != null ? row -> peers.estimate(row, listedAt)
                : row -> estimator.estimate(row, listedAt);
        KeyAggregator agg = new KeyAggregator(aggregation);
        io.fragscope.analysis.cost.KeyspaceCounter keyspace = model == null ? null
                : new io.fragscope.analysis.cost.KeyspaceCounter(model.layout(), model.clusterMode());
        InputException error = null;
        ListedLabels labels = new ListedLabels();
        long[] unsized = {0};
        try {
            ListingReader.read(file.open(), file.name(), options.withFormat(format), row -> {
                KeyCost c = costing.apply(row);
                if (row.sizeBytes() < 0) unsized[0]++;
                labels.add(row, c);
                agg.accept(c);
                if (keyspace != null) {
                    byte[] name = keyspace.perSlot() ? c.key().toByteArray() : null; // copied only to find a slot
                    keyspace.key(c.db(), name, name == null ? 0 : name.length, c.ttlMs() >= 0);
                }
                downstream.accept(c);
            });
        } catch (InputException e) {
            error = e;
        }
        String reason = model == null ? "sizes as the listing states them (" + format.description() + ")"
                : (peer ? "each key re-priced from the counts and lengths the listing states, the size the peer's own estimate ("
                        : "MEMORY USAGE as the listing states it (")
                + format.description() + "); requested and allocated bytes modelled for " + model.layout().version() + " (" + model.versionReason() + ") and allocator " + model.allocator().allocator().name()
                + " (" + model.allocator().reason() + ")";
        io.fragscope.analysis.keys.KeySummary keys = agg.summary();
        // A peer's row is priced as the RDB path prices a key, its expires entry included (PeerListingEstimator)
        long listed = keys.totals().keys();
        // Keys listed with an empty size cell (Redis 3.2 has no MEMORY USAGE) count as keys, but their bytes are not
        // known: the sum is no estimate of used_memory, and a comparison with INFO would blame the missing bytes on
        // the server (a 3.2.13 listing read 72 % "unexplained"). The listing is partial, and says how many.
        long estimated = model == null || unsized[0] > 0 ? -1 : estimatedUsedMemory(model, keys, keyspace, peer);
        java.util.Optional<RdbDatasets.MatchedInfo> closest = InfoMatch.reconcileWith(info, listed);
        DatasetSummary.Reconciliation rec = model == null || estimated < 0 ? null : closest.map(i -> DatasetSummary.Reconciliation.of(i, estimated)).orElse(null);
        // A header and no rows reads without error, but is as likely a capture that failed as an empty server: flagged.
        String note = error == null && listed == 0 ? join(EMPTY, labels.note()) : note(error, labels.note());
        if (unsized[0] > 0) note = join(String.format(java.util.Locale.ROOT, "%d of %d keys have no size (an empty size cell; Redis before 4.0 "
                + "has no MEMORY USAGE): they are counted as keys of 0 bytes, and no used_memory is estimated", unsized[0], listed), note);
        DatasetSummary s = new DatasetSummary(format.description(), model == null ? "" : model.layout().version().toString(),
                model == null ? "" : model.allocator().allocator().name(), reason, keys, estimated, -1, List.of(), rec,
                error == null && listed > 0 && unsized[0] == 0, note, listedAt / 1000, ModelChoice.clusterEnabled(InfoMatch.modelDump(info)));
        return new DatasetOutcome(s, error);
    }

    /** The note of a listing with a header and no rows. */
    static final String EMPTY = "a header and no rows: no key to analyse (an empty keyspace, or a listing script that failed "
            + "before its first key)";

    private static String join(String a, String b) { return b.isEmpty() ? a : a + "; " + b; }

    private static String note(InputException error, String labels) {
        if (error == null) return labels;
        return labels.isEmpty() ? error.getMessage() : error.getMessage() + "; " + labels;
    }
}
