package io.fragscope.analysis.info;

import io.fragscope.source.info.InfoDump;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Where one dump's RSS went. Every figure is bytes; ratios are derived, never taken from
 * {@code *_human} fields. Fields missing from older versions are -1 (INFO gained the allocator
 * split in 5.0 and dataset/overhead in 4.0).
 *
 * @param fragmentationRatio {@code mem_fragmentation_ratio} as reported, or rss/used when the dump lacks it
 * @param ratioComputed      true when {@code fragmentationRatio} was computed here
 * @param reported           the allocator ratios and byte figures as the server printed them (INFO since 5.0, MEMORY
 *                           STATS): they win over any recomputation, because their meaning changed between versions
 *                           (Redis 7.4 and Valkey count only small-bin fragmentation in allocator_frag_*, without Lua:
 *                           object.c getMemoryOverheadData) and allocators other than jemalloc fill active/resident
 *                           their own way (a mimalloc Valkey printing allocator_frag_ratio 1.00 has active/allocated 2.33)
 */
public record MemoryBreakdown(
        long usedMemory, long rss, long peak, long dataset, long overhead, long startup,
        long allocatorAllocated, long allocatorActive, long allocatorResident,
        long replicationBacklog, long clientsNormal, long clientsReplicas, long aofBuffer,
        long lua, long scripts, long maxmemory,
        double fragmentationRatio, boolean ratioComputed, Reported reported) {

    /** Figures the server printed; NaN or {@code Long.MIN_VALUE} where the dump lacks them (bytes may be negative). */
    public record Reported(double allocatorFragRatio, long allocatorFragBytes, double allocatorRssRatio, long allocatorRssBytes,
                           double rssOverheadRatio, long rssOverheadBytes, long allocatorMuzzy, long rehashing,
                           long replicationBuffers, long slotMigration) {
        static Reported of(InfoDump d) {
            return new Reported(d.number("allocator_frag_ratio").orElse(Double.NaN), signed(d, "allocator_frag_bytes"),
                    d.number("allocator_rss_ratio").orElse(Double.NaN), signed(d, "allocator_rss_bytes"),
                    d.number("rss_overhead_ratio").orElse(Double.NaN), signed(d, "rss_overhead_bytes"),
                    signed(d, "allocator_muzzy"),
                    firstOf(d, "mem_overhead_db_hashtable_rehashing", "mem_overhead_hashtable_rehashing"),
                    firstOf(d, "mem_total_replication_buffers"),
                    sum(d, "mem_cluster_slot_import", "mem_cluster_slot_export"));
        }

        private static long signed(InfoDump d, String name) {
            OptionalLong v = d.bytes(name);
            return v.isPresent() ? v.getAsLong() : Long.MIN_VALUE;
        }

        private static long firstOf(InfoDump d, String... names) {
            for (String n : names) { long v = signed(d, n); if (v != Long.MIN_VALUE) return v; }
            return Long.MIN_VALUE;
        }

        private static long sum(InfoDump d, String... names) {
            long total = Long.MIN_VALUE;
            for (String n : names) {
                long v = signed(d, n);
                if (v != Long.MIN_VALUE) total = (total == Long.MIN_VALUE ? 0 : total) + v;
            }
            return total;
        }

        public static boolean has(long v) { return v != Long.MIN_VALUE; }
    }

    public static MemoryBreakdown of(InfoDump d) {
        long used = get(d, "used_memory");
        long rss = get(d, "used_memory_rss");
        OptionalDouble reported = d.number("mem_fragmentation_ratio");
        boolean computed = reported.isEmpty();
        double ratio = reported.orElse(used > 0 && rss >= 0 ? (double) rss / used : Double.NaN);
        long lua = d.bytes("used_memory_vm_total").orElse(d.bytes("used_memory_lua").orElse(-1));
        long scripts = d.bytes("used_memory_scripts").orElse(-1);
        return new MemoryBreakdown(used, rss, get(d, "used_memory_peak"), get(d, "used_memory_dataset"),
                get(d, "used_memory_overhead"), get(d, "used_memory_startup"),
                get(d, "allocator_allocated"), get(d, "allocator_active"), get(d, "allocator_resident"),
                get(d, "mem_replication_backlog"), get(d, "mem_clients_normal"), get(d, "mem_clients_slaves"),
                get(d, "mem_aof_buffer"), lua, scripts, get(d, "maxmemory"), ratio, computed, Reported.of(d));
    }

    private static long get(InfoDump d, String name) {
        OptionalLong v = d.bytes(name);
        return v.isPresent() ? v.getAsLong() : -1;
    }

    public boolean hasCore() { return usedMemory > 0 && rss >= 0; }

    public boolean hasAllocatorSplit() { return allocatorAllocated > 0 && allocatorActive > 0 && allocatorResident > 0 && rss > 0; }

    /** rss − used_memory: the whole gap the headline ratio describes. */
    public long fragmentationBytes() { return hasCore() ? rss - usedMemory : 0; }

    /**
     * allocator_frag_bytes as printed (5.0 … 7.2: active − allocated; 7.4+ and Valkey: small-bin holes only), else
     * allocator_active − allocator_allocated: free space inside slabs and pages (external fragmentation).
     */
    public long allocatorFragBytes() {
        if (reported != null && Reported.has(reported.allocatorFragBytes())) return reported.allocatorFragBytes();
        return hasAllocatorSplit() ? allocatorActive - allocatorAllocated : -1;
    }

    public double allocatorFragRatio() {
        if (reported != null && Double.isFinite(reported.allocatorFragRatio())) return reported.allocatorFragRatio();
        return hasAllocatorSplit() ? (double) allocatorActive / allocatorAllocated : Double.NaN;
    }

    /** allocator_rss_bytes as printed, else allocator_resident − allocator_active: dirty pages jemalloc kept; MEMORY PURGE can return them. */
    public long allocatorRssBytes() {
        if (reported != null && Reported.has(reported.allocatorRssBytes())) return reported.allocatorRssBytes();
        return hasAllocatorSplit() ? allocatorResident - allocatorActive : -1;
    }

    public double allocatorRssRatio() {
        if (reported != null && Double.isFinite(reported.allocatorRssRatio())) return reported.allocatorRssRatio();
        return hasAllocatorSplit() ? (double) allocatorResident / allocatorActive : Double.NaN;
    }

    /** rss_overhead_bytes as printed, else rss − allocator_resident: memory outside the allocator (Lua, libraries, stacks, fork copy-on-write). */
    public long processRssBytes() {
        if (reported != null && Reported.has(reported.rssOverheadBytes())) return reported.rssOverheadBytes();
        return hasAllocatorSplit() ? rss - allocatorResident : -1;
    }

    public double processRssRatio() {
        if (reported != null && Double.isFinite(reported.rssOverheadRatio())) return reported.rssOverheadRatio();
        return hasAllocatorSplit() ? (double) rss / allocatorResident : Double.NaN;
    }

    /**
     * allocator_active − allocator_allocated − allocator_frag_bytes: on 7.4+ and Valkey the part of the allocator's
     * active pages that is not small-bin fragmentation (large-allocation page rounding, Lua's heap), which active
     * defrag cannot reclaim; 0 where the server printed active − allocated itself.
     */
    public long allocatorActiveNotFrag() {
        if (!hasAllocatorSplit()) return 0;
        return Math.max(0, allocatorActive - allocatorAllocated - Math.max(0, allocatorFragBytes()));
    }

    public double peakRatio() { return usedMemory > 0 && peak > 0 ? (double) peak / usedMemory : Double.NaN; }

    /**
     * RSS as stacked segments that add up to RSS: dataset, overhead, allocator bookkeeping
     * (allocated beyond used_memory), allocator fragmentation, allocator RSS, process RSS.
     * Where a version lacks a split, the unsplit remainder is reported as {@link Segment#UNSPLIT_GAP}.
     * The allocator figures are sampled apart from RSS (server cron), so they can overshoot it:
     * each segment is capped at what RSS leaves, and the last one takes the remainder.
     */
    public long segment(Segment s) {
        return segments()[s.ordinal()];
    }

    public long[] segments() {
        long[] out = new long[Segment.values().length];
        if (!hasCore()) return out;
        boolean hasDataset = dataset >= 0 && overhead >= 0;
        long[] wanted = new long[out.length];
        wanted[Segment.DATASET.ordinal()] = hasDataset ? dataset : usedMemory;
        wanted[Segment.OVERHEAD.ordinal()] = hasDataset ? overhead : 0;
        if (hasAllocatorSplit()) {
            // allocated beyond used_memory, plus active pages the server does not count as fragmentation (7.4+)
            wanted[Segment.ALLOCATOR_OTHER.ordinal()] = Math.max(0, allocatorAllocated - usedMemory) + allocatorActiveNotFrag();
            wanted[Segment.ALLOCATOR_FRAGMENTATION.ordinal()] = Math.max(0, allocatorFragBytes());
            wanted[Segment.ALLOCATOR_RSS.ordinal()] = Math.max(0, allocatorRssBytes());
            wanted[Segment.PROCESS_RSS.ordinal()] = Long.MAX_VALUE;
        } else {
            wanted[Segment.UNSPLIT_GAP.ordinal()] = Long.MAX_VALUE;
        }
        long left = rss;
        for (int i = 0; i < out.length; i++) {
            long v = Math.max(0, Math.min(wanted[i], left));
            out[i] = v;
            left -= v;
        }
        return out;
    }

    public enum Segment { DATASET, OVERHEAD, ALLOCATOR_OTHER, ALLOCATOR_FRAGMENTATION, ALLOCATOR_RSS, PROCESS_RSS, UNSPLIT_GAP }
}
