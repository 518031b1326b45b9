package io.fragscope.analysis.info;

import java.time.Instant;
import java.util.List;

/**
 * The dumps of one instance in capture order.
 *
 * @param restarts         capture times of the first dump after each change of run_id
 * @param ratioPerDay      least-squares slope of mem_fragmentation_ratio per day over the current run (NaN with fewer than 3
 *                         dumps of known capture time, or less than an hour between the first and the last)
 * @param rssBytesPerDay   slope of used_memory_rss per day
 */
public record Series(String name, List<DumpAnalysis> dumps, List<Instant> restarts, double ratioPerDay, double rssBytesPerDay) {

    public Series { dumps = List.copyOf(dumps); restarts = List.copyOf(restarts); }

    public DumpAnalysis latest() { return dumps.get(dumps.size() - 1); }
}
