package io.fragscope.analysis.dataset;

import io.fragscope.Dataset;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.source.InputKind;
import io.fragscope.source.KeyName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which key prefixes grew between two RDB files of one instance (the same INFO series, or the same name
 * stem with different timestamps), taken in the order they were written. Prefixes are compared as far as
 * both files' capped prefix tables hold them.
 */
public final class DatasetGrowth {
    private DatasetGrowth() {}

    /** One prefix between two consecutive files of one instance. */
    public record PrefixGrowth(String series, Path from, Path to, KeyName prefix, long keysBefore, long keysAfter,
                               long bytesBefore, long bytesAfter) {
        public long growthBytes() { return bytesAfter - bytesBefore; }
    }

    public static List<PrefixGrowth> between(List<Dataset> datasets) {
        Map<String, List<Dataset>> bySeries = new LinkedHashMap<>();
        for (Dataset d : datasets) if (d.kind() == InputKind.RDB) bySeries.computeIfAbsent(d.series(), k -> new ArrayList<>()).add(d);
        List<PrefixGrowth> out = new ArrayList<>();
        for (Map.Entry<String, List<Dataset>> e : bySeries.entrySet()) {
            List<Dataset> files = new ArrayList<>(e.getValue());
            if (files.size() < 2) continue;
            files.sort(Comparator.comparingLong((Dataset d) -> d.summary().writtenAtSeconds()).thenComparing(d -> d.source().toString()));
            for (int i = 1; i < files.size(); i++) out.addAll(compare(e.getKey(), files.get(i - 1), files.get(i)));
        }
        return out;
    }

    private static List<PrefixGrowth> compare(String series, Dataset a, Dataset b) {
        Map<KeyName, Totals> before = new HashMap<>();
        for (Group<KeyName> g : a.summary().keys().byPrefix().groups()) before.put(g.key(), g.totals());
        List<PrefixGrowth> out = new ArrayList<>();
        for (Group<KeyName> g : b.summary().keys().byPrefix().groups()) {
            Totals t0 = before.remove(g.key());
            out.add(new PrefixGrowth(series, a.source(), b.source(), g.key(), t0 == null ? 0 : t0.keys(), g.totals().keys(),
                    t0 == null ? 0 : t0.allocatedBytes(), g.totals().allocatedBytes()));
        }
        for (Map.Entry<KeyName, Totals> gone : before.entrySet()) {
            out.add(new PrefixGrowth(series, a.source(), b.source(), gone.getKey(), gone.getValue().keys(), 0, gone.getValue().allocatedBytes(), 0));
        }
        out.sort(Comparator.comparingLong((PrefixGrowth p) -> -Math.abs(p.growthBytes())));
        return out;
    }
}
