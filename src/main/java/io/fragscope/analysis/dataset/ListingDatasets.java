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

    private final io.fragscope.analysis.cost.CostModel model;

    /** @param model the version and allocator to price the listed keys with, or null to take the listed sizes as they are */
    public ListingDatasets(ListingOptions options, AggregationOptions aggregation, io.fragscope.analysis.cost.CostModel model) {
        this.options = options;
        this.aggregation = aggregation;
        this.model = model;
    }

    public DatasetOutcome analyze(Path file, KeyCostSink downstream) throws IOException {
        ListingFormat format = ListingReader.detect(file, options);
        long listedAt = Files.getLastModifiedTime(file).toMillis();
        io.fragscope.analysis.cost.ListingEstimator estimator = model == null ? null : new io.fragscope.analysis.cost.ListingEstimator(model);
        Function<ListingRow, KeyCost> costing = estimator == null ? row -> ListedKeyCosts.asListed(row, listedAt)
                : row -> estimator.estimate(row, listedAt);
        KeyAggregator agg = new KeyAggregator(aggregation);
        InputException error = null;
        try {
            ListingReader.read(file, options.withFormat(format), row -> {
                KeyCost c = costing.apply(row);
                agg.accept(c);
                downstream.accept(c);
            });
        } catch (InputException e) {
            error = e;
        }
        String reason = model == null ? "sizes as the listing states them (" + format.description() + ")"
                : "MEMORY USAGE as the listing states it (" + format.description() + "); requested and allocated bytes modelled for Redis "
                + model.layout().version() + " (" + model.versionReason() + ") and allocator " + model.allocator().allocator().name()
                + " (" + model.allocator().reason() + ")";
        DatasetSummary s = new DatasetSummary(format.description(), model == null ? "" : model.layout().version().toString(),
                model == null ? "" : model.allocator().allocator().name(), reason, agg.summary(), -1, -1, List.of(), null,
                error == null, error == null ? "" : error.getMessage(), listedAt / 1000);
        return new DatasetOutcome(s, error);
    }
}
