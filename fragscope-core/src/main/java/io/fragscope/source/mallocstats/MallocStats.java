package io.fragscope.source.mallocstats;

import java.nio.file.Path;
import java.util.List;

/**
 * One saved {@code MEMORY MALLOC-STATS} reply: jemalloc's {@code malloc_stats_print} (zmalloc.c zmalloc_stats →
 * je_malloc_stats_print), as far as fragmentation needs it.
 *
 * @param version   jemalloc's version line, "" when absent
 * @param allocated {@code stats.allocated} of the "Allocated: …, active: …, resident: …" line, bytes; -1 when absent
 * @param bins      the first {@code bins:} table (the merged arenas when there are several), one row per small size class
 * @param supported false for a build whose allocator has no statistics ("Stats not supported for the current allocator": libc)
 */
public record MallocStats(Path source, String version, long allocated, long active, long resident, long mapped,
                          List<Bin> bins, boolean supported, List<String> warnings) {

    public MallocStats { bins = List.copyOf(bins); warnings = List.copyOf(warnings); }

    /**
     * One small size class. {@code regions} per slab and {@code pages} per slab are jemalloc's bin_info; {@code inUse}
     * (curregs) and {@code slabs} (curslabs) are the current counts.
     */
    public record Bin(long size, long inUse, long slabs, long regions, long pages, double utilisation) {
        /** Free regions inside slabs that hold at least one live region: bytes active defrag could compact away. */
        public long holeBytes() { return Math.max(0, slabs * regions - inUse) * size; }

        public long inUseBytes() { return inUse * size; }
    }

    public long holeBytes() { return bins.stream().mapToLong(Bin::holeBytes).sum(); }
}
