package io.fragscope.analysis.dataset;

import io.fragscope.analysis.keys.KeySummary;

import java.util.List;

/**
 * What one RDB file or listing says about its keys, and how the model priced them.
 *
 * @param format              what the input was ("RDB version 10", "redis-rdb-tools memory CSV")
 * @param redisVersion        the Redis version whose layout was modelled ("" when not modelled)
 * @param allocator           the allocator model used ("" when not modelled)
 * @param modelReason         why that version and allocator were chosen, in words
 * @param keys                per-key aggregation
 * @param estimatedUsedMemory what used_memory grows by when this data is loaded into an empty server, -1 if unknown
 * @param writerUsedMemory    used-mem the writer stored in the RDB aux fields, -1 if absent
 * @param whatIf              the same keys priced under every allocator model
 * @param reconciliation      comparison with an INFO dump of the same instance, or null
 * @param complete            false when the input was read only in part
 * @param note                partial-read reason, checksum status, skipped modules… ("" when none)
 * @param writtenAtSeconds    when the file was written (RDB ctime; a listing's modification time), epoch seconds, or -1
 * @param clusterEnabled      the {@code cluster_enabled} of the INFO dump the model was chosen by (true, false), or null
 *                            when no dump says: a roll-up counts the file's slots only when it is not false
 */
public record DatasetSummary(String format, String redisVersion, String allocator, String modelReason, KeySummary keys,
                             long estimatedUsedMemory, long writerUsedMemory, List<AllocatorTotals> whatIf,
                             Reconciliation reconciliation, boolean complete, String note, long writtenAtSeconds,
                             Boolean clusterEnabled) implements java.io.Serializable {

    public DatasetSummary { whatIf = List.copyOf(whatIf); }

    /** One row of the what-if table. */
    public record AllocatorTotals(String allocator, long requestedBytes, long allocatedBytes, long roundingWasteBytes,
                                  long prefixOverheadBytes, long estimatedUsedMemory) implements java.io.Serializable {}

    /**
     * The chain from keys to RSS for an instance that also has an INFO dump.
     *
     * @param infoSource        the dump compared with
     * @param matchedBy         how the dump was matched ("repl-id", "same folder and version")
     * @param usedMemoryStartup the dump's used_memory_startup, -1 when it has none (Redis before 4.0)
     */
    public record Reconciliation(String infoSource, String matchedBy, long usedMemory, long usedMemoryDataset,
                                 long usedMemoryStartup, long usedMemoryRss, long estimatedUsedMemory) implements java.io.Serializable {
        /** The chain for {@code estimated} bytes of keys against {@code matched}'s dump (its used_memory figures, -1 when absent). */
        static Reconciliation of(RdbDatasets.MatchedInfo matched, long estimated) {
            var d = matched.dump();
            return new Reconciliation(io.fragscope.source.FileNames.text(d.source()), matched.matchedBy(), d.bytes("used_memory").orElse(-1),
                    d.bytes("used_memory_dataset").orElse(-1), d.bytes("used_memory_startup").orElse(-1), d.bytes("used_memory_rss").orElse(-1),
                    estimated);
        }

        /** Whether the dump says what the server used at startup (used_memory_startup came with Redis 4.0). */
        public boolean startupKnown() { return usedMemoryStartup >= 0; }

        /**
         * used_memory the keys do not explain: buffers, scripts and keys written after the RDB, beside startup memory
         * when the dump reports it. Without used_memory_startup nothing is subtracted for it, so the figure includes it
         * ({@link #startupKnown()} tells which; the finding and the tables say so).
         */
        public long unexplained() { return usedMemory - (startupKnown() ? usedMemoryStartup : 0) - estimatedUsedMemory; }
    }
}
