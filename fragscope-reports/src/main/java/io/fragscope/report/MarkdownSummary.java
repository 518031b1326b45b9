package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.InputReport;
import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;

import java.io.IOException;
import java.nio.file.Path;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code summary.md}: the Summary sheet as a short Markdown text to paste into a ticket or a mail: one
 * table of instances worst first, then per instance with findings its findings and the one action per
 * cause, the key datasets, and the inputs that could not be read. Plain enough to read unrendered.
 * Every word comes from the message bundle; untrusted values are escaped so they cannot break the
 * table or turn into links or markup.
 */
public final class MarkdownSummary {
    public static final String FILE = "summary.md";
    /** Inputs left out that summary.md names one by one; the rest are counted (inputs.csv lists them all). */
    static final int SKIPPED_LISTED = 10;

    public void write(ReportContext ctx, OutputStream out) throws IOException {
        Messages m = ctx.messages();
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        var r = ctx.result();
        List<InputReport> skipped = r.inputs().stream().filter(i -> i.status() == InputReport.Status.SKIPPED).toList();
        w.println("# " + m.text("report.title"));
        w.println();
        w.println(ctx.subtitle());
        w.println();
        List<DumpAnalysis> latest = r.latestWorstFirst();
        if (!latest.isEmpty()) {
            w.println(row(m.text("col.status"), m.text("col.instance"), m.text("col.captured_at"), m.text("col.redis_version"),
                    m.text("col.used_memory"), m.text("col.used_memory_rss"), m.text("col.mem_fragmentation_ratio")));
            w.println("|---|---|---|---|---:|---:|---:|");
            for (DumpAnalysis d : latest) {
                MemoryBreakdown b = d.breakdown();
                w.println(row(severity(m, d.worstSeverity()), esc(d.series()), XlsxReport.time(d.capturedAt().at()), esc(d.server().versionLabel()),
                        bytes(b.usedMemory()), bytes(b.rss()), Double.isFinite(b.fragmentationRatio())
                                ? String.format(java.util.Locale.ROOT, "%.2f", b.fragmentationRatio()) : ""));
            }
            w.println();
            plan(w, ctx);
            for (DumpAnalysis d : latest) {
                if (d.findings().isEmpty()) continue;
                w.println("## " + esc(d.series()) + " (" + severity(m, d.worstSeverity()) + ")");
                w.println();
                w.println("**" + m.text("col.findings") + "**");
                w.println();
                for (Finding f : d.findings()) w.println("- `" + f.code().id() + "` " + esc(m.message(f)));
                w.println();
                List<Finding> todo = WhatToDo.actionable(d.findings());
                w.println("**" + m.text("col.actions") + "**");
                w.println();
                if (todo.isEmpty()) w.println(m.text("summary.no_action"));
                int n = 1;
                for (Finding f : todo) w.println(n++ + ". " + esc(m.action(f)));
                w.println();
            }
        } else {
            w.println(m.text("summary.no_dumps"));
            w.println();
        }
        if (!r.datasets().isEmpty()) {
            w.println("## " + m.text("summary.datasets"));
            w.println();
            w.println(row(m.text("col.source"), m.text("col.kind"), m.text("col.keys"), m.text("col.allocated"),
                    m.text("col.rounding_waste"), m.text("col.findings")));
            w.println("|---|---|---:|---:|---:|---|");
            for (Dataset d : r.datasets()) {
                var k = d.summary().keys().totals();
                // below the folder it was found in: each shard's dump.rdb told apart (FileLabels)
                String file = ctx.files().of(d.source());
                StringBuilder codes = new StringBuilder();
                for (Finding f : d.findings()) codes.append(codes.length() == 0 ? "" : ", ").append('`').append(f.code().id()).append('`');
                w.println(row(esc(file), d.kind().id(), String.format(java.util.Locale.ROOT, "%,d", k.keys()),
                        bytes(k.allocatedBytes()), bytes(k.roundingWasteBytes()), codes.toString()));
            }
            w.println();
        }
        List<InputReport> bad = r.inputs().stream().filter(i -> i.status() == InputReport.Status.ERROR || i.status() == InputReport.Status.PARTIAL).toList();
        if (!bad.isEmpty()) {
            w.println("## " + m.text("summary.unreadable"));
            w.println();
            for (InputReport i : bad) w.println("- " + m.text("status." + i.status().id()) + ": " + esc(i.message().isEmpty() ? i.path().toString() : i.message()));
            w.println();
        }
        if (!skipped.isEmpty()) {
            // Left out (by --since, or not a capture at all) is said, never silent: an instance whose dumps all fell
            // out of the window is seen here, not only as an absence from the table above.
            w.println("## " + m.text("summary.skipped"));
            w.println();
            for (InputReport i : skipped.subList(0, Math.min(SKIPPED_LISTED, skipped.size()))) {
                w.println("- " + esc(i.message().isEmpty() ? i.path().toString() : i.message()));
            }
            if (skipped.size() > SKIPPED_LISTED) w.println("- " + m.format("summary.skipped_more", skipped.size() - SKIPPED_LISTED));
            w.println();
        }
        w.println(m.format("summary.md.footer", ctx.toolVersion()));
        w.flush();
    }

