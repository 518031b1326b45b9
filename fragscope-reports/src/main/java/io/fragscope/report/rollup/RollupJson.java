package io.fragscope.report.rollup;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.analysis.rollup.RollupFigures;
import io.fragscope.report.table.JsonRenderer;
import io.fragscope.report.table.Table;
import io.fragscope.report.table.Unit;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code rollup.json}: the roll-up for scripts, written alike by {@code fragscope analyze} (inputs spanning several
 * shards) and by the fleet job. One object: {@code fleet}, then {@code clusters} worst first, each with the columns of
 * {@link RollupColumn#ALL} (snake_case; whole bytes; ratios as numbers; null when unknown), {@code worst_instances}
 * and {@code hash_tags}. Nothing in it depends on where the files were read from or when the run was, so two front
 * ends over the same files write the same bytes.
 */
public final class RollupJson {
    public static final String FILE = "rollup.json";

    private RollupJson() {}

    /** A scope's worst instances, ratio first; also the columns of the workbook's Worst instances sheet. */
    static final Table<RollupFigures.InstanceLine> WORST_INSTANCES = Table.<RollupFigures.InstanceLine>builder("worst_instances", "rollup.title.instances")
            .col("instance", "rollup.col.instance", Unit.TEXT, RollupFigures.InstanceLine::instance)
            .col("shard", "rollup.col.shard", Unit.TEXT, RollupFigures.InstanceLine::shard)
            // the order instances are ranked by, so next to their names
            .col("mem_fragmentation_ratio", "rollup.col.mem_fragmentation_ratio", Unit.RATIO, RollupFigures.InstanceLine::fragmentationRatio)
            .col("used_memory", "rollup.col.used_memory", Unit.BYTES, RollupFigures.InstanceLine::usedMemory)
            .col("used_memory_rss", "rollup.col.used_memory_rss", Unit.BYTES, RollupFigures.InstanceLine::usedMemoryRss)
            // negative when pages are swapped out
            .col("fragmentation_bytes", "rollup.col.fragmentation_bytes", Unit.SIGNED_BYTES, RollupFigures.InstanceLine::fragmentationBytes)
            .col("allocator_frag_bytes", "rollup.col.allocator_frag_bytes", Unit.BYTES, RollupFigures.InstanceLine::allocatorFragBytes)
            .build();

    /** A scope's heaviest hash tags; also the columns of the workbook's Hash tags sheet. */
    static final Table<RollupFigures.TagLine> HASH_TAGS = Table.<RollupFigures.TagLine>builder("hash_tags", "rollup.title.hash_tags")
            .col("tag", "rollup.col.tag", Unit.TEXT, RollupFigures.TagLine::tag)
            .col("shard", "rollup.col.shard", Unit.TEXT, RollupFigures.TagLine::shard)
            .col("shards", "rollup.col.tag_shards", Unit.COUNT, RollupFigures.TagLine::shards)
            .col("keys", "rollup.col.keys", Unit.COUNT, RollupFigures.TagLine::keys)
            .col("bytes", "rollup.col.tag_bytes", Unit.BYTES, RollupFigures.TagLine::bytes)
            .col("share_of_shard", "rollup.col.share_of_shard", Unit.RATIO, RollupFigures.TagLine::shareOfShard)
            .build();

    public static void write(Rollup rollup, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeFieldName("fleet");
            scope(g, rollup.fleet());
            g.writeArrayFieldStart("clusters");
            for (RollupFigures c : rollup.clusters()) scope(g, c);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void scope(JsonGenerator g, RollupFigures f) throws IOException {
        g.writeStartObject();
        for (RollupColumn c : RollupColumn.ALL) value(g, c.name(), c.value().apply(f));
        JsonRenderer.array(g, "worst_instances", WORST_INSTANCES, f.worstInstances(), false);
        JsonRenderer.array(g, "hash_tags", HASH_TAGS, f.hashTags(), false);
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, String name, Object v) throws IOException {
        g.writeFieldName(name);
        if (v == null) g.writeNull();
        else if (v instanceof Double d) g.writeNumber(d);
        else if (v instanceof Number n) g.writeNumber(n.longValue());
        else g.writeString(v.toString());
    }
}
