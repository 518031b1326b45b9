package io.fragscope.analysis.dataset;

import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.InputSource;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.listing.ListingFormat;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingSniffer;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers' memory listings of each groundtruth build's dump.rdb, as the peers wrote them (gzip-compressed, byte for
 * byte; see listing/peers/README.md for the commands and commits), re-priced by fragscope from their element
 * counts and lengths with the build's model, against the real growth of used_memory when that RDB was loaded.
 * Each bound is the error measured here (to a hundredth of a percent, plus one hundredth): a change that makes a
 * format's pricing worse fails, one that makes it better passes (and should lower the figure here and in the README).
 * rdb-cli and HDT3213 cannot read every build's file (see the README there): those builds have no listing.
 */
class PeerListingAccuracyTest {
    static final Path PEERS = Path.of("fragscope-core/src/test/resources/listing/peers");

    /** Measured error of estimated used_memory, percent (sign kept), per tool folder and build. */
    static final Map<String, Map<String, Double>> MEASURED = Map.of(
            "rdb-tools", Map.ofEntries(
                    entry("3.2.13-jemalloc", -5.19),
                    entry("4.0.14-jemalloc", 6.57),
                    entry("4.0.14-libc", 4.79),
                    entry("5.0.14-jemalloc", 7.16),
                    entry("6.2.16-jemalloc", 4.39)),
            "hdt3213", Map.ofEntries(
                    entry("3.2.13-jemalloc", -1.36),
                    entry("4.0.14-jemalloc", 10.81),
                    entry("4.0.14-libc", -2.90),
                    entry("5.0.14-jemalloc", 10.67),
                    entry("6.2.16-jemalloc", 10.52),
                    entry("7.0.15-debian", -4.71),
                    entry("7.0.15-jemalloc", 1.50),
                    entry("7.2.6-jemalloc", 6.11),
                    entry("7.2.6-libc", 0.99),
                    entry("7.4.1-jemalloc", 6.07),
                    entry("8.0.6-jemalloc", 2.71),
                    entry("8.0.6-libc", -1.98),
                    entry("valkey-8.1.1-jemalloc", 36.00),
                    entry("valkey-8.1.1-libc", 33.99),
                    entry("valkey-9.1.2-jemalloc", 30.58),
                    entry("valkey-9.1.2-libc", 29.40)),
            "rdb-cli", Map.ofEntries(
                    entry("3.2.13-jemalloc", 14.94),
                    entry("4.0.14-jemalloc", 8.37),
                    entry("4.0.14-libc", -2.98),
                    entry("5.0.14-jemalloc", 7.71),
                    entry("6.2.16-jemalloc", 6.71),
                    entry("7.0.15-debian", -4.39),
                    entry("7.0.15-jemalloc", 0.99),
                    entry("7.2.6-jemalloc", 5.51),
                    entry("7.2.6-libc", 0.43),
                    entry("7.4.1-jemalloc", 5.48)));

    static Stream<Arguments> listings() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String tool : List.of("rdb-tools", "hdt3213", "rdb-cli")) {
            Path dir = PEERS.resolve(tool);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path gz : s.filter(p -> p.toString().endsWith(".csv.gz")).sorted().toList()) {
                    String build = gz.getFileName().toString().replace(".csv.gz", "");
                    out.add(Arguments.of(tool, build, gz));
                }
            }
        }
        return out.stream();
    }

    static InputSource gunzipped(Path gz) {
        return InputSource.of(Path.of(gz.toString().replace(".gz", "")), -1, 0, () -> new GZIPInputStream(Files.newInputStream(gz)));
    }

    static ListingFormat expected(String tool) {
        return switch (tool) {
            case "rdb-tools" -> ListingFormat.RDB_TOOLS;
            case "rdb-cli" -> ListingFormat.RDB_CLI;
            default -> ListingFormat.HDT3213;
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("listings")
    void estimatedUsedMemoryFromAPeerListingMatchesTheRealGrowth(String tool, String buildName, Path gz) throws IOException {
        byte[] head;
        try (InputStream in = gunzipped(gz).open()) {
            head = in.readNBytes(ListingSniffer.HEAD_BYTES);
        }
        assertEquals(Optional.of(expected(tool)), ListingSniffer.sniff(head), "the sniffer names the peer");

        Path build = SharedFiles.groundTruth().resolve(buildName);
        InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);
        InfoDump loaded = parser.parse(build.resolve("info-reloaded.txt"));
        InfoDump empty = parser.parse(build.resolve("info-empty.txt"));
        CostModel model = ModelChoice.choose(null, null, Map.of(), Optional.of(loaded), Optional.empty());
        ListingDatasets listing = new ListingDatasets(ListingOptions.DEFAULTS, AggregationOptions.DEFAULTS, model, List.of());
        DatasetOutcome out = listing.analyze(gunzipped(gz), c -> { });
        long delta = loaded.bytes("used_memory").getAsLong() - empty.bytes("used_memory").getAsLong();
        long listed = out.summary().keys().totals().memoryUsageBytes();
        double error = (out.summary().estimatedUsedMemory() - delta) * 100.0 / delta;
        double plain = (listed - delta) * 100.0 / delta;
        // What the keyspace and expires tables add on top of the keys (the part a listing cannot state): with the
        // peer's own sizes instead of fragscope's, it tells how much of the error is the peer's model of the keys.
        var t = out.summary().keys().totals();
        long keys = model.allocator().allocator().prefixSize() > 0 ? t.requestedBytes() + t.prefixOverheadBytes() : t.allocatedBytes();
        double withTables = (listed + out.summary().estimatedUsedMemory() - keys - delta) * 100.0 / delta;
        System.out.printf("peer %-9s %-22s keys %d estimated %+.3f%%  plain sum of listed sizes %+.2f%%  listed + tables %+.2f%%%n",
                tool, buildName, t.keys(), error, plain, withTables);
        assertEquals(null, out.error(), "the listing reads to its end");
        assertEquals(loaded.keyspace().stream().mapToLong(k -> k.keys()).sum(), t.keys(), "every key of the RDB is listed");
        Double measured = MEASURED.getOrDefault(tool, Map.of()).get(buildName);
        assertTrue(measured != null, "no measured bound for " + tool + " " + buildName);
        assertTrue(Math.abs(error) <= Math.abs(measured) + 0.01,
                tool + " " + buildName + ": estimated used_memory " + error + " % off, measured " + measured + " %");
    }
}
