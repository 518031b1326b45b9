package io.fragscope.analysis.dataset;

import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.listing.ListingOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SCAN + MEMORY USAGE listing (each groundtruth build's keys.csv: key, type, encoding, MEMORY USAGE, elements,
 * TTL) priced with the build's model, against the real growth of used_memory when its RDB was loaded.
 */
class ListingAccuracyTest {

    static double[] measure(Path build) throws IOException {
        InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);
        InfoDump loaded = parser.parse(build.resolve("info-reloaded.txt"));
        InfoDump empty = parser.parse(build.resolve("info-empty.txt"));
        CostModel model = ModelChoice.choose(null, null, Map.of(), Optional.of(loaded), Optional.empty());
        ListingDatasets listing = new ListingDatasets(ListingOptions.DEFAULTS, AggregationOptions.DEFAULTS, model, List.of());
        DatasetOutcome out = listing.analyze(build.resolve("keys.csv"), c -> { });
        long delta = loaded.bytes("used_memory").getAsLong() - empty.bytes("used_memory").getAsLong();
        long listed = out.summary().keys().totals().memoryUsageBytes();
        return new double[] {(out.summary().estimatedUsedMemory() - delta) * 100.0 / delta, (listed - delta) * 100.0 / delta};
    }

    /**
     * ±2 % on every build (the bound). Two gaps closed on the way: 5.0 was +2.4 % while quicklist nodes, which
     * fill up to 8 KiB, were rounded as if spread around their mean size, and its streams, whose OBJECT ENCODING is
     * "unknown", were not priced as streams; 8.6 with glibc was −3.0 % while the 16-byte entries of colliding set
     * members were taken at 16 bytes, where glibc hands out 24.
     */
    static double bound(String build) {
        return 2.0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.fragscope.testing.SharedFiles#groundTruthBuilds")
    void estimatedUsedMemoryFromTheListingMatchesTheRealGrowth(Path build) throws IOException {
        if (build.getFileName().toString().startsWith("3.")) return; // 3.2 has no MEMORY USAGE: nothing listed to price
        double[] e = measure(build);
        System.out.printf("listing %-22s estimated %+.2f%%  plain sum of MEMORY USAGE %+.2f%%%n", build.getFileName(), e[0], e[1]);
        assertTrue(Math.abs(e[0]) <= bound(build.getFileName().toString()), "estimated used_memory " + e[0] + "% off");
    }
}
