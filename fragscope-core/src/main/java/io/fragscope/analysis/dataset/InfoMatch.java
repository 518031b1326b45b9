package io.fragscope.analysis.dataset;

import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.Series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the INFO dumps of the instance that wrote a key input, by one rule for RDB files and listings. Best: an RDB's
 * {@code repl-id} AUX field equals a dump's {@code master_replid} (4.0+; a dump from before a restart has another id);
 * next, a dump whose {@code rdb_last_save_time} is the RDB's {@code ctime} (the first one captured after that save).
 * Else, and always for a listing (which says nothing of its server), the folder rule: every dump in the nearest folder
 * that has any (the same folder, else a sub- or parent folder, else a sibling folder that holds no key file of its own:
 * a sibling with its own RDB or listing is another shard's) of the RDB's writer's version (its {@code valkey-ver} AUX field, else its
 * {@code redis-ver}) as the dump states it ({@code valkey_version} on Valkey, else {@code redis_version}; the {@code redis_version} a Valkey reports to
 * clients, 7.2.4, matches too, for a Valkey that wrote it as {@code redis-ver}); a listing states no version, so any
 * dump of that folder is a candidate. The caller reconciles with the candidate whose keyspace holds the nearest number of
 * keys to those it read ({@link #reconcileWith}); among several instances' dumps beside a listing, only with one whose
 * keyspace holds its key count and no other instance's does.
 */
public final class InfoMatch {
    private InfoMatch() {}

    /**
     * Candidates for the instance that wrote {@code rdb}: one when repl-id matches; otherwise the latest dump of
     * each instance in the same folder with the same version (the caller keeps the one whose keyspace is closest
     * to the keys it read).
     */
    public static List<RdbDatasets.MatchedInfo> find(Path rdb, RdbHeader header, List<Series> series) {
        return find(rdb, header, series, Set.of());
    }

    /**
     * As {@link #find(Path, RdbHeader, List)}, knowing the run's other key files.
     *
     * @param keyFolders the folders (absolute, normalised) that hold a key file of the run (RDB, listing, key-scan
     *                   summary): a sibling folder among them holds another shard, and its dumps are that shard's
     */
    public static List<RdbDatasets.MatchedInfo> find(Path rdb, RdbHeader header, List<Series> series, Set<Path> keyFolders) {
        if (series.isEmpty()) return List.of();
        Optional<String> replId = Optional.ofNullable(header.replId());
        if (replId.isPresent()) {
            DumpAnalysis best = null;
            for (Series s : series) {
                for (DumpAnalysis d : s.dumps()) {
                    if (replId.get().equals(d.dump().text("master_replid").orElse(null))) best = d;
                }
            }
            if (best != null) return List.of(new RdbDatasets.MatchedInfo(best.dump(), "repl-id " + replId.get()));
        }
        // The save itself: INFO's rdb_last_save_time is the ctime the server wrote into the file.
        Optional<Long> ctime = Optional.ofNullable(header.ctime());
        if (ctime.isPresent()) {
            DumpAnalysis best = null;
            for (Series s : series) {
                for (DumpAnalysis d : s.dumps()) {
                    long saved = d.dump().bytes("rdb_last_save_time").orElse(-1);
                    if (saved >= 0 && Math.abs(saved - ctime.get()) <= 1 && (best == null || d.capturedAt().at().isBefore(best.capturedAt().at()))) best = d;
                }
            }
            if (best != null) return List.of(new RdbDatasets.MatchedInfo(best.dump(), "rdb_last_save_time = ctime " + ctime.get()));
        }
        // Valkey 8+ writes valkey-ver and no redis-ver; an RDB with neither (before 3.2) is matched by the folder rule to nothing.
        String writer = header.valkeyVer() != null ? header.valkeyVer() : header.redisVer();
        return writer == null ? List.of() : near(rdb, Optional.of(writer), series, true, keyFolders);
    }

    /**
     * The dumps that may be of the instance that wrote a listing: {@link #find}'s folder rule, any version. Dumps of one
     * instance are plain candidates; dumps of several stand only by their key count ({@link #reconcileWith}): the listing
     * is reconciled with one of them when its keyspace holds the keys read (within 1 %) and no other instance's does, as
     * the empty and the reloaded dump of one server across a restart are told apart.
     */
    public static List<RdbDatasets.MatchedInfo> forListing(Path listing, List<Series> series) {
        return forListing(listing, series, Set.of());
    }

    /** As {@link #forListing(Path, List)}, knowing the run's key folders ({@link #find(Path, RdbHeader, List, Set)}). */
    public static List<RdbDatasets.MatchedInfo> forListing(Path listing, List<Series> series, Set<Path> keyFolders) {
        List<RdbDatasets.MatchedInfo> one = near(listing, Optional.empty(), series, true, keyFolders);
        if (!one.isEmpty()) return one;
        List<RdbDatasets.MatchedInfo> out = new ArrayList<>();
        for (RdbDatasets.MatchedInfo m : besideListing(listing, series, keyFolders)) out.add(new RdbDatasets.MatchedInfo(m.dump(), BY_KEY_COUNT, true));
        return out;
    }

    /** How a listing's dump was found among several instances' dumps. */
    static final String BY_KEY_COUNT = "same folder, dumps of several instances; the only one whose keyspace holds the keys read (within 1 %)";

    /**
     * Of {@code candidates}, the dump to reconcile {@code listed} keys with: the one whose keyspace is nearest; among
     * several instances' dumps ({@link RdbDatasets.MatchedInfo#byKeyCount}), only a sure one.
     */
    public static Optional<RdbDatasets.MatchedInfo> reconcileWith(List<RdbDatasets.MatchedInfo> candidates, long listed) {
        java.util.Comparator<RdbDatasets.MatchedInfo> nearest = java.util.Comparator.comparingLong(i -> Math.abs(keyspaceKeys(i) - listed));
        Optional<RdbDatasets.MatchedInfo> closest = candidates.stream().min(nearest);
        if (closest.isEmpty() || !closest.get().byKeyCount()) return closest;
        long slack = Math.max(1, listed / 100);
        List<RdbDatasets.MatchedInfo> within = candidates.stream().filter(i -> Math.abs(keyspaceKeys(i) - listed) <= slack).toList();
        // one instance: a run_id shared by every dump within reach (the same server's dumps before a restart would be other run_ids)
        long instances = within.stream().map(i -> i.dump().text("run_id").orElse(String.valueOf(i.dump().source()))).distinct().count();
        return instances == 1 ? closest : Optional.empty();
    }

    private static long keyspaceKeys(RdbDatasets.MatchedInfo m) {
        return m.dump().keyspace().stream().mapToLong(io.fragscope.source.info.KeyspaceEntry::keys).sum();
    }

    /**
     * Every dump beside a listing (the folder rule, any version), of however many instances: the build to price the
     * listing with when they all show one ({@link #modelDump}), as a fleet's folder of one release does, and as one
     * instance does across a restart (its dumps before and after are two series). Reconciliation takes {@link #forListing}.
     */
    public static List<RdbDatasets.MatchedInfo> besideListing(Path listing, List<Series> series) {
        return besideListing(listing, series, Set.of());
    }

    /** As {@link #besideListing(Path, List)}, knowing the run's key folders ({@link #find(Path, RdbHeader, List, Set)}). */
    public static List<RdbDatasets.MatchedInfo> besideListing(Path listing, List<Series> series, Set<Path> keyFolders) {
        return near(listing, Optional.empty(), series, false, keyFolders);
    }

    /** The folders holding {@code keyFiles}, absolute and normalised: the {@code keyFolders} of the methods here. */
    public static Set<Path> foldersOf(java.util.Collection<Path> keyFiles) {
        Set<Path> out = new java.util.HashSet<>();
        for (Path f : keyFiles) {
            Path dir = f.toAbsolutePath().normalize().getParent();
            if (dir != null) out.add(dir);
        }
        return out;
    }

    /** How a dump matched by the folder rule was found, in words: the same for an RDB file and a listing. */
    static String nearReason(Optional<String> version) {
        return "same folder" + version.map(v -> " and version " + v).orElse("") + "; of its dumps, the one whose keyspace is closest to the keys read";
    }

    /**
     * Every dump beside {@code file}, of {@code version} when given, oldest first per instance, from the nearest folder
     * that has any: the file's own folder, else a sub- or parent folder, else a sibling folder (a folder per build or
     * per shard holds its own dumps; a layout of {@code rdb/}, {@code info/} and {@code keys/} folders keeps them in a
     * sibling) that is not among {@code keyFolders} (a sibling with a key file of its own is another shard's folder).
     * Without a version and with {@code oneInstance}, none unless they are all of one instance.
     */
    private static List<RdbDatasets.MatchedInfo> near(Path file, Optional<String> version, List<Series> series, boolean oneInstance,
                                                      Set<Path> keyFolders) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (folder == null) return List.of();
        String reason = nearReason(version);
        int nearest = Integer.MAX_VALUE;
        for (Series s : series) {
            for (DumpAnalysis d : s.dumps()) {
                if (version.map(v -> sameVersion(v, d)).orElse(true)) nearest = Math.min(nearest, distance(folder, d, keyFolders));
            }
        }
        if (nearest == Integer.MAX_VALUE) return List.of();
        List<RdbDatasets.MatchedInfo> out = new ArrayList<>();
        int instances = 0;
        for (Series s : series) {
            int before = out.size();
            for (DumpAnalysis d : s.dumps()) {
                if (distance(folder, d, keyFolders) == nearest && version.map(v -> sameVersion(v, d)).orElse(true)) out.add(new RdbDatasets.MatchedInfo(d.dump(), reason));
            }
            if (out.size() > before) instances++;
        }
        return oneInstance && version.isEmpty() && instances > 1 ? List.of() : out;
    }

    /**
     * How far a dump's folder is from {@code folder}: 0 the same, 1 a sub- or parent folder, 2 a sibling that holds no
     * key file ({@code keyFolders}), else unrelated.
     */
    private static int distance(Path folder, DumpAnalysis d, Set<Path> keyFolders) {
        Path src = d.dump().source();
        Path dir = src == null ? null : src.toAbsolutePath().normalize().getParent();
        if (dir == null) return Integer.MAX_VALUE;
        if (dir.equals(folder)) return 0;
        if (dir.startsWith(folder) || folder.startsWith(dir)) return 1;
        boolean sibling = dir.getParent() != null && dir.getParent().equals(folder.getParent());
        return sibling && !keyFolders.contains(dir) ? 2 : Integer.MAX_VALUE;
    }

    /**
     * Whether {@code version}, as an RDB's writer states it, is the version of the server that {@code d} describes: its
     * own ({@code valkey_version} on Valkey, ServerFacts.version) or the {@code redis_version} it reports to clients
     * (7.2.4 on Valkey, whose 7.2 line wrote that value as {@code redis-ver}; 8.0+ write {@code valkey-ver}).
     */
    private static boolean sameVersion(String version, DumpAnalysis d) {
        return version.equals(d.server().version()) || version.equals(d.dump().text("redis_version").map(String::strip).orElse(null));
    }

    /**
     * The dump to take the server's build from (allocator, version) before the keys are read: the latest candidate when
     * every candidate is of the same build (allocator, executable, version), else none (the model is assumed).
     */
    public static Optional<io.fragscope.source.info.InfoDump> modelDump(List<RdbDatasets.MatchedInfo> candidates) {
        if (candidates.isEmpty()) return Optional.empty();
        RdbDatasets.MatchedInfo last = candidates.get(candidates.size() - 1);
        for (RdbDatasets.MatchedInfo c : candidates) if (!sameBuild(c, last)) return Optional.empty();
        return Optional.of(last.dump());
    }

    private static boolean sameBuild(RdbDatasets.MatchedInfo a, RdbDatasets.MatchedInfo b) {
        return a.dump().text("mem_allocator").equals(b.dump().text("mem_allocator"))
                && a.dump().text("executable").equals(b.dump().text("executable"))
                && a.dump().serverVersion().equals(b.dump().serverVersion()); // valkey_version: Valkey's redis_version is always 7.2.4
    }
}
