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

    public ListingDatasets(ListingOptions options, AggregationOptions aggregation) {
        this.options = options;
        this.aggregation = aggregation;
    }

    public DatasetOutcome analyze(Path file, KeyCostSink downstream) throws IOException {
        ListingFormat format = ListingReader.detect(file, options);
        long listedAt = Files.getLastModifiedTime(file).toMillis();
        Function<ListingRow, KeyCost> costing = row -> ListedKeyCosts.asListed(row, listedAt);
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
        DatasetSummary s = new DatasetSummary(format.description(), "", "",
                "sizes as the listing states them (" + format.description() + ")", agg.summary(), -1, -1, List.of(), null,
                error == null, error == null ? "" : error.getMessage());
        return new DatasetOutcome(s, error);
    }
}
