package io.fragscope.analysis.reclaim;

import java.util.List;

/**
 * One way of cleaning an instance, with what it is expected to give back. Steps are cumulative in plan order: each
 * step's {@code expectedRssAfterBytes} assumes the applicable steps above it were taken first.
 *
 * @param method                {@code memory-purge}, {@code active-defrag}, {@code restart}, {@code config}, {@code allocator},
 *                              {@code key-prefixes}, {@code expire}, {@code cold-data}
 * @param applicable            false when the step cannot work here ({@code reason} says why)
 * @param reason                message key suffix ({@code reclaim.reason.<reason>}) explaining the figure or why not
 * @param reasonArgs            the message's arguments (numbers as {@link io.fragscope.analysis.Bytes} where bytes)
 * @param reclaimableBytes      RSS expected back from this step (after the ones above it), bytes; 0 when not applicable
 * @param expectedRssAfterBytes used_memory_rss expected after this step, bytes
 * @param expectedRatioAfter    mem_fragmentation_ratio expected after this step
 * @param commands              what to run, literally (CONFIG SET lines, MEMORY PURGE…), or one of the instructions
 *                              {@link #RELOAD} and {@link #FAILOVER_OR_RESTART}; empty when nothing to run
 * @param estimatedSeconds      how long the step runs (active defrag), or -1
 */
public record ReclaimStep(String method, boolean applicable, String reason, List<Object> reasonArgs, long reclaimableBytes,
                          long expectedRssAfterBytes, double expectedRatioAfter, List<String> commands, double estimatedSeconds) {
    /** Not a command but an instruction (the keys convert only when loaded); a report in another language translates it. */
    public static final String RELOAD = "then reload: restart or failover (existing keys convert only when loaded)";
    /** The restart step's instruction; translated like {@link #RELOAD}. */
    public static final String FAILOVER_OR_RESTART = "failover to a replica, or SHUTDOWN SAVE and start";

    public ReclaimStep {
        reasonArgs = List.copyOf(reasonArgs);
        commands = List.copyOf(commands);
    }
}
