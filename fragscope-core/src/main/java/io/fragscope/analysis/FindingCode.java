package io.fragscope.analysis;

/**
 * Stable finding codes. The string is the contract with scripts ({@code --fail-on}, summary.json):
 * never rename one, only add.
 */
public enum FindingCode {
    HIGH_FRAGMENTATION("high-fragmentation"),
    SWAPPING("swapping"),
    TINY_INSTANCE("tiny-instance"),
    PEAK_ABOVE_CURRENT("peak-above-current"),
    ALLOCATOR_FRAGMENTATION("allocator-fragmentation"),
    ALLOCATOR_RSS_OVERHEAD("allocator-rss-overhead"),
    PROCESS_RSS_OVERHEAD("process-rss-overhead"),
    BIG_CLIENT_BUFFERS("big-client-buffers"),
    BIG_REPLICA_BUFFERS("big-replica-buffers"),
    MANY_SCRIPTS("many-scripts"),
    ACTIVEDEFRAG_CANDIDATE("activedefrag-candidate"),
    ACTIVEDEFRAG_RUNNING("activedefrag-running"),
    RESTART_TO_RECLAIM("restart-to-reclaim"),
    RSS_ABOVE_MAXMEMORY("rss-above-maxmemory"),
    NEAR_MAXMEMORY("near-maxmemory"),
    FRAGMENTATION_GROWING("fragmentation-growing"),
    RESTART_DETECTED("restart-detected"),
    RATIO_COMPUTED("ratio-computed"),
    PARTIAL_INPUT("partial-input"),
    ESTIMATE_UNEXPLAINED("estimate-unexplained"),
    ROUNDING_WASTE("rounding-waste"),
    KEYSPACE_TABLES("keyspace-tables"),
    SIZE_CLASS_HOLES("size-class-holes"),
    OTHER_SERVER("other-server"),
    MEMORY_DOCTOR("memory-doctor");

    private final String id;

    FindingCode(String id) { this.id = id; }

    public String id() { return id; }

    public static FindingCode fromId(String id) {
        for (FindingCode c : values()) if (c.id.equals(id)) return c;
        throw new IllegalArgumentException("unknown finding code '" + id + "'");
    }
}
