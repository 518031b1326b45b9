package io.fragscope.report.rollup;

import io.fragscope.analysis.rollup.RollupFigures;
import io.fragscope.report.table.Unit;

import java.util.List;
import java.util.function.Function;

/**
 * A column of the roll-up, once for every format: its snake_case name (JSON key, Parquet column, the workbook's
 * message key {@code rollup.col.NAME}), its {@link Unit} (text, a count, bytes, a ratio: how the workbook shows it and
 * the Parquet column's type), and where its value is.
 *
 * @param name  snake_case, as the CSV outputs name columns
 * @param unit  {@link Unit#TEXT}, {@link Unit#COUNT}, {@link Unit#BYTES} or {@link Unit#RATIO}
 * @param value the figure, or null when unknown
 */
public record RollupColumn(String name, Unit unit, Function<RollupFigures, Object> value) {

    /** Every scalar figure of a roll-up row, in order; the lists (worst instances, hash tags) are apart. */
    public static final List<RollupColumn> ALL = List.of(
            c("scope", Unit.TEXT, RollupFigures::scope),
            c("cluster", Unit.TEXT, RollupFigures::cluster),
            c("files", Unit.COUNT, RollupFigures::files),
            c("files_failed", Unit.COUNT, RollupFigures::filesFailed),
            c("files_partial", Unit.COUNT, RollupFigures::filesPartial),
            c("input_bytes", Unit.BYTES, RollupFigures::inputBytes),
            c("instances", Unit.COUNT, RollupFigures::instances),
            c("used_memory", Unit.BYTES, RollupFigures::usedMemory),
            c("used_memory_rss", Unit.BYTES, RollupFigures::usedMemoryRss),
            c("fragmentation_bytes", Unit.BYTES, RollupFigures::fragmentationBytes),
            c("allocator_frag_bytes", Unit.BYTES, RollupFigures::allocatorFragBytes),
            c("allocator_rss_bytes", Unit.BYTES, RollupFigures::allocatorRssBytes),
            c("rss_overhead_bytes", Unit.BYTES, RollupFigures::rssOverheadBytes),
            c("mem_fragmentation_ratio", Unit.RATIO, RollupFigures::memFragmentationRatio),
            c("worst_fragmentation_ratio", Unit.RATIO, RollupFigures::worstFragmentationRatio),
            c("worst_instance", Unit.TEXT, RollupFigures::worstInstance),
            c("shards", Unit.COUNT, RollupFigures::shards),
            c("keys", Unit.COUNT, RollupFigures::keys),
            c("allocated_bytes", Unit.BYTES, RollupFigures::allocatedBytes),
            c("rounding_waste_bytes", Unit.BYTES, RollupFigures::roundingWasteBytes),
            c("estimated_used_memory", Unit.BYTES, RollupFigures::estimatedUsedMemory),
            c("shard_skew", Unit.RATIO, RollupFigures::shardSkew),
            c("heaviest_shard", Unit.TEXT, RollupFigures::heaviestShard),
            c("heaviest_shard_bytes", Unit.BYTES, RollupFigures::heaviestShardBytes),
            c("median_shard_bytes", Unit.BYTES, RollupFigures::medianShardBytes),
            c("slot_skew", Unit.RATIO, RollupFigures::slotSkew),
            c("heaviest_slot", Unit.COUNT, RollupFigures::heaviestSlot),
            c("heaviest_slot_shard", Unit.TEXT, RollupFigures::heaviestSlotShard),
            c("heaviest_slot_bytes", Unit.BYTES, RollupFigures::heaviestSlotBytes),
            c("heaviest_hash_tag", Unit.TEXT, RollupFigures::heaviestHashTag),
            c("heaviest_hash_tag_bytes", Unit.BYTES, RollupFigures::heaviestHashTagBytes),
            c("heaviest_hash_tag_shard", Unit.TEXT, RollupFigures::heaviestHashTagShard));

    private static RollupColumn c(String name, Unit unit, Function<RollupFigures, Object> value) {
        return new RollupColumn(name, unit, value);
    }
}
