package io.fragscope.analysis.rollup;

import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;

import java.io.Serializable;

/**
 * What the roll-up takes from one INFO dump: the memory figures of {@link MemoryBreakdown} in bytes (null when the
 * dump does not say) and when it was captured (the roll-up keeps the latest dump of each instance: the latest
 * {@code capturedAtMs}, then the greatest path, so the choice never depends on the order files are met).
 *
 * @param path               where the dump was read (a local or Hadoop path)
 * @param capturedAtMs       the dump's capture time ({@link DumpAnalysis#capturedAt()}), epoch ms
 * @param usedMemory         INFO used_memory
 * @param usedMemoryRss      INFO used_memory_rss
 * @param fragmentationBytes used_memory_rss − used_memory (may be negative: swapped out)
 * @param allocatorFragBytes INFO allocator_frag_bytes (allocator_active − allocator_allocated)
 * @param allocatorRssBytes  INFO allocator_rss_bytes (allocator_resident − allocator_active)
 * @param rssOverheadBytes   INFO rss_overhead_bytes (process RSS beyond the allocator's resident bytes)
 * @param fragmentationRatio INFO mem_fragmentation_ratio (or computed from the two above)
 */
public record DumpFigures(FleetPlacement placement, String path, long capturedAtMs, Long usedMemory, Long usedMemoryRss,
                          Long fragmentationBytes, Long allocatorFragBytes, Long allocatorRssBytes, Long rssOverheadBytes,
                          Double fragmentationRatio) implements Serializable {

    public static DumpFigures of(FleetPlacement placement, String path, DumpAnalysis d) {
        MemoryBreakdown b = d.breakdown();
        return new DumpFigures(placement, path, d.capturedAt().at().toEpochMilli(), known(b.usedMemory()), known(b.rss()),
                b.hasCore() ? b.fragmentationBytes() : null, known(b.allocatorFragBytes()), known(b.allocatorRssBytes()),
                known(b.processRssBytes()), Double.isFinite(b.fragmentationRatio()) ? round4(b.fragmentationRatio()) : null);
    }

    /** Ratios as the tables hold them: four decimals. */
    public static double round4(double v) { return Math.round(v * 10000) / 10000.0; }

    private static Long known(long v) { return v < 0 ? null : v; }

    /** Whether this dump is later than {@code o}: capture time, then path. */
    boolean laterThan(DumpFigures o) {
        return capturedAtMs != o.capturedAtMs ? capturedAtMs > o.capturedAtMs : path.compareTo(o.path) > 0;
    }
}
