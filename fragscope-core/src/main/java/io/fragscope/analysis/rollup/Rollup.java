package io.fragscope.analysis.rollup;

import java.util.List;

/**
 * A finished roll-up: the fleet, then each cluster worst first (the first of its {@link RollupFigures#worstInstances()}
 * by fragmentation ratio; clusters without INFO dumps last, then by name).
 */
public record Rollup(RollupFigures fleet, List<RollupFigures> clusters) {
    public Rollup { clusters = List.copyOf(clusters); }

    /** Whether the inputs span more than one shard: a roll-up says something a single instance's report does not. */
    public boolean manyShards() {
        return clusters.size() > 1 || clusters.stream().anyMatch(c -> c.shards() > 1 || c.instances() > 1);
    }
}
