package io.fragscope.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.report.table.JsonRenderer;
import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.Series;
import io.fragscope.source.info.InfoField;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code summary.json}: written in every run, for scripts. Keys are snake_case and stable. The tables in it
 * ({@code inputs}, each dataset's entry and its {@code by_type} ... tables, {@code prefix_growth}) are rendered from
 * their definitions ({@link InfoTables}, {@link KeyTables}); the dumps are a document of their own. */
public final class JsonSummary {
    public static final String FILE = "summary.json";

    private final JsonFactory factory = new JsonFactory();

    public void write(ReportContext ctx, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("tool", "fragscope");
            g.writeStringField("version", ctx.toolVersion());
            g.writeStringField("generated_at", ctx.generatedAt().toString());
            g.writeStringField("language", ctx.messages().locale().getLanguage().isEmpty() ? "en" : ctx.messages().locale().getLanguage());
            // The state now (each instance's latest dump, every dataset), as the console line, summary.md, fragscope.prom
            // and --fail-on judge it; an older dump's worse finding is history, in its own field.
            g.writeStringField("worst_severity", ctx.result().worstSeverityNow() == null ? null : ctx.result().worstSeverityNow().id());
            g.writeStringField("worst_severity_any_dump", ctx.result().worstSeverity() == null ? null : ctx.result().worstSeverity().id());
            JsonRenderer.array(g, "inputs", InfoTables.INPUTS, ctx.result().inputs(), false);
            g.writeArrayFieldStart("dumps");
            for (DumpAnalysis d : ctx.result().dumps()) writeDump(g, d, ctx.messages(), ctx.result().planOf(d).orElse(null));
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            for (Series s : ctx.result().series()) writeSeries(g, s);
            g.writeEndArray();
            g.writeArrayFieldStart("datasets");
            for (KeyTables.DatasetRow ds : KeyTables.datasets(ctx.result())) DatasetJson.write(g, ds, ctx.messages());
            g.writeEndArray();
            g.writeArrayFieldStart("where");
            for (io.fragscope.Dataset ds : ctx.result().datasets()) ReclaimPlanJson.writeWhere(g, ds);
            g.writeEndArray();
            JsonRenderer.array(g, "prefix_growth", KeyTables.PREFIX_GROWTH, ctx.result().growth(), false);
            g.writeEndObject();
        }
    }

    private static void writeDump(JsonGenerator g, DumpAnalysis d, Messages m, io.fragscope.analysis.reclaim.ReclaimPlan plan) throws IOException {
        MemoryBreakdown b = d.breakdown();
        g.writeStartObject();
        g.writeStringField("source", io.fragscope.source.FileNames.text(d.dump().source()));
        g.writeStringField("series", d.series());
        g.writeStringField("captured_at", d.capturedAt().at().toString());
        g.writeStringField("captured_at_basis", d.capturedAt().basis().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("run_id", d.runId());
        g.writeStringField("redis_version", d.server().version());
        g.writeStringField("mem_allocator", d.server().allocator());
        numberOrNull(g, "used_memory", b.usedMemory());
        numberOrNull(g, "used_memory_rss", b.rss());
        if (Double.isFinite(b.fragmentationRatio())) g.writeNumberField("mem_fragmentation_ratio", b.fragmentationRatio());
        else g.writeNullField("mem_fragmentation_ratio");
        g.writeBooleanField("ratio_computed", b.ratioComputed());
        g.writeStringField("worst_severity", d.worstSeverity() == null ? null : d.worstSeverity().id());
        g.writeObjectFieldStart("breakdown");
        numberOrNull(g, "used_memory_peak", b.peak());
        numberOrNull(g, "used_memory_dataset", b.dataset());
        numberOrNull(g, "used_memory_overhead", b.overhead());
        numberOrNull(g, "used_memory_startup", b.startup());
        if (b.hasCore()) g.writeNumberField("fragmentation_bytes", b.fragmentationBytes()); else g.writeNullField("fragmentation_bytes");
        numberOrNull(g, "allocator_frag_bytes", b.allocatorFragBytes());
        ratioOrNull(g, "allocator_frag_ratio", b.allocatorFragRatio());
        numberOrNull(g, "allocator_rss_bytes", b.allocatorRssBytes());
        ratioOrNull(g, "allocator_rss_ratio", b.allocatorRssRatio());
        numberOrNull(g, "rss_overhead_bytes", b.processRssBytes());
        ratioOrNull(g, "rss_overhead_ratio", b.processRssRatio());
        ratioOrNull(g, "peak_ratio", b.peakRatio());
        for (MemoryBreakdown.Segment s : MemoryBreakdown.Segment.values()) {
            g.writeNumberField("segment_" + s.name().toLowerCase(java.util.Locale.ROOT), b.segment(s));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("fields");
        for (InfoField f : d.dump().fields()) g.writeStringField(f.name(), f.value());
        g.writeEndObject();
        writeFindings(g, d.findings(), m);
        if (plan != null) ReclaimPlanJson.writePlan(g, plan, m);
        g.writeEndObject();
    }

    public static void writeFindings(JsonGenerator g, List<Finding> findings, Messages m) throws IOException {
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("code", f.code().id());
            g.writeStringField("severity", f.severity().id());
            g.writeStringField("message", m.message(f));
            g.writeStringField("action", m.action(f));
            g.writeObjectFieldStart("evidence");
            for (Map.Entry<String, Object> e : f.evidence().entrySet()) writeValue(g, e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeSeries(JsonGenerator g, Series s) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeArrayFieldStart("sources");
        for (DumpAnalysis d : s.dumps()) g.writeString(io.fragscope.source.FileNames.text(d.dump().source()));
        g.writeEndArray();
        g.writeArrayFieldStart("restarts");
        for (Instant r : s.restarts()) g.writeString(r.toString());
        g.writeEndArray();
        ratioOrNull(g, "ratio_per_day", s.ratioPerDay());
        ratioOrNull(g, "rss_bytes_per_day", s.rssBytesPerDay());
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) g.writeNullField(name);
        else if (v instanceof Bytes b) g.writeNumberField(name, b.value());
        else if (v instanceof Long l) g.writeNumberField(name, l);
        else if (v instanceof Integer i) g.writeNumberField(name, i);
        else if (v instanceof Double d) {
            if (Double.isFinite(d)) g.writeNumberField(name, d); else g.writeNullField(name);
        } else if (v instanceof Boolean bo) g.writeBooleanField(name, bo);
        else g.writeStringField(name, v.toString());
    }

    static void numberOrNull(JsonGenerator g, String name, long v) throws IOException {
        if (v < 0) g.writeNullField(name); else g.writeNumberField(name, v);
    }

    static void ratioOrNull(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) g.writeNumberField(name, v); else g.writeNullField(name);
    }
}