    private static String severity(Messages m, Severity s) { return s == null ? m.text("severity.ok") : m.severity(s); }

    /** The reclaim plan as the workbook's Summary sheet leads with it (ReclaimSheets.planTable): worst instance first, its total. */
    private static void plan(PrintWriter w, ReportContext ctx) {
        Messages m = ctx.messages();
        var plans = ctx.result().plansWorstFirst();
        if (plans.isEmpty()) return;
        w.println("## " + esc(m.text("summary.plan")));
        w.println();
        w.println(row(m.text("col.instance"), m.text("col.step"), m.text("col.method"), m.text("col.applicable"), m.text("col.reclaimable"),
                m.text("col.expected_rss_after"), m.text("col.expected_ratio_after"), m.text("col.reason"), m.text("col.commands")));
        w.println("|---|---:|---|---|---:|---:|---:|---|---|");
        for (io.fragscope.analysis.reclaim.ReclaimPlan p : plans) {
            int n = 1;
            for (io.fragscope.analysis.reclaim.ReclaimStep s : p.steps()) {
                String commands = String.join("<br>", ReclaimPlanText.commands(m, s).lines().filter(c -> !c.isBlank())
                        .map(c -> "`" + c.replace("`", "'").replace("|", "\\|") + "`").toList());
                w.println(row(esc(p.dump().series()), String.valueOf(n++), esc(ReclaimPlanText.method(m, s)), m.text(s.applicable() ? "plan.yes" : "plan.no"),
                        s.applicable() ? bytes(s.reclaimableBytes()) : "", bytes(s.expectedRssAfterBytes()),
                        Double.isFinite(s.expectedRatioAfter()) ? String.format(java.util.Locale.ROOT, "%.2f", s.expectedRatioAfter()) : "",
                        esc(ReclaimPlanText.reason(m, s)), commands));
            }
        }
        w.println();
        for (io.fragscope.analysis.reclaim.ReclaimPlan p : plans) {
            w.println("- " + esc(p.dump().series()) + ": " + esc(m.format("plan.total", new Bytes(p.totalReclaimable()))));
        }
        w.println();
    }

    private static String bytes(long v) { return v < 0 ? "" : Bytes.human(v); }

    private static String row(String... cells) { return "| " + String.join(" | ", cells) + " |"; }

    /**
     * Untrusted text made inert in Markdown: control characters as \xNN (as everywhere in fragscope), line
     * breaks as spaces, and the characters that make tables, links, emphasis, code or HTML escaped with a backslash.
     */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') sb.append(' ');
            else if (c < 0x20 || c == 0x7f) sb.append(String.format(java.util.Locale.ROOT, "\\\\x%02x", (int) c));
            else if ("\\`*_[]<>|#!~".indexOf(c) >= 0) sb.append('\\').append(c);
            else sb.append(c);
        }
        return sb.toString();
    }
}
