package io.fragscope.analysis.info;

import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.source.info.InfoDump;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@code MEMORY DOCTOR} (object.c getMemoryDoctorReport: 5 MiB "empty" floor, 1.1/1.5 ratios
 * with a 10 MiB byte floor) applied to a saved dump, plus what the doctor does not say: whether active
 * defrag can work on this build, when MEMORY PURGE helps, when only a restart or failover gives memory back.
 */
public final class InfoFindings {

    static final long MIB = 1L << 20;
    /** MEMORY DOCTOR calls an instance under 5 MiB empty: its ratios are dominated by fixed costs. */
    static final long TINY = 5 * MIB;
    static final long BYTES_THAT_MATTER = 10 * MIB;
    /** Redis's own active-defrag-ignore-bytes default (100mb) and threshold-lower default (10%). */
    static final long DEFRAG_IGNORE_BYTES = 100 * MIB;
    static final double DEFRAG_THRESHOLD_LOWER = 1.10;

    private final FindingThresholds t;

    public InfoFindings(FindingThresholds thresholds) { this.t = thresholds; }

    public List<Finding> evaluate(InfoDump dump, MemoryBreakdown b, ServerFacts s) {
        List<Finding> out = new ArrayList<>();
        if (dump.partial()) {
            out.add(f(FindingCode.PARTIAL_INPUT, Severity.WARNING, ev("warnings", dump.warnings().size()),
                    String.join("; ", dump.warnings()), io.fragscope.analysis.dataset.DatasetFindings.PARTIAL_INFO));
        }
        if (!s.product().equals("redis") && !s.product().equals("valkey")) {
            // Dragonfly and KeyDB print Redis's field names for clients, but their memory is laid out and allocated
            // their own way: the figures are read as printed, the Redis-specific advice is held back.
            out.add(f(FindingCode.OTHER_SERVER, Severity.INFO, ev("server", s.product(), "version", s.version(),
                    "mem_allocator", s.allocator()), s.displayName()));
        }
        if (!b.hasCore()) return out;
        double ratio = b.fragmentationRatio();
        long gap = b.fragmentationBytes();
        if (b.ratioComputed()) {
            out.add(f(FindingCode.RATIO_COMPUTED, Severity.INFO, ev("mem_fragmentation_ratio", round2(ratio)), round2(ratio)));
        }
        if (b.usedMemory() < TINY) {
            out.add(f(FindingCode.TINY_INSTANCE, Severity.INFO, ev("used_memory", b.usedMemory(), "used_memory_rss", b.rss()),
                    new Bytes(b.usedMemory()), round2(ratio)));
            return out;
        }
        // Which part of the gap is large enough to act on decides the advice: a restart only helps against
        // allocator fragmentation, MEMORY PURGE only against allocator RSS (dirty pages).
        boolean split = b.hasAllocatorSplit();
        boolean fragLarge = split && b.allocatorFragRatio() > 1.1 && b.allocatorFragBytes() > BYTES_THAT_MATTER;
        boolean rssLarge = split && b.allocatorRssRatio() > 1.1 && b.allocatorRssBytes() > BYTES_THAT_MATTER;
        boolean processLarge = split && b.processRssRatio() > 1.1 && b.processRssBytes() > BYTES_THAT_MATTER;
        boolean fragmented = false;
        if (ratio > t.fragmentationRatio() && gap >= BYTES_THAT_MATTER) {
            fragmented = !split;
            int cause = !split ? 0 : fragLarge || rssLarge || processLarge ? 2 : 1;
            // No part of the gap large enough to act on (cause 1): the ratio is the process's fixed overhead over a small
            // dataset, worth knowing, not a warning whose advice is "nothing to reclaim"
            Severity sev = cause == 1 ? Severity.INFO
                    : ratio >= t.criticalFragmentationRatio() && gap >= t.criticalFragmentationBytes() ? Severity.CRITICAL : Severity.WARNING;
            out.add(f(FindingCode.HIGH_FRAGMENTATION, sev,
                    explainedBy(b, ev("mem_fragmentation_ratio", round2(ratio), "used_memory", b.usedMemory(), "used_memory_rss", b.rss(), "fragmentation_bytes", gap)),
                    round2(ratio), new Bytes(gap), new Bytes(b.rss()), new Bytes(b.usedMemory()), cause,
                    new Bytes(Math.max(0, b.allocatorFragBytes())), new Bytes(Math.max(0, b.allocatorRssBytes())),
                    new Bytes(Math.max(0, b.processRssBytes()))));
        }
        if (ratio < 1.0) {
            Severity sev = ratio < 0.9 ? Severity.CRITICAL : Severity.WARNING;
            out.add(f(FindingCode.SWAPPING, sev,
                    ev("mem_fragmentation_ratio", round2(ratio), "used_memory", b.usedMemory(), "used_memory_rss", b.rss()),
                    round2(ratio), new Bytes(b.usedMemory() - b.rss())));
        }
        if (b.peakRatio() > 1.5) {
            out.add(f(FindingCode.PEAK_ABOVE_CURRENT, Severity.WARNING,
                    ev("used_memory_peak", b.peak(), "used_memory", b.usedMemory(), "peak_ratio", round2(b.peakRatio())),
                    round2(b.peakRatio()), new Bytes(b.peak()), peakAdvice(b, s, fragLarge, rssLarge), new Bytes(b.rss())));
        }
        if (b.hasAllocatorSplit()) {
            if (fragLarge) {
                fragmented = true;
                out.add(f(FindingCode.ALLOCATOR_FRAGMENTATION, Severity.WARNING,
                        ev("allocator_frag_ratio", round2(b.allocatorFragRatio()), "allocator_frag_bytes", b.allocatorFragBytes()),
                        round2(b.allocatorFragRatio()), new Bytes(b.allocatorFragBytes()),
                        s.defrag() == ServerFacts.Availability.NO ? 0 : s.defrag() == ServerFacts.Availability.YES ? 1 : 2));
            }
            if (rssLarge) {
                out.add(f(FindingCode.ALLOCATOR_RSS_OVERHEAD, Severity.WARNING,
                        muzzy(b, ev("allocator_rss_ratio", round2(b.allocatorRssRatio()), "allocator_rss_bytes", b.allocatorRssBytes())),
                        round2(b.allocatorRssRatio()), new Bytes(b.allocatorRssBytes()), s.purgeChoice(), s.allocator().isEmpty() ? "?" : s.allocator()));
            }
            if (processLarge) {
                out.add(f(FindingCode.PROCESS_RSS_OVERHEAD, Severity.WARNING,
                        ev("rss_overhead_ratio", round2(b.processRssRatio()), "rss_overhead_bytes", b.processRssBytes(), "used_memory_lua", b.lua()),
                        round2(b.processRssRatio()), new Bytes(b.processRssBytes()), new Bytes(Math.max(0, b.lua()))));
            }
            double fragPct = (b.allocatorFragRatio() - 1) * 100;
            long running = dump.bytes("active_defrag_running").orElse(0);
            if (running > 0) {
                out.add(f(FindingCode.ACTIVEDEFRAG_RUNNING, Severity.INFO, ev("active_defrag_running", running), running));
            } else if (b.allocatorFragRatio() >= DEFRAG_THRESHOLD_LOWER && b.allocatorFragBytes() >= DEFRAG_IGNORE_BYTES
                    && s.defrag() != ServerFacts.Availability.NO) {
                out.add(f(FindingCode.ACTIVEDEFRAG_CANDIDATE, Severity.WARNING,
                        ev("allocator_frag_ratio", round2(b.allocatorFragRatio()), "allocator_frag_bytes", b.allocatorFragBytes()),
                        Math.round(fragPct), new Bytes(b.allocatorFragBytes()), s.defrag() == ServerFacts.Availability.UNKNOWN ? 1 : 0));
            }
        }
        if (fragmented && s.defrag() == ServerFacts.Availability.NO) {
            out.add(f(FindingCode.RESTART_TO_RECLAIM, Severity.WARNING,
                    ev("mem_allocator", s.allocator(), "executable", s.executable(), "server", s.product(), "version", s.version()),
                    s.allocator().isEmpty() ? "?" : s.allocator(), s.distributionBuild() ? 1 : 0, s.displayName()));
        }
        keyspaceTables(dump, b).ifPresent(out::add);
        long clients = dump.bytes("connected_clients").orElse(0);
        if (clients > 0 && b.clientsNormal() > 0 && b.clientsNormal() / clients > 200 * 1024) {
            out.add(f(FindingCode.BIG_CLIENT_BUFFERS, Severity.WARNING,
                    ev("mem_clients_normal", b.clientsNormal(), "connected_clients", clients),
                    new Bytes(b.clientsNormal()), clients));
        }
        long replicas = dump.bytes("connected_slaves").orElse(0);
        if (replicas > 0 && b.clientsReplicas() > BYTES_THAT_MATTER) {
            out.add(f(FindingCode.BIG_REPLICA_BUFFERS, Severity.WARNING,
                    ev("mem_clients_slaves", b.clientsReplicas(), "connected_slaves", replicas), new Bytes(b.clientsReplicas()), replicas));
        }
        long scripts = dump.bytes("number_of_cached_scripts").orElse(0);
        if (scripts > 1000) {
            out.add(f(FindingCode.MANY_SCRIPTS, Severity.WARNING, ev("number_of_cached_scripts", scripts), scripts));
        }
        if (b.maxmemory() > 0) {
            if (b.rss() > b.maxmemory()) {
                out.add(f(FindingCode.RSS_ABOVE_MAXMEMORY, Severity.WARNING,
                        ev("used_memory_rss", b.rss(), "maxmemory", b.maxmemory()), new Bytes(b.rss()), new Bytes(b.maxmemory())));
            }
            double use = (double) b.usedMemory() / b.maxmemory();
            if (use > 0.9) {
                out.add(f(FindingCode.NEAR_MAXMEMORY, use > 0.98 ? Severity.CRITICAL : Severity.WARNING,
                        ev("used_memory", b.usedMemory(), "maxmemory", b.maxmemory(), "maxmemory_policy",
                                dump.text("maxmemory_policy").orElse("")),
                        Math.round(use * 100), dump.text("maxmemory_policy").orElse("?")));
            }
        }
        return out;
    }

