package io.fragscope.report;

import io.fragscope.AnalysisResult;
import io.fragscope.InputReport;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.Series;
import io.fragscope.report.table.Table;
import io.fragscope.report.table.Unit;
import io.fragscope.source.info.InfoField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The tables of the INFO dumps and the inputs, each defined once: {@code dumps}, {@code findings}, {@code timeline},
 * {@code fields}, {@code inputs}. CSV renders them all; summary.json has {@code inputs} as a table and the dumps as a
 * document (breakdown, fields, findings and plan nested per dump); the workbook shows them through its own views
 * (RSS breakdown and timeline with charts, findings once per instance with their span).
 */
public final class InfoTables {
    private InfoTables() {}

    static String basis(DumpAnalysis d) { return d.capturedAt().basis().name().toLowerCase(Locale.ROOT); }

    static Object fragmentationBytes(MemoryBreakdown b) { return b.hasCore() ? b.fragmentationBytes() : null; }

    public static final Table<DumpAnalysis> DUMPS = Table.<DumpAnalysis>builder("dumps", "sheet.dumps")
            .col("series", "col.instance", Unit.TEXT, DumpAnalysis::series)
            .col("source", "col.source", Unit.TEXT, d -> io.fragscope.source.FileNames.text(d.dump().source()))
            .col("captured_at", "col.captured_at", Unit.TIMESTAMP, d -> d.capturedAt().at())
            .col("captured_at_basis", "col.captured_at_basis", Unit.TEXT, InfoTables::basis)
            .col("run_id", "col.run_id", Unit.TEXT, DumpAnalysis::runId)
            .col("redis_version", "col.redis_version", Unit.TEXT, d -> d.server().version())
            .col("mem_allocator", "col.mem_allocator", Unit.TEXT, d -> d.server().allocator())
            .col("used_memory", "col.used_memory", Unit.BYTES, d -> d.breakdown().usedMemory())
            .col("used_memory_rss", "col.used_memory_rss", Unit.BYTES, d -> d.breakdown().rss())
            .col("used_memory_peak", "col.peak", Unit.BYTES, d -> d.breakdown().peak())
            .col("mem_fragmentation_ratio", "col.mem_fragmentation_ratio", Unit.RATIO, d -> d.breakdown().fragmentationRatio())
            .col("ratio_computed", "col.ratio_computed", Unit.BOOLEAN, d -> d.breakdown().ratioComputed())
            .col("fragmentation_bytes", "col.fragmentation_bytes", Unit.SIGNED_BYTES, d -> fragmentationBytes(d.breakdown()))
            .col("used_memory_dataset", "col.used_memory_dataset", Unit.BYTES, d -> d.breakdown().dataset())
            .col("used_memory_overhead", "col.used_memory_overhead", Unit.BYTES, d -> d.breakdown().overhead())
            .col("allocator_allocated", "col.allocator_allocated", Unit.BYTES, d -> d.breakdown().allocatorAllocated())
            .col("allocator_active", "col.allocator_active", Unit.BYTES, d -> d.breakdown().allocatorActive())
            .col("allocator_resident", "col.allocator_resident", Unit.BYTES, d -> d.breakdown().allocatorResident())
            .col("allocator_frag_ratio", "col.allocator_frag_ratio", Unit.RATIO, d -> d.breakdown().allocatorFragRatio())
            .col("allocator_frag_bytes", "col.allocator_frag_bytes", Unit.BYTES, d -> d.breakdown().allocatorFragBytes())
            .col("allocator_rss_ratio", "col.allocator_rss_ratio", Unit.RATIO, d -> d.breakdown().allocatorRssRatio())
            .col("allocator_rss_bytes", "col.allocator_rss_bytes", Unit.BYTES, d -> d.breakdown().allocatorRssBytes())
            .col("rss_overhead_ratio", "col.rss_overhead_ratio", Unit.RATIO, d -> d.breakdown().processRssRatio())
            .col("rss_overhead_bytes", "col.rss_overhead_bytes", Unit.BYTES, d -> d.breakdown().processRssBytes())
            .col("worst_severity", "col.severity", Unit.TEXT, d -> d.worstSeverity() == null ? "" : d.worstSeverity().id())
            .col("finding_codes", "col.code", Unit.TEXT, InfoTables::codes)
            .build();

    static String codes(DumpAnalysis d) {
        StringJoiner codes = new StringJoiner(" ");
        for (Finding f : d.findings()) codes.add(f.code().id());
        return codes.toString();
    }

    /** A finding of a dump or of a dataset, with its message and action in the report language. */
    public record FindingRow(String scope, String series, String source, Instant capturedAt, Finding finding, String message, String action) {}

