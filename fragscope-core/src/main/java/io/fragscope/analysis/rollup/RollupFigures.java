package io.fragscope.analysis.rollup;

import java.util.List;

/**
 * The roll-up of one cluster ({@code scope} "cluster") or of the whole fleet ({@code scope} "fleet", {@code cluster}
 * null). Bytes are whole bytes, ratios plain numbers (four decimals); null when no input said. Shards and instances
 * are named {@code cluster/shard} and {@code cluster/instance}.
 *
 * <p>From the inputs: {@code files}, {@code filesFailed} (error or crashed), {@code filesPartial}, {@code inputBytes}.
 * From the latest INFO dump of each instance: {@code instances} and the sums of its memory figures;
 * {@code memFragmentationRatio} is the scope's RSS over its used memory (instances that give both);
 * {@code worstInstances} lists the instances worst first: highest mem_fragmentation_ratio among those with at least
 * 5 MiB of used_memory (the findings' floor: a freshly started server's ratio means nothing), then the small ones;
 * {@code worstFragmentationRatio} and {@code worstInstance} are the first of that order. From one key file per shard
 * (an RDB before a listing, then the latest): {@code shards}, {@code keys}, {@code allocatedBytes},
 * {@code roundingWasteBytes}, {@code estimatedUsedMemory}; {@code shardSkew} is the heaviest shard's allocated bytes
 * over the median shard's (the lower median); {@code slotSkew} the heaviest cluster slot over the average slot holding
 * keys, slots summed across the scope's shards (src/cluster.c keyHashSlot); {@code hashTags} the heaviest hash tags,
 * each with the shard holding most of its bytes and its share of that shard's allocated bytes.
 */
public record RollupFigures(String scope, String cluster, long files, long filesFailed, long filesPartial, long inputBytes,
                            long instances, Long usedMemory, Long usedMemoryRss, Long fragmentationBytes, Long allocatorFragBytes,
                            Long allocatorRssBytes, Long rssOverheadBytes, Double memFragmentationRatio, Double worstFragmentationRatio,
                            String worstInstance, long shards, Long keys, Long allocatedBytes, Long roundingWasteBytes,
                            Long estimatedUsedMemory, Double shardSkew, String heaviestShard, Long heaviestShardBytes,
                            Long medianShardBytes, Double slotSkew, Integer heaviestSlot, String heaviestSlotShard, Long heaviestSlotBytes,
                            String heaviestHashTag, Long heaviestHashTagBytes, String heaviestHashTagShard,
                            List<InstanceLine> worstInstances, List<TagLine> hashTags) {

    public RollupFigures {
        worstInstances = List.copyOf(worstInstances);
        hashTags = List.copyOf(hashTags);
    }

    /** An instance's latest dump, as the roll-up lists it (bytes, the ratio as INFO gives it). */
    public record InstanceLine(String instance, String shard, Long usedMemory, Long usedMemoryRss, Long fragmentationBytes,
                               Long allocatorFragBytes, Double fragmentationRatio) {}

    /**
     * A hash tag of the scope.
     *
     * @param shard        the shard holding most of its bytes
     * @param shards       shards that hold it (more than one only while a slot migrates, or in stale files)
     * @param shareOfShard its bytes over that shard's allocated bytes
     */
    public record TagLine(String tag, String shard, int shards, long keys, long bytes, Double shareOfShard) {}
}
