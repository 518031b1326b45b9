package io.fragscope.report.rollup;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.analysis.rollup.RollupFigures;

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
        g.writeArrayFieldStart("worst_instances");
        for (RollupFigures.InstanceLine i : f.worstInstances()) {
            g.writeStartObject();
            value(g, "instance", i.instance());
            value(g, "shard", i.shard());
            value(g, "used_memory", i.usedMemory());
            value(g, "used_memory_rss", i.usedMemoryRss());
            value(g, "fragmentation_bytes", i.fragmentationBytes());
            value(g, "allocator_frag_bytes", i.allocatorFragBytes());
            value(g, "mem_fragmentation_ratio", i.fragmentationRatio());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hash_tags");
        for (RollupFigures.TagLine t : f.hashTags()) {
            g.writeStartObject();
            value(g, "tag", t.tag());
            value(g, "shard", t.shard());
            value(g, "shards", t.shards());
            value(g, "keys", t.keys());
            value(g, "bytes", t.bytes());
            value(g, "share_of_shard", t.shareOfShard());
            g.writeEndObject();
        }
        g.writeEndArray();
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