    /** Share of used_memory from which the keyspace tables are worth a line: a tenth, and a mebibyte. */
    static final double KEYSPACE_TABLES_SHARE = 0.10;

    /**
     * What only MEMORY STATS says (object.c getMemoryOverheadData): the keyspace hash tables of every db (buckets and,
     * before 8.0, a dictEntry per key), keys.bytes-per-key and dataset.percentage. Many small keys make the tables a
     * large part of used_memory.
     */
    static java.util.Optional<Finding> keyspaceTables(InfoDump dump, MemoryBreakdown b) {
        long tables = 0;
        boolean any = false;
        for (var f : dump.fields()) {
            if (!f.section().equals("Memory stats")) continue;
            String k = f.name();
            if (k.startsWith("db.") && k.contains(".overhead.hashtable.") || k.equals("overhead.db.hashtable.lut")) {
                try { tables += Long.parseLong(f.value().trim()); any = true; } catch (NumberFormatException e) { /* not bytes */ }
            }
        }
        if (!any || b.usedMemory() <= 0) return java.util.Optional.empty();
        double share = (double) tables / b.usedMemory();
        if (share < KEYSPACE_TABLES_SHARE || tables < MIB) return java.util.Optional.empty();
        long keys = dump.bytes("keys.count").orElse(-1);
        long perKey = dump.bytes("keys.bytes-per-key").orElse(-1);
        double datasetPct = dump.number("dataset.percentage").orElse(Double.NaN);
        Map<String, Object> evidence = ev("keyspace_table_bytes", tables, "used_memory", b.usedMemory(), "keys.count", keys,
                "keys.bytes-per-key", perKey, "dataset.percentage", Double.isNaN(datasetPct) ? -1 : round2(datasetPct));
        // Redis 8's INFO keysizes says how many of the keys are small: strings under 16 bytes, collections under 4 items.
        List<io.fragscope.source.info.KeysizesHistogram> sizes = io.fragscope.source.info.KeysizesHistogram.of(dump);
        if (!sizes.isEmpty()) {
            evidence.put("keysizes_keys", sizes.stream().mapToLong(io.fragscope.source.info.KeysizesHistogram::keys).sum());
            evidence.put("keysizes_small_keys", sizes.stream().mapToLong(h -> h.keysBelow(h.measure().equals("sizes") ? 16 : 4)).sum());
        }
        return java.util.Optional.of(f(FindingCode.KEYSPACE_TABLES, Severity.INFO, evidence,
                new Bytes(tables), Math.round(share * 100), keys, perKey, Double.isNaN(datasetPct) ? -1 : Math.round(datasetPct)));
    }

