package io.fragscope.report;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The workbook's first sheet, "is anything wrong, and what do I do": the reclaim plan, then one row per instance
 * (worst first) with its findings and one action per cause, then one row per RDB file or listing.
 */
final class SummarySheet {
    private SummarySheet() {}

    /**
     * Where the Summary's text wraps: its three tables share ten columns, three of them text, and the sheet prints one
     * page wide (landscape A4), so narrower text columns print larger (at 70 characters the sheet printed at about
     * 40 % scale, too small to read).
     */
    static final int WRAP_WIDTH_CHARS = 46;

    static void add(Workbook wb, XlsxStyles st, ReportContext ctx) {
        Messages m = ctx.messages();
        Sheet sh = wb.createSheet(m.text("sheet.summary"));
        Row r0 = sh.createRow(0);
        r0.createCell(0).setCellValue(m.text("report.title"));
        r0.getCell(0).setCellStyle(st.title);
        Row r1 = sh.createRow(1);
        r1.createCell(0).setCellValue(ctx.subtitle());
        r1.getCell(0).setCellStyle(st.subtitle);
        // The plan leads: what to do and what it gives back; the instances and their findings follow.
        int instancesAt = ReclaimSheets.planTable(sh, st, ctx, 2) + 3;
        Row instancesTitle = sh.createRow(instancesAt - 1);
        instancesTitle.createCell(0).setCellValue(m.text("summary.instances"));
        instancesTitle.getCell(0).setCellStyle(st.title);
        SheetTable t = SheetTable.secondary(sh, st, instancesAt, m.text("col.status"), m.text("col.instance"), m.text("col.captured_at"),
                m.text("col.redis_version"), m.text("col.mem_allocator"), m.text("col.used_memory"), m.text("col.used_memory_rss"),
                m.text("col.mem_fragmentation_ratio"), m.text("col.findings"), m.text("col.actions")).wrapAt(WRAP_WIDTH_CHARS);
        for (DumpAnalysis d : ctx.result().latestWorstFirst()) {
            Severity worst = d.worstSeverity();
            StringJoiner findings = new StringJoiner("\n");
            StringJoiner actions = new StringJoiner("\n");
            List<Finding> sorted = new ArrayList<>(d.findings());
            sorted.sort((a, b) -> b.severity().compareTo(a.severity()));
            int n = 1;
            for (Finding f : sorted) findings.add("• " + f.code().id() + ": " + m.message(f));
            for (Finding f : WhatToDo.actionable(d.findings())) actions.add(n++ + ". " + m.action(f));
            MemoryBreakdown b = d.breakdown();
            t.row().styled(worst == null ? m.text("severity.ok") : m.severity(worst), XlsxReport.severityStyle(st, worst))
                    .text(d.series()).text(XlsxReport.time(d.capturedAt().at()))
                    .text(d.server().versionLabel()).text(d.server().allocator())
                    .bytes(b.usedMemory()).bytes(b.rss()).ratio(b.fragmentationRatio())
                    .wrapped(findings.length() == 0 ? m.text("summary.no_findings") : findings.toString())
                    .wrapped(actions.length() == 0 ? m.text("summary.no_action") : actions.toString());
        }
        if (ctx.result().dumps().isEmpty()) {
            t.row().text(m.text("summary.no_dumps"));
        }
        t.finish();
        datasetsSummary(sh, st, ctx, t.currentRow() + 3);
    }

    /** Below the instances: one row per RDB file or listing, worst first, with its findings and actions. */
    private static void datasetsSummary(Sheet sh, XlsxStyles st, ReportContext ctx, int at) {
        List<io.fragscope.Dataset> ds = new ArrayList<>(ctx.result().datasets());
        if (ds.isEmpty()) return;
        Messages m = ctx.messages();
        ds.sort((a, b) -> Integer.compare(worst(b.findings()), worst(a.findings())));
        Row title = sh.createRow(at);
        title.createCell(0).setCellValue(m.text("summary.datasets"));
        title.getCell(0).setCellStyle(st.title);
        SheetTable t = SheetTable.secondary(sh, st, at + 1, m.text("col.status"), m.text("col.source"), m.text("col.kind"),
                m.text("col.keys"), m.text("col.allocated"), m.text("col.estimated_used_memory"), m.text("col.rounding_waste"),
                m.text("col.waste_share"), m.text("col.findings"), m.text("col.actions")).wrapAt(WRAP_WIDTH_CHARS);
        for (io.fragscope.Dataset d : ds) {
            var k = d.summary().keys().totals();
            Severity worst = d.findings().stream().map(Finding::severity).max(Severity::compareTo).orElse(null);
            StringJoiner findings = new StringJoiner("\n");
            StringJoiner actions = new StringJoiner("\n");
            int n = 1;
            for (Finding f : d.findings()) {
                findings.add("• " + f.code().id() + ": " + m.message(f));
                actions.add(n++ + ". " + m.action(f));
            }
            t.row().styled(worst == null ? m.text("severity.ok") : m.severity(worst), XlsxReport.severityStyle(st, worst))
                    .text(ctx.files().of(d.source())).text(d.kind().id()).count(k.keys()).bytes(k.allocatedBytes())
                    .bytes(d.summary().estimatedUsedMemory()).bytes(k.roundingWasteBytes()).percent(k.wasteShare())
                    .wrapped(findings.length() == 0 ? m.text("summary.no_findings") : findings.toString())
                    .wrapped(actions.length() == 0 ? m.text("summary.no_action") : actions.toString());
        }
        t.finish();
    }

    private static int worst(List<Finding> findings) {
        return findings.stream().mapToInt(f -> f.severity().ordinal()).max().orElse(-1);
    }
}
