package io.fragscope.dev;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.cost.*;
import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.source.InputSource;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.listing.*;
import io.fragscope.source.rdb.RdbReader;

import java.nio.file.*;
import java.util.*;
import java.util.zip.GZIPInputStream;

/** Dev tool: per type/encoding, allocated bytes of a peer listing's re-pricing against the RDB's exact pricing. Args: BUILD_DIR PEER_GZ. */
public class PeerVsRdb {
    public static void main(String[] args) throws Exception {
        Path build = Path.of(args[0]);
        Path gz = Path.of(args[1]);
        InfoDump loaded = new InfoParser(ReadLimits.DEFAULTS).parse(build.resolve("info-reloaded.txt"));
        CostModel model = ModelChoice.choose(null, null, Map.of(), Optional.of(loaded), Optional.empty());
        Map<String, KeyCost> rdb = new HashMap<>();
        RdbKeyCoster c = new RdbKeyCoster(model, k -> rdb.put(k.db() + ":" + k.key().escaped(), k));
        RdbReader.read(build.resolve("dump.rdb"), ReadLimits.DEFAULTS, c);
        InputSource in = InputSource.of(Path.of(gz.toString().replace(".gz", "")), -1, 0, () -> new GZIPInputStream(Files.newInputStream(gz)));
        ListingFormat f;
        try (var h = in.open()) { f = ListingReader.detect(h, in.name(), ListingOptions.DEFAULTS); }
        PeerListingEstimator est = new PeerListingEstimator(f, model);
        Map<String, long[]> by = new TreeMap<>();
        boolean verbose = args.length > 2;
        ListingReader.read(in.open(), in.name(), ListingOptions.DEFAULTS.withFormat(f), row -> {
            KeyCost e = est.estimate(row, System.currentTimeMillis());
            KeyCost r = rdb.get(row.db() + ":" + row.key().escaped());
            if (r == null) return;
            String k = row.type() + "/" + row.encoding();
            long[] s = by.computeIfAbsent(k, x -> new long[4]);
            s[0]++; s[1] += e.allocatedBytes(); s[2] += r.allocatedBytes(); s[3] += row.sizeBytes();
            if (verbose && (args[2].equals(k)) && Math.abs(e.allocatedBytes() - r.allocatedBytes()) > 0)
                System.out.printf("    %s n=%d max=%d size=%d model=%d rdb=%d %s/%s%n", row.key().escaped(), row.elements(), row.largestElementBytes(), row.sizeBytes(), e.allocatedBytes(), r.allocatedBytes(), e.encoding(), r.encoding());
        });
        long[] tot = new long[4];
        by.forEach((k, s) -> { System.out.printf("  %-22s %5d peer-model %9d rdb %9d (%+8d) peer %9d%n", k, s[0], s[1], s[2], s[1] - s[2], s[3]); for (int i = 0; i < 4; i++) tot[i] += s[i]; });
        System.out.printf("  %-22s %5d peer-model %9d rdb %9d (%+8d) peer %9d%n", "TOTAL", tot[0], tot[1], tot[2], tot[1] - tot[2], tot[3]);
    }
}