    /**
     * The newer INFO fields that account for part of RSS, where the dump has them and they are not zero: the
     * temporary second table of a keyspace rehash (mem_overhead_db_hashtable_rehashing, 7.4+/8.0), the replication
     * buffers shared by backlog and replicas (mem_total_replication_buffers, 7.0+), slot migration buffers
     * (mem_cluster_slot_import/export, Valkey 9) and the non-small-bin part of allocator_active (7.4+).
     */
    static Map<String, Object> explainedBy(MemoryBreakdown b, Map<String, Object> ev) {
        MemoryBreakdown.Reported r = b.reported();
        if (r == null) return ev;
        if (MemoryBreakdown.Reported.has(r.rehashing()) && r.rehashing() > 0) ev.put("mem_overhead_db_hashtable_rehashing", r.rehashing());
        if (MemoryBreakdown.Reported.has(r.replicationBuffers()) && r.replicationBuffers() > 0) ev.put("mem_total_replication_buffers", r.replicationBuffers());
        if (MemoryBreakdown.Reported.has(r.slotMigration()) && r.slotMigration() > 0) ev.put("mem_cluster_slot_migration", r.slotMigration());
        if (b.allocatorActiveNotFrag() > 0) ev.put("allocator_active_not_small_bin_frag", b.allocatorActiveNotFrag());
        return ev;
    }