    public static final Table<FindingRow> FINDINGS = Table.<FindingRow>builder("findings", "sheet.findings")
            .col("scope", "col.scope", Unit.TEXT, FindingRow::scope)
            .col("series", "col.instance", Unit.TEXT, FindingRow::series)
            .col("source", "col.source", Unit.TEXT, FindingRow::source)
            .col("captured_at", "col.captured_at", Unit.TIMESTAMP, FindingRow::capturedAt)
            .col("code", "col.code", Unit.TEXT, r -> r.finding().code().id())
            .col("severity", "col.severity", Unit.TEXT, r -> r.finding().severity().id())
            .col("message", "col.message", Unit.TEXT, FindingRow::message)
            .col("action", "col.action", Unit.TEXT, FindingRow::action)
            .col("evidence", "col.evidence", Unit.TEXT, r -> evidence(r.finding()))
            .build();

    public static List<FindingRow> findings(AnalysisResult r, Messages m) {
        List<FindingRow> rows = new ArrayList<>();
        for (DumpAnalysis d : r.dumps()) {
            for (Finding f : d.findings()) {
                rows.add(new FindingRow("dump", d.series(), io.fragscope.source.FileNames.text(d.dump().source()), d.capturedAt().at(), f, m.message(f), m.action(f)));
            }
        }
        for (io.fragscope.Dataset ds : r.datasets()) {
            for (Finding f : ds.findings()) rows.add(new FindingRow("dataset", ds.series(), io.fragscope.source.FileNames.text(ds.source()), null, f, m.message(f), m.action(f)));
        }
        return rows;
    }

    /** A finding's numbers as {@code name=value; ...}, bytes whole. */
    static String evidence(Finding f) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            Object v = e.getValue();
            parts.add(e.getKey() + "=" + (v instanceof io.fragscope.analysis.Bytes b ? b.value() : v));
        }
        return String.join("; ", parts);
    }

    /** A dump in its instance's series, which says whether the instance restarted there. */
    public record TimelineRow(Series series, DumpAnalysis dump) {
        boolean restart() { return series.restarts().contains(dump.capturedAt().at()); }
    }

    public static final Table<TimelineRow> TIMELINE = Table.<TimelineRow>builder("timeline", "sheet.timeline")
            .col("series", "col.instance", Unit.TEXT, r -> r.series().name())
            .col("captured_at", "col.captured_at", Unit.TIMESTAMP, r -> r.dump().capturedAt().at())
            .col("captured_at_basis", "col.captured_at_basis", Unit.TEXT, r -> basis(r.dump()))
            .col("source", "col.source", Unit.TEXT, r -> io.fragscope.source.FileNames.text(r.dump().dump().source()))
            .col("run_id", "col.run_id", Unit.TEXT, r -> r.dump().runId())
            .col("restart", "col.restart", Unit.BOOLEAN, TimelineRow::restart)
            .col("used_memory", "col.used_memory", Unit.BYTES, r -> r.dump().breakdown().usedMemory())
            .col("used_memory_rss", "col.used_memory_rss", Unit.BYTES, r -> r.dump().breakdown().rss())
            .col("mem_fragmentation_ratio", "col.mem_fragmentation_ratio", Unit.RATIO, r -> r.dump().breakdown().fragmentationRatio())
            .col("allocator_frag_ratio", "col.allocator_frag_ratio", Unit.RATIO, r -> r.dump().breakdown().allocatorFragRatio())
            .build();

    public static List<TimelineRow> timeline(AnalysisResult r) {
        List<TimelineRow> rows = new ArrayList<>();
        for (Series s : r.series()) for (DumpAnalysis d : s.dumps()) rows.add(new TimelineRow(s, d));
        return rows;
    }

    /** A raw INFO field of the latest dump of an instance. */
    public record FieldRow(DumpAnalysis dump, InfoField field) {}

    public static final Table<FieldRow> FIELDS = Table.<FieldRow>builder("fields", "sheet.fields")
            .col("series", "col.instance", Unit.TEXT, r -> r.dump().series())
            .col("source", "col.source", Unit.TEXT, r -> io.fragscope.source.FileNames.text(r.dump().dump().source()))
            .col("line", "col.line", Unit.COUNT, r -> r.field().line())
            .col("section", "col.section", Unit.TEXT, r -> r.field().section())
            .col("field", "col.field", Unit.TEXT, r -> r.field().name())
            .col("value", "col.value", Unit.VERBATIM, r -> r.field().value())
            .build();

    /** The latest dump of each instance: older dumps of a cron series keep only their memory fields. */
    public static Iterable<FieldRow> fields(AnalysisResult r) {
        // Lazily: 5,500 dumps of a long series must not become a list of every field at once.
        return () -> r.latestWorstFirst().stream().flatMap(d -> d.dump().fields().stream().map(f -> new FieldRow(d, f))).iterator();
    }

    public static final Table<InputReport> INPUTS = Table.<InputReport>builder("inputs", "sheet.inputs")
            .col("path", "col.source", Unit.TEXT, r -> io.fragscope.source.FileNames.text(r.path()))
            .col("kind", "col.kind", Unit.TEXT, r -> r.kind().id())
            .col("status", "col.status", Unit.TEXT, r -> r.status().id())
            .col("message", "col.message", Unit.TEXT, InputReport::message)
            .build();
}
