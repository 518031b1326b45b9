package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.reclaim.ReclaimPlan;
import io.fragscope.analysis.reclaim.ReclaimStep;
import io.fragscope.analysis.where.WhereSummary;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import java.util.List;

/**
 * The reclaim plan at the head of the Summary sheet (instances worst first, one row per step), and the
 * "Where memory sits" sheet (slots, shards, hash tags, per-type percentiles, largest elements of the top keys).
 */
final class ReclaimSheets implements XlsxReport.Section {
    static final int TOP_ROWS = 20;

    /**
     * Writes the plan with its title on row {@code titleRow} and its header below (the sheet's primary table: frozen
     * header, filter). @return the index of the last row written
     */
    static int planTable(Sheet sh, XlsxStyles st, ReportContext ctx, int titleRow) {
        Messages m = ctx.messages();
        Row title = sh.createRow(titleRow);
        title.createCell(0).setCellValue(m.text("summary.plan"));
        title.getCell(0).setCellStyle(st.title);
        SheetTable t = new SheetTable(sh, st, titleRow + 1, m.text("col.instance"), m.text("col.step"), m.text("col.method"),
                m.text("col.applicable"), m.text("col.reclaimable"), m.text("col.expected_rss_after"), m.text("col.expected_ratio_after"),
                m.text("col.reason"), m.text("col.commands"), m.text("col.estimated_seconds")).wrapAt(SummarySheet.WRAP_WIDTH_CHARS);
        List<ReclaimPlan> plans = ctx.result().plansWorstFirst();
        for (ReclaimPlan p : plans) {
            int n = 1;
            for (ReclaimStep s : p.steps()) {
                t.row().text(p.dump().series()).count(n++).text(ReclaimPlanText.method(m, s))
                        .styled(m.text(s.applicable() ? "plan.yes" : "plan.no"), s.applicable() ? st.text : st.info);
                if (s.applicable()) t.bytes(s.reclaimableBytes()); else t.blank();
                t.bytes(s.expectedRssAfterBytes()).ratio(s.expectedRatioAfter()).wrapped(ReclaimPlanText.reason(m, s))
                        .wrapped(ReclaimPlanText.commands(m, s));
                if (s.estimatedSeconds() >= 0) t.count(Math.round(Math.ceil(s.estimatedSeconds()))); else t.blank();
            }
            // The total in the reason column, which wraps: in the method column it would widen the whole sheet.
            t.row().text(p.dump().series()).blank().blank().blank().blank().blank().blank()
                    .wrapped(m.format("plan.total", new Bytes(p.totalReclaimable())));
        }
        if (plans.isEmpty()) t.row().text(m.text("plan.none"));
        t.finish();
        return t.currentRow();
    }

    @Override
    public void addSheets(org.apache.poi.ss.usermodel.Workbook wb, XlsxReport.Sheets sheets, ReportContext ctx) {
        List<Dataset> ds = ctx.result().datasets().stream().filter(d -> d.profile() != null).toList();
        if (ds.isEmpty()) return;
        Messages m = ctx.messages();
        XlsxStyles st = sheets.styles;
        Sheet sh = wb.createSheet(m.text("sheet.where"));
        // Shards first: one row per RDB file, so a cluster's files line up by slot range.
        Row r0 = sh.createRow(0);
        r0.createCell(0).setCellValue(m.text("where.shards"));
        r0.getCell(0).setCellStyle(st.title);
        SheetTable shards = XlsxRenderer.table(sh, st, m, WhereTables.SHARDS, 1, true).files(ctx.files());
        for (Dataset d : ds) XlsxRenderer.row(shards, m, WhereTables.SHARDS, d);
        shards.finish();
        int at = shards.currentRow() + 2;
        for (Dataset d : ds) at = dataset(sh, st, m, d, at) + 2;
    }

    private static int dataset(Sheet sh, XlsxStyles st, Messages m, Dataset d, int at) {
        WhereSummary w = d.profile().where();
        Row title = sh.createRow(at);
        title.createCell(0).setCellValue(m.format("where.title", io.fragscope.source.FileNames.text(d.source())));
        title.getCell(0).setCellStyle(st.title);
        int hs = w.heaviestSlot();
        Row slots = sh.createRow(at + 1);
        slots.createCell(0).setCellValue(m.format("where.slots", w.slotsUsed(), hs, new Bytes(w.heaviestSlotBytes()), w.slotSkew()));
        sh.createRow(at + 2).createCell(0).setCellValue(m.text("where.types"));
        SheetTable types = XlsxRenderer.nested(sh, st, m, WhereTables.TYPE_PERCENTILES, at + 3);
        for (WhereTables.TypeRow t : WhereTables.types(d)) XlsxRenderer.nestedRow(types, m, WhereTables.TYPE_PERCENTILES, t);
        types.finish();
        int next = types.currentRow() + 2;
        sh.createRow(next).createCell(0).setCellValue(m.text("where.top"));
        SheetTable top = XlsxRenderer.nested(sh, st, m, WhereTables.TOP_KEY_ELEMENTS, next + 1);
        List<WhereTables.TopElementRow> keys = WhereTables.topKeys(d);
        for (WhereTables.TopElementRow k : keys.subList(0, Math.min(TOP_ROWS, keys.size()))) {
            XlsxRenderer.nestedRow(top, m, WhereTables.TOP_KEY_ELEMENTS, k);
        }
        top.finish();
        next = top.currentRow() + 2;
        if (!w.hashTags().isEmpty()) {
            sh.createRow(next).createCell(0).setCellValue(m.text("where.tags"));
            SheetTable tags = XlsxRenderer.nested(sh, st, m, WhereTables.HASH_TAGS, next + 1);
            List<WhereTables.TagRow> rows = WhereTables.hashTags(d);
            for (WhereTables.TagRow t : rows.subList(0, Math.min(TOP_ROWS, rows.size()))) XlsxRenderer.nestedRow(tags, m, WhereTables.HASH_TAGS, t);
            tags.finish();
            next = tags.currentRow();
        }
        return next;
    }
}
