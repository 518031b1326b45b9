package io.fragscope.dev;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.cost.*;
import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.listing.*;
import io.fragscope.source.rdb.RdbReader;

import java.nio.file.*;
import java.util.*;

/** Dev tool: per type/encoding, allocated bytes from the listing estimate against the RDB's exact pricing. */
public class ListingVsRdb {
    public static void main(String[] args) throws Exception {
        Path build = Path.of(args[0]);
        InfoDump loaded = new InfoParser(ReadLimits.DEFAULTS).parse(build.resolve("info-reloaded.txt"));
        CostModel model = ModelChoice.choose(null, null, Map.of(), Optional.of(loaded), Optional.empty());
        Map<String, KeyCost> rdb = new HashMap<>();
        RdbKeyCoster c = new RdbKeyCoster(model, k -> rdb.put(k.db() + ":" + k.key().escaped(), k));
        RdbReader.read(build.resolve("dump.rdb"), ReadLimits.DEFAULTS, c);
        ListingEstimator est = new ListingEstimator(model);
        Map<String, long[]> by = new TreeMap<>();
        ListingReader.read(build.resolve("keys.csv"), ListingOptions.DEFAULTS.withFormat(ListingReader.detect(build.resolve("keys.csv"), ListingOptions.DEFAULTS)), row -> {
            KeyCost e = est.estimate(row, System.currentTimeMillis());
            KeyCost r = rdb.get(row.db() + ":" + row.key().escaped());
            if (r == null) return;
            long[] s = by.computeIfAbsent(row.type() + "/" + row.encoding(), x -> new long[4]);
            s[0]++; s[1] += e.allocatedBytes(); s[2] += r.allocatedBytes(); s[3] += row.sizeBytes();
        });
        by.forEach((k, s) -> System.out.printf("  %-20s %5d listing %9d rdb %9d (%+d) listedMU %9d%n", k, s[0], s[1], s[2], s[1] - s[2], s[3]));
    }
}
