package io.fragscope.report.rollup;

import io.fragscope.analysis.rollup.RollupFigures;

import java.util.List;
import java.util.function.Function;

/**
 * A column of the roll-up, once for every format: its snake_case name (JSON key, Parquet column, the workbook's
 * message key {@code rollup.col.NAME}), what kind of figure it is (the workbook's unit), and where its value is.
 *
 * @param name  snake_case, as the CSV outputs name columns
 * @param kind  how a workbook shows it
 * @param value the figure, or null when unknown
 */
public record RollupColumn(String name, Kind kind, Function<RollupFigures, Object> value) {

    /** Text; a count; bytes (the workbook shows MiB); a ratio. */
    public enum Kind { TEXT, COUNT, BYTES, RATIO }

    /** Every scalar figure of a roll-up row, in order; the lists (worst instances, hash tags) are apart. */
    public static final List<RollupColumn> ALL = List.of(
            c("scope", Kind.TEXT, RollupFigures::scope),
            c("cluster", Kind.TEXT, RollupFigures::cluster),
            c("files", Kind.COUNT, RollupFigures::files),
            c("files_failed", Kind.COUNT, RollupFigures::filesFailed),
            c("files_partial", Kind.COUNT, RollupFigures::filesPartial),
            c("input_bytes", Kind.BYTES, RollupFigures::inputBytes),
            c("instances", Kind.COUNT, RollupFigures::instances),
            c("used_memory", Kind.BYTES, RollupFigures::usedMemory),
            c("used_memory_rss", Kind.BYTES, RollupFigures::usedMemoryRss),
            c("fragmentation_bytes", Kind.BYTES, RollupFigures::fragmentationBytes),
            c("allocator_frag_bytes", Kind.BYTES, RollupFigures::allocatorFragBytes),
            c("allocator_rss_bytes", Kind.BYTES, RollupFigures::allocatorRssBytes),
            c("rss_overhead_bytes", Kind.BYTES, RollupFigures::rssOverheadBytes),
            c("mem_fragmentation_ratio", Kind.RATIO, RollupFigures::memFragmentationRatio),
            c("worst_fragmentation_ratio", Kind.RATIO, RollupFigures::worstFragmentationRatio),
            c("worst_instance", Kind.TEXT, RollupFigures::worstInstance),
            c("shards", Kind.COUNT, RollupFigures::shards),
            c("keys", Kind.COUNT, RollupFigures::keys),
            c("allocated_bytes", Kind.BYTES, RollupFigures::allocatedBytes),
            c("rounding_waste_bytes", Kind.BYTES, RollupFigures::roundingWasteBytes),
            c("estimated_used_memory", Kind.BYTES, RollupFigures::estimatedUsedMemory),
            c("shard_skew", Kind.RATIO, RollupFigures::shardSkew),
            c("heaviest_shard", Kind.TEXT, RollupFigures::heaviestShard),
            c("heaviest_shard_bytes", Kind.BYTES, RollupFigures::heaviestShardBytes),
            c("median_shard_bytes", Kind.BYTES, RollupFigures::medianShardBytes),
            c("slot_skew", Kind.RATIO, RollupFigures::slotSkew),
            c("heaviest_slot", Kind.COUNT, RollupFigures::heaviestSlot),
            c("heaviest_slot_shard", Kind.TEXT, RollupFigures::heaviestSlotShard),
            c("heaviest_slot_bytes", Kind.BYTES, RollupFigures::heaviestSlotBytes),
            c("heaviest_hash_tag", Kind.TEXT, RollupFigures::heaviestHashTag),
            c("heaviest_hash_tag_bytes", Kind.BYTES, RollupFigures::heaviestHashTagBytes),
            c("heaviest_hash_tag_shard", Kind.TEXT, RollupFigures::heaviestHashTagShard));

    private static RollupColumn c(String name, Kind kind, Function<RollupFigures, Object> value) {
        return new RollupColumn(name, kind, value);
    }
}
