package io.fragscope.analysis.rollup;

import java.util.List;

/**
 * A finished roll-up: the fleet, then each cluster worst first (the first of its {@link RollupFigures#worstInstances()}
 * by fragmentation ratio; clusters without INFO dumps last, then by name).
 */
public record Rollup(RollupFigures fleet, List<RollupFigures> clusters) {
    public Rollup { clusters = List.copyOf(clusters); }
}