    /** jemalloc's muzzy pages (allocator_muzzy, 7.4+/Valkey) are advised away but stay in RSS until the kernel takes them. */
    static Map<String, Object> muzzy(MemoryBreakdown b, Map<String, Object> ev) {
        if (b.reported() != null && MemoryBreakdown.Reported.has(b.reported().allocatorMuzzy())) ev.put("allocator_muzzy", b.reported().allocatorMuzzy());
        return ev;
    }

    /**
     * What gives back memory freed since the peak: 0 nothing but a restart (the allocator cannot purge), 1 MEMORY PURGE
     * (the pages sit in allocator RSS, or the dump cannot tell), 2 defrag or restart (they sit in fragmented pages,
     * which PURGE cannot return), 3 nothing (the allocator has returned them already).
     */
    static int peakAdvice(MemoryBreakdown b, ServerFacts s, boolean fragLarge, boolean rssLarge) {
        if (!s.purgeWorks()) return 0;
        if (!b.hasAllocatorSplit() || rssLarge) return 1;
        return fragLarge ? 2 : 3;
    }

    static Finding f(FindingCode code, Severity sev, Map<String, Object> evidence, Object... args) {
        return new Finding(code, sev, evidence, List.of(args));
    }

    static Map<String, Object> ev(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static double round2(double d) { return Math.round(d * 100) / 100.0; }
}
