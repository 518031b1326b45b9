package io.fragscope.analysis.dataset;

import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.Series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the INFO dump of the instance that wrote an RDB file. Best: the file's {@code repl-id} AUX field
 * equals a dump's {@code master_replid} (4.0+; a dump from before a restart has another id); next, a dump
 * whose {@code rdb_last_save_time} is the file's {@code ctime} (the first one captured after that save). Else: the
 * instances with dumps in the same folder whose {@code redis_version} equals the file's {@code redis-ver}
 * (of each, the dump captured last).
 */
public final class InfoMatch {
    private InfoMatch() {}

    /**
     * Candidates for the instance that wrote {@code rdb}: one when repl-id matches; otherwise the latest dump of
     * each instance in the same folder with the same version (the caller keeps the one whose keyspace is closest
     * to the keys it read).
     */
    public static List<RdbDatasets.MatchedInfo> find(Path rdb, RdbHeader header, List<Series> series) {
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
        Optional<String> ver = Optional.ofNullable(header.redisVer());
        Path folder = rdb.toAbsolutePath().getParent();
        List<DumpAnalysis> candidates = new ArrayList<>();
        for (Series s : series) {
            DumpAnalysis latest = null;
            for (DumpAnalysis d : s.dumps()) {
                Path src = d.dump().source();
                boolean near = src != null && folder != null && src.toAbsolutePath().getParent() != null
                        && (src.toAbsolutePath().getParent().startsWith(folder) || folder.startsWith(src.toAbsolutePath().getParent())
                        || src.toAbsolutePath().getParent().getParent() != null && folder.getParent() != null
                        && src.toAbsolutePath().getParent().getParent().equals(folder.getParent()));
                boolean sameVersion = ver.isPresent() && ver.get().equals(d.server().version());
                if (near && sameVersion) latest = d;
            }
            if (latest != null) candidates.add(latest);
        }
        List<RdbDatasets.MatchedInfo> out = new ArrayList<>();
        for (DumpAnalysis d : candidates) out.add(new RdbDatasets.MatchedInfo(d.dump(), "same folder and version " + ver.orElse("")));
        return out;
    }

    /**
     * As {@link #find(Path, RdbHeader, List)} for an RDB held anywhere (the fleet job's Hadoop files): its header is
     * read here; {@code rdb.name()} is the name whose folder the last rule compares with the dumps' sources.
     */
    public static List<RdbDatasets.MatchedInfo> find(io.fragscope.source.InputSource rdb, List<Series> series) throws java.io.IOException {
        if (series.isEmpty()) return List.of();
        return find(rdb.name(), RdbHeader.read(rdb), series);
    }
}
