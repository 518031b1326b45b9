package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.info.ServerFacts;

import java.util.Comparator;
import java.util.List;

/**
 * How a server's memory looks right after it loads an RDB file, per build, from the ground-truth measurements
 * ({@code shared/groundtruth/<build>/info-empty.txt} and {@code info-reloaded.txt}: a fresh server of each build,
 * empty and then after loading the same 8,020-key dataset). {@code FreshLoadTest} recomputes every row from those
 * files.
 *
 * <p>jemalloc: {@code allocator_active / allocator_allocated} of the reloaded server is the fragmentation a fresh load
 * leaves. Everything else in a jemalloc RSS depends on the machine (arenas per CPU, libraries), so the planner takes
 * it from the instance's own dump instead. libc and other allocators report no split: RSS grows with used_memory by
 * {@code (rss_reloaded − rss_empty) / (used_reloaded − used_empty)} over an empty-server RSS of
 * {@code rss_empty − used_empty} beyond used_memory.
 *
 * @param build          the ground-truth folder
 * @param product        redis or valkey
 * @param kind           {@link Kind}
 */
public record FreshLoad(String build, String product, int major, int minor, Kind kind,
                        long reloadedAllocated, long reloadedActive,
                        long emptyUsed, long emptyRss, long reloadedUsed, long reloadedRss) {

    public enum Kind { JEMALLOC_BUNDLED, JEMALLOC_DISTRIBUTION, LIBC }

    /** allocator_active / allocator_allocated after a fresh load (jemalloc builds). */
    public double activeRatio() { return reloadedAllocated > 0 ? (double) reloadedActive / reloadedAllocated : 1.0; }

    /** RSS bytes per byte of used_memory a load adds (libc builds). */
    public double rssPerUsed() { return (double) (reloadedRss - emptyRss) / (reloadedUsed - emptyUsed); }

    /** RSS of an empty server beyond its used_memory. */
    public long emptyRssBeyondUsed() { return emptyRss - emptyUsed; }

    public static final List<FreshLoad> GROUND_TRUTH = List.of(
            new FreshLoad("5.0.14-jemalloc", "redis", 5, 0, Kind.JEMALLOC_BUNDLED, 6399936, 6672384, 854560, 4681728, 6294576, 10354688),
            new FreshLoad("6.2.16-jemalloc", "redis", 6, 2, Kind.JEMALLOC_BUNDLED, 6503168, 6778880, 875928, 5169152, 6310176, 10670080),
            new FreshLoad("7.0.15-debian", "redis", 7, 0, Kind.JEMALLOC_DISTRIBUTION, 7508928, 7757824, 965872, 12263424, 6808248, 18399232),
            new FreshLoad("7.0.15-jemalloc", "redis", 7, 0, Kind.JEMALLOC_BUNDLED, 6502736, 6868992, 948464, 6201344, 6350720, 11333632),
            new FreshLoad("7.2.6-jemalloc", "redis", 7, 2, Kind.JEMALLOC_BUNDLED, 6036336, 6221824, 955688, 6516736, 5731800, 11808768),
            new FreshLoad("7.4.1-jemalloc", "redis", 7, 4, Kind.JEMALLOC_BUNDLED, 6635872, 6889472, 1036040, 7168000, 5814160, 12451840),
            new FreshLoad("8.0.6-jemalloc", "redis", 8, 0, Kind.JEMALLOC_BUNDLED, 8670560, 8916992, 742504, 8896512, 7716072, 16285696),
            new FreshLoad("8.6.3-jemalloc", "redis", 8, 6, Kind.JEMALLOC_BUNDLED, 8133856, 8433664, 795784, 9072640, 7356224, 16109568),
            new FreshLoad("valkey-8.1.1-jemalloc", "valkey", 8, 1, Kind.JEMALLOC_BUNDLED, 6206560, 6361088, 948352, 6955008, 5910128, 12267520),
            new FreshLoad("valkey-9.1.2-jemalloc", "valkey", 9, 1, Kind.JEMALLOC_BUNDLED, 6698232, 6893568, 996656, 7647232, 6404688, 13492224),
            new FreshLoad("4.0.14-libc", "redis", 4, 0, Kind.LIBC, 0, 0, 904059, 3940352, 6917778, 11657216),
            new FreshLoad("7.2.6-libc", "redis", 7, 2, Kind.LIBC, 0, 0, 1042520, 5767168, 6179432, 11862016),
            new FreshLoad("8.0.6-libc", "redis", 8, 0, Kind.LIBC, 0, 0, 754560, 7716864, 8185272, 16441344),
            new FreshLoad("8.6.3-libc", "redis", 8, 6, Kind.LIBC, 0, 0, 815192, 8294400, 7616472, 15790080),
            new FreshLoad("valkey-8.1.1-libc", "valkey", 8, 1, Kind.LIBC, 0, 0, 1029544, 6238208, 6100384, 12054528),
            new FreshLoad("valkey-9.1.2-libc", "valkey", 9, 1, Kind.LIBC, 0, 0, 1067608, 6737920, 6554368, 13082624));

    /** The measured build nearest to the dump's: same allocator kind, same product if measured, closest version. */
    public static FreshLoad nearest(ServerFacts s) {
        Kind kind = !s.jemalloc() ? Kind.LIBC : s.distributionBuild() ? Kind.JEMALLOC_DISTRIBUTION : Kind.JEMALLOC_BUNDLED;
        int v = s.major() * 100 + s.minor();
        return GROUND_TRUTH.stream()
                .sorted(Comparator.comparingInt((FreshLoad f) -> f.kind == kind ? 0 : f.kind != Kind.LIBC && kind != Kind.LIBC ? 1 : 2)
                        .thenComparingInt(f -> f.product.equals(s.product()) ? 0 : 1)
                        .thenComparingInt(f -> Math.abs(f.major * 100 + f.minor - v)))
                .findFirst().orElseThrow();
    }
}
