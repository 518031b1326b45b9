package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.memstats.MemoryDoctorReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Pairs a saved {@code MEMORY DOCTOR} text with the INFO dump of the same instance and time. The text has no figures,
 * so the pair is found the other way round: each dump's own figures are put through the doctor's checks (object.c
 * getMemoryDoctorReport: under 5 MiB empty; peak over 1.5× used; mem_fragmentation_ratio over 1.4, allocator frag,
 * allocator RSS and process RSS ratios over 1.1, each with more than 10 MiB; clients over 200 KiB on average; replicas
 * over 10 MiB; over 1,000 cached scripts) and a dump joins the text when it gives exactly the verdict and issues the
 * text lists, names the same server (Valkey 8+ says "Valkey") and, where the text names it, the same allocator. Of
 * the dumps that agree, one in the same folder wins, then the one captured nearest the text's time (its file name's
 * timestamp, else its modification time). A check whose fields a dump lacks (older servers) is not held against it.
 */
public final class MemoryDoctorJoin {
    private MemoryDoctorJoin() {}

    static final long MIB = 1L << 20;

    /** Where a text joined: series and dump index, and how the choice was made. */
    public record Match(int series, int dump, String how) {}

    /** The issue titles the doctor would list for this dump, in its order; empty when it would find none. */
    static Optional<List<String>> issues(InfoDump d) {
        OptionalLong used = d.bytes("used_memory");
        if (used.isEmpty()) return Optional.empty();
        List<String> out = new ArrayList<>();
        if (used.getAsLong() < 5 * MIB) return Optional.of(List.of("empty"));
        OptionalLong peak = d.bytes("used_memory_peak");
        if (peak.isPresent() && (double) peak.getAsLong() / used.getAsLong() > 1.5) out.add("Peak memory");
        if (over(d, "mem_fragmentation_ratio", 1.4, "mem_fragmentation_bytes")) out.add("High total RSS");
        if (over(d, "allocator_frag_ratio", 1.1, "allocator_frag_bytes")) out.add("High allocator fragmentation");
        if (over(d, "allocator_rss_ratio", 1.1, "allocator_rss_bytes")) out.add("High allocator RSS overhead");
        if (over(d, "rss_overhead_ratio", 1.1, "rss_overhead_bytes")) out.add("High process RSS overhead");
        OptionalLong replicas = d.bytes("connected_slaves"), clients = d.bytes("connected_clients");
        OptionalLong normal = d.bytes("mem_clients_normal"), replicaBytes = d.bytes("mem_clients_slaves");
        if (normal.isPresent() && clients.isPresent()) {
            long n = clients.getAsLong() - replicas.orElse(0);
            if (n > 0 && normal.getAsLong() / n > 200 * 1024) out.add("Big client buffers");
        }
        if (replicas.orElse(0) > 0 && replicaBytes.orElse(0) > 10 * MIB) out.add("Big replica buffers");
        if (d.bytes("number_of_cached_scripts").orElse(0) > 1000) out.add("Many scripts");
        return Optional.of(out);
    }

    private static boolean over(InfoDump d, String ratio, double limit, String bytes) {
        OptionalDouble r = d.number(ratio);
        OptionalLong b = d.bytes(bytes);
        return r.isPresent() && b.isPresent() && r.getAsDouble() > limit && b.getAsLong() > 10 * MIB;
    }

    /** True when the dump's figures give the text's verdict and issues, and the text names this server and allocator. */
    static boolean agrees(MemoryDoctorReport r, InfoDump d) {
        Optional<List<String>> expected = issues(d);
        if (expected.isEmpty()) return false;
        List<String> said = switch (r.verdict()) {
            case "empty" -> List.of("empty");
            case "no-issues" -> List.of();
            default -> r.issues();
        };
        if (!new java.util.HashSet<>(said).equals(new java.util.HashSet<>(expected.get()))) return false;
        if (r.product().equalsIgnoreCase("valkey") && !d.product().equals("valkey")) return false;
        if (r.product().equalsIgnoreCase("redis") && !d.product().equals("redis")
                && !(d.product().equals("valkey") && d.serverVersion().startsWith("7."))) return false;
        return r.allocator().isEmpty() || d.text("mem_allocator").map(a -> a.strip().equals(r.allocator())).orElse(true);
    }

    /** The dump the text belongs to, or empty when no dump gives what it says. */
    public static Optional<Match> find(MemoryDoctorReport r, List<Series> series) {
        Path folder = folder(r.source());
        Instant when = time(r.source());
        Match best = null;
        boolean bestNear = false;
        long bestGap = Long.MAX_VALUE;
        int agreeing = 0;
        for (int s = 0; s < series.size(); s++) {
            List<DumpAnalysis> dumps = series.get(s).dumps();
            for (int i = 0; i < dumps.size(); i++) {
                DumpAnalysis a = dumps.get(i);
                if (!agrees(r, a.dump())) continue;
                agreeing++;
                boolean near = folder != null && folder.equals(folder(a.dump().source()));
                long gap = when == null || a.capturedAt().basis() == CaptureTime.Basis.UNKNOWN ? Long.MAX_VALUE - 1
                        : Math.abs(Duration.between(when, a.capturedAt().at()).toSeconds());
                if (best == null || near && !bestNear || near == bestNear && gap < bestGap) {
                    best = new Match(s, i, "");
                    bestNear = near;
                    bestGap = gap;
                }
            }
        }
        if (best == null) return Optional.empty();
        String how = "its figures give the same " + (r.verdict().equals("issues") ? "issues" : "verdict")
                + (agreeing == 1 ? "" : bestNear ? "; of " + agreeing + " such dumps, the one in the same folder"
                + (bestGap < Long.MAX_VALUE - 1 ? " captured nearest the text" : "") : "; of " + agreeing + " such dumps, the one captured nearest the text");
        return Optional.of(new Match(best.series(), best.dump(), how));
    }

    /**
     * The finding that puts what the doctor said on its instance: args {0} the issue titles as the server printed them,
     * {1} the text's file name, {2} 0 issues, 1 no issue, 2 an instance too small to judge.
     */
    static Finding finding(MemoryDoctorReport r) {
        int verdict = switch (r.verdict()) {
            case "empty" -> 2;
            case "no-issues" -> 1;
            default -> 0;
        };
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("source", r.source().toString());
        ev.put("verdict", r.verdict());
        ev.put("issues", String.join("; ", r.issues()));
        return new Finding(FindingCode.MEMORY_DOCTOR, Severity.INFO, ev,
                List.of(String.join("; ", r.issues()), io.fragscope.source.FileNames.name(r.source()), verdict));
    }

    private static Path folder(Path p) {
        if (p == null) return null;
        Path parent = p.toAbsolutePath().normalize().getParent();
        return parent;
    }

    private static Instant time(Path p) {
        Optional<Instant> named = CaptureTime.fromName(p.getFileName().toString());
        if (named.isPresent()) return named.get();
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
