package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.InputReport;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fragscope.prom}: the latest state of each instance in the Prometheus text exposition format
 * (version 0.0.4), for node_exporter's textfile collector in a cron job. Metric names are prefixed
 * {@code fragscope_}; label values are escaped as the format says (backslash, double quote, newline);
 * bytes are bytes, ratios plain numbers, times Unix seconds.
 */
public final class PromMetrics {
    public static final String FILE = "fragscope.prom";

    /** One metric family: its samples in order, written together under one HELP and TYPE. */
    private static final class Family {
        final String name, help;
        final List<String> samples = new ArrayList<>();

        Family(String name, String help) { this.name = "fragscope_" + name; this.help = help; }

        void add(Map<String, String> labels, double value) {
            if (!Double.isFinite(value)) return;
            StringBuilder sb = new StringBuilder(name);
            if (!labels.isEmpty()) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, String> e : labels.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    sb.append(e.getKey()).append("=\"").append(escapeLabel(e.getValue())).append('"');
                }
                sb.append('}');
            }
            sb.append(' ').append(number(value));
            samples.add(sb.toString());
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private Family family(String name, String help) { return families.computeIfAbsent(name, n -> new Family(n, help)); }

    public void write(ReportContext ctx, OutputStream out) throws IOException {
        for (Series s : ctx.result().series()) instance(s);
        for (Dataset d : ctx.result().datasets()) dataset(d);
        Map<InputReport.Status, Integer> byStatus = new EnumMap<>(InputReport.Status.class);
        for (InputReport.Status st : InputReport.Status.values()) byStatus.put(st, 0);
        for (InputReport r : ctx.result().inputs()) byStatus.merge(r.status(), 1, Integer::sum);
        for (var e : byStatus.entrySet()) {
            family("inputs", "Inputs of the run by how they were read (ok, partial, error, skipped, crashed).").add(Map.of("status", e.getKey().id()), e.getValue());
        }
        family("run_timestamp_seconds", "When fragscope wrote this file, Unix seconds.").add(Map.of(), ctx.generatedAt().getEpochSecond());
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (Family f : families.values()) {
            if (f.samples.isEmpty()) continue;
            w.write("# HELP " + f.name + " " + escapeHelp(f.help) + "\n");
            w.write("# TYPE " + f.name + " gauge\n");
            for (String s : f.samples) w.write(s + "\n");
        }
        w.flush();
    }

    private void instance(Series s) {
        DumpAnalysis d = s.latest();
        MemoryBreakdown b = d.breakdown();
        Map<String, String> l = Map.of("instance", s.name());
        bytes(family("used_memory_bytes", "used_memory of the latest INFO dump, bytes."), l, b.usedMemory());
        bytes(family("rss_bytes", "used_memory_rss of the latest INFO dump, bytes."), l, b.rss());
        bytes(family("peak_bytes", "used_memory_peak of the latest INFO dump, bytes."), l, b.peak());
        family("mem_fragmentation_ratio", "mem_fragmentation_ratio of the latest INFO dump (rss / used_memory).").add(l, b.fragmentationRatio());
        family("allocator_frag_ratio", "allocator_active / allocator_allocated of the latest INFO dump (5.0+).").add(l, b.allocatorFragRatio());
        bytes(family("allocator_frag_bytes", "allocator_active - allocator_allocated: what active defrag or a restart reclaims, bytes."), l, b.allocatorFragBytes());
        bytes(family("allocator_rss_bytes", "allocator_resident - allocator_active: what MEMORY PURGE returns, bytes."), l, b.allocatorRssBytes());
        bytes(family("process_rss_bytes", "rss - allocator_resident: memory outside the allocator, bytes."), l, b.processRssBytes());
        family("tiny_instance", "1 when used_memory is below 5 MiB, where ratios mean nothing (MEMORY DOCTOR's empty instance).")
                .add(l, d.findings().stream().anyMatch(f -> f.code() == io.fragscope.analysis.FindingCode.TINY_INSTANCE) ? 1 : 0);
        family("capture_timestamp_seconds", "When the latest INFO dump was captured, Unix seconds.").add(l, d.capturedAt().at().getEpochSecond());
        family("dumps", "INFO dumps of the instance in this run.").add(l, s.dumps().size());
        family("restarts", "Restarts (run_id changes) seen in the series.").add(l, s.restarts().size());
        family("ratio_per_day", "Least-squares slope of mem_fragmentation_ratio per day over the current run; absent below 3 dumps or 1 hour.").add(l, s.ratioPerDay());
        family("worst_severity", "Worst finding of the latest dump: 0 none, 1 info, 2 warning, 3 critical.")
                .add(l, d.worstSeverity() == null ? 0 : d.worstSeverity().ordinal() + 1);
        for (Finding f : d.findings()) finding(s.name(), "instance", f);
    }

    private void dataset(Dataset d) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("dataset", io.fragscope.source.FileNames.text(d.source()));
        l.put("instance", d.series());
        var k = d.summary().keys().totals();
        family("dataset_keys", "Keys of an RDB file or listing.").add(l, k.keys());
        bytes(family("dataset_allocated_bytes", "Bytes the allocator handed out for the keys of a dataset."), l, k.allocatedBytes());
        bytes(family("dataset_rounding_waste_bytes", "Size-class rounding of a dataset's keys, bytes."), l, k.roundingWasteBytes());
        for (Finding f : d.findings()) finding(io.fragscope.source.FileNames.text(d.source()), "dataset", f);
    }

    private void finding(String who, String label, Finding f) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(label, who);
        l.put("code", f.code().id());
        l.put("severity", f.severity().id());
        family("finding", "1 for each finding of the latest dump of an instance, or of a dataset.").add(l, 1);
    }

    private static void bytes(Family f, Map<String, String> l, long v) { if (v >= 0) f.add(l, v); }

    /** Label values: backslash, double quote and line feed escaped, as the exposition format requires. */
    static String escapeLabel(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                // Other control characters get fragscope's \xNN rendering, its backslash escaped like any other.
                default -> sb.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return sb.toString();
    }

    static String escapeHelp(String v) { return v.replace("\\", "\\\\").replace("\n", "\\n"); }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    static int severityValue(Severity s) { return s == null ? 0 : s.ordinal() + 1; }
}
