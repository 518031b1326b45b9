package io.fragscope.analysis;

/** Where per-key costs go: aggregations, the streamed keys.csv, anything else. */
@FunctionalInterface
public interface KeyCostSink {
    void accept(KeyCost cost);
}
