package io.fragscope.report;

import io.fragscope.InputReport;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.Series;
import io.fragscope.source.info.InfoField;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The INFO tables as CSV: raw bytes and plain ratios, never units, column names stable for scripts.
 * Text cells go through {@link CellText#forCsv}; numeric cells are printed as numbers.
 */
public final class CsvTables {

    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private CsvTables() {}

    public static List<java.nio.file.Path> write(OutputFolder out, ReportContext ctx) throws IOException {
        return List.of(out.write("dumps.csv", o -> dumps(o, ctx)), out.write("findings.csv", o -> findings(o, ctx)),
                out.write("timeline.csv", o -> timeline(o, ctx)), out.write("fields.csv", o -> fields(o, ctx)),
                out.write("inputs.csv", o -> inputs(o, ctx)));
    }

    public static CSVPrinter printer(OutputStream o, String... header) throws IOException {
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        return new CSVPrinter(w, FORMAT.builder().setHeader(header).get());
    }

    static void dumps(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = printer(o, "series", "source", "captured_at", "captured_at_basis", "run_id", "redis_version",
                "mem_allocator", "used_memory", "used_memory_rss", "used_memory_peak", "mem_fragmentation_ratio", "ratio_computed",
                "fragmentation_bytes", "used_memory_dataset", "used_memory_overhead", "allocator_allocated", "allocator_active",
                "allocator_resident", "allocator_frag_ratio", "allocator_frag_bytes", "allocator_rss_ratio", "allocator_rss_bytes",
                "rss_overhead_ratio", "rss_overhead_bytes", "worst_severity", "finding_codes")) {
            for (DumpAnalysis d : ctx.result().dumps()) {
                MemoryBreakdown b = d.breakdown();
                StringJoiner codes = new StringJoiner(" ");
                for (Finding f : d.findings()) codes.add(f.code().id());
                p.printRecord(text(d.series()), text(String.valueOf(d.dump().source())), d.capturedAt().at().toString(),
                        d.capturedAt().basis().name().toLowerCase(java.util.Locale.ROOT), text(d.runId()), text(d.server().version()),
                        text(d.server().allocator()), num(b.usedMemory()), num(b.rss()), num(b.peak()), ratio(b.fragmentationRatio()),
                        b.ratioComputed(), b.hasCore() ? b.fragmentationBytes() : "", num(b.dataset()), num(b.overhead()),
                        num(b.allocatorAllocated()), num(b.allocatorActive()), num(b.allocatorResident()),
                        ratio(b.allocatorFragRatio()), num(b.allocatorFragBytes()), ratio(b.allocatorRssRatio()), num(b.allocatorRssBytes()),
                        ratio(b.processRssRatio()), num(b.processRssBytes()),
                        d.worstSeverity() == null ? "" : d.worstSeverity().id(), codes.toString());
            }
        }
    }

    static void findings(OutputStream o, ReportContext ctx) throws IOException {
        Messages m = ctx.messages();
        try (CSVPrinter p = printer(o, "scope", "series", "source", "captured_at", "code", "severity", "message", "action", "evidence")) {
            for (DumpAnalysis d : ctx.result().dumps()) {
                for (Finding f : d.findings()) {
                    p.printRecord("dump", text(d.series()), text(String.valueOf(d.dump().source())), d.capturedAt().at().toString(),
                            f.code().id(), f.severity().id(), text(m.message(f)), text(m.action(f)), text(evidence(f)));
                }
            }
            for (io.fragscope.Dataset ds : ctx.result().datasets()) {
                for (Finding f : ds.findings()) {
                    p.printRecord("dataset", text(ds.series()), text(String.valueOf(ds.source())), "",
                            f.code().id(), f.severity().id(), text(m.message(f)), text(m.action(f)), text(evidence(f)));
                }
            }
        }
    }

    static void timeline(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = printer(o, "series", "captured_at", "captured_at_basis", "source", "run_id", "restart",
                "used_memory", "used_memory_rss", "mem_fragmentation_ratio", "allocator_frag_ratio")) {
            for (Series s : ctx.result().series()) {
                for (DumpAnalysis d : s.dumps()) {
                    MemoryBreakdown b = d.breakdown();
                    p.printRecord(text(s.name()), d.capturedAt().at().toString(), d.capturedAt().basis().name().toLowerCase(java.util.Locale.ROOT),
                            text(String.valueOf(d.dump().source())), text(d.runId()), s.restarts().contains(d.capturedAt().at()),
                            num(b.usedMemory()), num(b.rss()), ratio(b.fragmentationRatio()), ratio(b.allocatorFragRatio()));
                }
            }
        }
    }

    static void fields(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = printer(o, "series", "source", "line", "section", "field", "value")) {
            // The latest dump of each instance: older dumps of a cron series keep only their memory fields.
            for (DumpAnalysis d : ctx.result().latestWorstFirst()) {
                for (InfoField f : d.dump().fields()) {
                    p.printRecord(text(d.series()), text(String.valueOf(d.dump().source())), f.line(), text(f.section()), text(f.name()), text(f.value()));
                }
            }
        }
    }

    static void inputs(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = printer(o, "path", "kind", "status", "message")) {
            for (InputReport r : ctx.result().inputs()) {
                p.printRecord(text(r.path().toString()), r.kind().id(), r.status().id(), text(r.message()));
            }
        }
    }

    static String evidence(Finding f) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            Object v = e.getValue();
            parts.add(e.getKey() + "=" + (v instanceof io.fragscope.analysis.Bytes b ? b.value() : v));
        }
        return String.join("; ", parts);
    }

    public static String text(String s) { return CellText.forCsv(s); }

    static Object num(long v) { return v < 0 ? "" : v; }

    static Object ratio(double v) { return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : ""; }
}
