package io.fragscope.dev;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.cost.RdbKeyCoster;
import io.fragscope.model.AllocatorChoice;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.model.RedisVersion;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.rdb.RdbReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** Dev tool: per type/encoding mismatches of MEMORY USAGE on one groundtruth build. */
public class Mismatch {
    public static void main(String[] a) throws Exception {
        Path build = Path.of(a[0]);
        int show = a.length > 1 ? Integer.parseInt(a[1]) : 3;
        InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);
        InfoDump loaded = parser.parse(build.resolve("info-reloaded.txt"));
        InfoDump empty = parser.parse(build.resolve("info-empty.txt"));
        String ver = loaded.text("valkey_version").isPresent() ? loaded.text("valkey_version").get() : loaded.text("redis_version").orElseThrow();
        CostModel model = io.fragscope.analysis.dataset.ModelChoice.choose(null, null, java.util.Map.of(), java.util.Optional.of(loaded), java.util.Optional.empty());
        Map<String, KeyCost> costs = new HashMap<>();
        RdbKeyCoster coster = new RdbKeyCoster(model, c -> costs.put(c.db() + ":" + c.key().escaped(), c));
        try { RdbReader.read(build.resolve("dump.rdb"), ReadLimits.DEFAULTS, coster); } catch (Exception e) { System.out.println("READ ERROR " + e.getMessage()); }
        long delta = loaded.bytes("used_memory").getAsLong() - empty.bytes("used_memory").getAsLong();
        List<String> lines = Files.readAllLines(build.resolve("keys.csv"));
        Map<String, int[]> byEnc = new TreeMap<>();
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, List<String>> samples = new TreeMap<>();
        long sumMu = 0, sumEst = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = io.fragscope.source.rdb.RdbCorpusTestAccess.parseCsv(line);
            KeyCost k = costs.get(f[0] + ":" + KeyName.unescape(f[1]).escaped());
            String te = f[2] + "/" + f[3];
            int[] c = byEnc.computeIfAbsent(te, x -> new int[2]);
            c[0]++;
            if (k == null) { samples.computeIfAbsent(te, x -> new ArrayList<>()).add("MISSING " + f[1]); continue; }
            if (f[4].isEmpty()) continue;
            long mu = Long.parseLong(f[4]);
            long[] sm = sums.computeIfAbsent(te, x -> new long[3]);
            sm[0] += mu; sm[1] += k.memoryUsageBytes(); sm[2] += k.allocatedBytes();
            sumMu += mu; sumEst += k.memoryUsageBytes();
            if (mu == k.memoryUsageBytes()) c[1]++;
            else {
                List<String> s = samples.computeIfAbsent(te, x -> new ArrayList<>());
                if (s.size() < show) s.add(String.format("%s el=%s ttl=%s real=%d est=%d (%+d) model=%s/%s", f[1].length() > 40 ? f[1].substring(0, 40) : f[1], f[5], f[6], mu, k.memoryUsageBytes(), k.memoryUsageBytes() - mu, k.type().redisName(), k.encoding().redisName()));
            }
        }
        System.out.printf("%s ver=%s delta=%d est=%d (%+.2f%%) sumMU=%d sumEst=%d%n", build.getFileName(), ver, delta, coster.estimatedUsedMemory(), (coster.estimatedUsedMemory() - delta) * 100.0 / delta, sumMu, sumEst);
        byEnc.forEach((te, c) -> {
            long[] sm = sums.getOrDefault(te, new long[3]);
            System.out.printf("  %-22s %5d exact %5d   sumMU %9d est %9d alloc %9d%n", te, c[0], c[1], sm[0], sm[1], sm[2]);
            for (String s : samples.getOrDefault(te, List.of())) System.out.println("      " + s);
        });
    }
}
