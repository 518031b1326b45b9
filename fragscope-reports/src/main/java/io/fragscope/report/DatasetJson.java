package io.fragscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.Dataset;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.Totals;

import java.io.IOException;

/** The {@code datasets} entries of summary.json. */
public final class DatasetJson implements JsonSummary.DatasetJson {

    @Override
    public void write(JsonGenerator g, Dataset d, Messages m) throws IOException {
        DatasetSummary s = d.summary();
        KeySummary k = s.keys();
        g.writeStartObject();
        g.writeStringField("source", d.source().toString());
        g.writeStringField("kind", d.kind().id());
        g.writeStringField("format", s.format());
        g.writeBooleanField("complete", s.complete());
        g.writeStringField("note", s.note());
        g.writeStringField("redis_version", s.redisVersion());
        g.writeStringField("allocator", s.allocator());
        g.writeStringField("model_reason", s.modelReason());
        totals(g, k.totals());
        JsonSummary.numberOrNull(g, "estimated_used_memory", s.estimatedUsedMemory());
        JsonSummary.numberOrNull(g, "writer_used_memory", s.writerUsedMemory());
        g.writeObjectFieldStart("by_type");
        for (Group<String> t : k.byType().groups()) {
            g.writeObjectFieldStart(t.key());
            totals(g, t.totals());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("what_if");
        for (DatasetSummary.AllocatorTotals a : s.whatIf()) {
            g.writeStartObject();
            g.writeStringField("allocator", a.allocator());
            g.writeNumberField("requested_bytes", a.requestedBytes());
            g.writeNumberField("allocated_bytes", a.allocatedBytes());
            g.writeNumberField("rounding_waste_bytes", a.roundingWasteBytes());
            g.writeNumberField("prefix_overhead_bytes", a.prefixOverheadBytes());
            JsonSummary.numberOrNull(g, "estimated_used_memory", a.estimatedUsedMemory());
            g.writeEndObject();
        }
        g.writeEndArray();
        DatasetSummary.Reconciliation r = s.reconciliation();
        if (r == null) {
            g.writeNullField("reconciliation");
        } else {
            g.writeObjectFieldStart("reconciliation");
            g.writeStringField("info_source", r.infoSource());
            g.writeStringField("matched_by", r.matchedBy());
            g.writeNumberField("used_memory", r.usedMemory());
            JsonSummary.numberOrNull(g, "used_memory_dataset", r.usedMemoryDataset());
            JsonSummary.numberOrNull(g, "used_memory_startup", r.usedMemoryStartup());
            g.writeNumberField("used_memory_rss", r.usedMemoryRss());
            g.writeNumberField("estimated_used_memory", r.estimatedUsedMemory());
            g.writeNumberField("unexplained_bytes", r.unexplained());
            g.writeEndObject();
        }
        JsonSummary.writeFindings(g, d.findings(), m);
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, Totals t) throws IOException {
        g.writeNumberField("keys", t.keys());
        g.writeNumberField("requested_bytes", t.requestedBytes());
        g.writeNumberField("allocated_bytes", t.allocatedBytes());
        g.writeNumberField("rounding_waste_bytes", t.roundingWasteBytes());
        g.writeNumberField("prefix_overhead_bytes", t.prefixOverheadBytes());
        g.writeNumberField("memory_usage_bytes", t.memoryUsageBytes());
        g.writeNumberField("keys_without_ttl", t.keysWithoutTtl());
    }
}
