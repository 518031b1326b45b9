package io.fragscope.analysis.keys;

import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingReader;

import java.nio.file.Path;

/** Child-JVM entry for {@link LargeListingStreamingTest}: reads a listing, prints the totals. */
public final class ListingAggregationMain {
    private ListingAggregationMain() {}

    public static void main(String[] args) throws Exception {
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        long rows = ListingReader.read(Path.of(args[0]), ListingOptions.DEFAULTS,
                row -> agg.accept(ListedKeyCosts.asListed(row, 0)));
        KeySummary s = agg.summary();
        System.out.println(rows + " " + s.totals().keys() + " " + s.totals().allocatedBytes() + " "
                + s.totals().keysWithoutTtl() + " " + s.byPrefix().groups().size() + " " + s.byPrefix().foldedKeys()
                + " " + s.topByAllocated().get(0).key().escaped());
    }
}
