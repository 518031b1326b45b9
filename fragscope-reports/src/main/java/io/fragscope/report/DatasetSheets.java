package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.analysis.keys.TypeEncoding;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import java.time.Instant;
import java.util.List;

/** Workbook sheets for RDB files and listings: overview, types, prefixes, size classes, top keys, allocators. */
public final class DatasetSheets implements XlsxReport.Section {
    /** Bars in a chart: beyond this a bar chart is unreadable. */
    static final int CHART_BARS = 15;

    @Override
    public void addSheets(Workbook wb, XlsxReport.Sheets sheets, ReportContext ctx) {
        List<Dataset> ds = ctx.result().datasets();
        if (ds.isEmpty()) return;
        XlsxStyles st = sheets.styles;
        Messages m = ctx.messages();
        overview(wb, st, m, ds);
        byType(wb, st, m, ds);
        byPrefix(wb, st, m, ds);
        sizeClasses(wb, st, m, ds);
        topKeys(wb, st, m, ds);
        allocators(wb, st, m, ds);
        growth(wb, st, m, ctx.result().growth());
    }

    private static void growth(Workbook wb, XlsxStyles st, Messages m, List<io.fragscope.analysis.dataset.DatasetGrowth.PrefixGrowth> rows) {
        if (rows.isEmpty()) return;
        Sheet sh = wb.createSheet(m.text("sheet.growth"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.instance"), m.text("col.prefix"), m.text("col.from"), m.text("col.to"),
                m.text("col.keys_before"), m.text("col.keys_after"), m.text("col.bytes_before"), m.text("col.bytes_after"), m.text("col.growth"));
        for (var g : rows) {
            t.row().text(g.series()).text(g.prefix().escaped()).text(g.from().getFileName().toString()).text(g.to().getFileName().toString())
                    .count(g.keysBefore()).count(g.keysAfter()).bytes(g.bytesBefore()).bytes(g.bytesAfter()).signedBytes(g.growthBytes());
        }
        t.finish();
    }

    private static void overview(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds) {
        Sheet sh = wb.createSheet(m.text("sheet.datasets"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.source"), m.text("col.kind"), m.text("col.format"), m.text("col.redis_version"),
                m.text("col.allocator"), m.text("col.keys"), m.text("col.requested"), m.text("col.allocated"), m.text("col.rounding_waste"),
                m.text("col.prefix_overhead"), m.text("col.memory_usage"), m.text("col.alloc_ratio"), m.text("col.waste_share"),
                m.text("col.estimated_used_memory"), m.text("col.writer_used_memory"), m.text("col.info_used_memory"),
                m.text("col.unexplained"), m.text("col.status"), m.text("col.model_reason"));
        for (Dataset d : ds) {
            DatasetSummary s = d.summary();
            Totals k = s.keys().totals();
            DatasetSummary.Reconciliation r = s.reconciliation();
            t.row().text(d.source().toString()).text(d.kind().id()).text(m.phrases(s.format())).text(s.redisVersion()).text(s.allocator())
                    .count(k.keys()).bytes(k.requestedBytes()).bytes(k.allocatedBytes()).bytes(k.roundingWasteBytes())
                    .bytes(k.prefixOverheadBytes()).bytes(k.memoryUsageBytes()).ratio(k.allocatedOverRequested()).percent(k.wasteShare())
                    .bytes(s.estimatedUsedMemory()).bytes(s.writerUsedMemory());
            if (r == null) t.blank().blank();
            else t.bytes(r.usedMemory()).bytes(r.unexplained());
            t.styled(s.complete() ? m.text("status.ok") : m.text("status.partial"), s.complete() ? st.ok : st.warning)
                    .wrapped(m.phrases(s.modelReason()) + (s.note().isEmpty() ? "" : "\n" + s.note()));
        }
        List<Dataset> rdbs = ds.stream().filter(d -> d.kind() == io.fragscope.source.InputKind.RDB).toList();
        if (rdbs.size() > 1) {
            // The shards of a cluster, or one instance over time: the sum is what they hold together.
            long keys = 0, req = 0, alloc = 0, waste = 0, prefix = 0, usage = 0, est = 0;
            for (Dataset d : rdbs) {
                Totals k = d.summary().keys().totals();
                keys += k.keys(); req += k.requestedBytes(); alloc += k.allocatedBytes(); waste += k.roundingWasteBytes();
                prefix += k.prefixOverheadBytes(); usage += k.memoryUsageBytes(); est += Math.max(0, d.summary().estimatedUsedMemory());
            }
            t.row().text(m.format("datasets.combined", rdbs.size())).text("rdb").text("").text("").text("").count(keys).bytes(req).bytes(alloc)
                    .bytes(waste).bytes(prefix).bytes(usage).ratio(req == 0 ? Double.NaN : (double) alloc / req)
                    .percent(alloc == 0 ? Double.NaN : (double) waste / alloc).bytes(est);
        }
        t.finish();
    }

    private static void byType(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds) {
        Sheet sh = wb.createSheet(m.text("sheet.by_type"));
        SheetTable t = groupTable(sh, st, m, "col.type_encoding");
        int first = -1, last = -1;
        Dataset charted = null;   // the first dataset with rows: an empty file listed first has nothing to draw
        for (Dataset d : ds) {
            for (Group<TypeEncoding> g : d.summary().keys().byEncoding().groups()) {
                groupRow(t, g.key().toString(), d, g.totals());
                if (first < 0) { first = t.currentRow(); charted = d; }
                if (d == charted) last = t.currentRow();
            }
        }
        t.finish();
        if (first > 0) {
            int below = t.currentRow() + 3;
            XlsxCharts.bars(sh, new XlsxCharts.Box(0, below, 11, below + 20), m.format("chart.by_type", charted.source().getFileName()),
                    0, first, Math.min(last, first + CHART_BARS - 1), SheetTable.Unit.MIB,
                    new XlsxCharts.Column(4, m.text("col.allocated")), new XlsxCharts.Column(5, m.text("col.rounding_waste")));
        }
    }

    /** A group table: the group's name, then the same totals columns {@link #groupRow} fills. */
    private static SheetTable groupTable(Sheet sh, XlsxStyles st, Messages m, String nameColumn) {
        return new SheetTable(sh, st, 0, m.text(nameColumn), m.text("col.source"), m.text("col.keys"),
                m.text("col.requested"), m.text("col.allocated"), m.text("col.rounding_waste"), m.text("col.prefix_overhead"),
                m.text("col.memory_usage"), m.text("col.alloc_ratio"), m.text("col.waste_share"), m.text("col.no_ttl"));
    }

    private static void groupRow(SheetTable t, String name, Dataset d, Totals k) {
        t.row().text(name).text(d.source().getFileName().toString()).count(k.keys()).bytes(k.requestedBytes()).bytes(k.allocatedBytes())
                .bytes(k.roundingWasteBytes()).bytes(k.prefixOverheadBytes()).bytes(k.memoryUsageBytes())
                .ratio(k.allocatedOverRequested()).percent(k.wasteShare()).count(k.keysWithoutTtl());
    }

    private static void byPrefix(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds) {
        Sheet sh = wb.createSheet(m.text("sheet.by_prefix"));
        SheetTable t = groupTable(sh, st, m, "col.prefix");
        int first = -1, last = -1;
        Dataset charted = null;   // the first dataset with rows: an empty file listed first has nothing to draw
        for (Dataset d : ds) {
            KeySummary k = d.summary().keys();
            List<Group<io.fragscope.source.KeyName>> groups = new java.util.ArrayList<>(k.byPrefix().groups());
            groups.sort((a, b) -> Long.compare(b.totals().allocatedBytes(), a.totals().allocatedBytes()));
            for (Group<io.fragscope.source.KeyName> g : groups) {
                groupRow(t, g.key().escaped(), d, g.totals());
                if (first < 0) { first = t.currentRow(); charted = d; }
                if (d == charted) last = t.currentRow();
            }
            if (k.withoutPrefix().keys() > 0) groupRow(t, m.text("prefix.none"), d, k.withoutPrefix());
            if (k.byPrefix().other().keys() > 0) groupRow(t, m.format("prefix.other", k.byPrefix().foldedGroupsEstimate()), d, k.byPrefix().other());
        }
        t.finish();
        if (first > 0) {
            XlsxCharts.bars(sh, new XlsxCharts.Box(12, 1, 24, 24), m.format("chart.by_prefix", charted.source().getFileName()),
                    0, first, Math.min(last, first + CHART_BARS - 1), SheetTable.Unit.MIB,
                    new XlsxCharts.Column(4, m.text("col.allocated")), new XlsxCharts.Column(5, m.text("col.rounding_waste")));
        }
    }

    private static void sizeClasses(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds) {
        Sheet sh = wb.createSheet(m.text("sheet.size_classes"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.size_class"), m.text("col.source"), m.text("col.allocator"),
                m.text("col.allocations"), m.text("col.requested"), m.text("col.allocated"), m.text("col.rounding_waste"), m.text("col.waste_share"))
                .unit(SheetTable.Unit.KIB);
        int first = -1, last = -1;
        Dataset charted = null;   // the first dataset with rows: an empty file listed first has nothing to draw
        for (Dataset d : ds) {
            SizeClassHistogram h = d.summary().keys().sizeClasses();
            for (SizeClassHistogram.Bin b : h.bins()) {
                t.row().text(Bytes.human(b.sizeClassBytes())).text(d.source().getFileName().toString()).text(h.allocatorName())
                        .count(b.allocations()).bytes(b.requestedBytes()).bytes(b.allocatedBytes()).bytes(b.wasteBytes())
                        .percent(b.allocatedBytes() == 0 ? Double.NaN : (double) b.wasteBytes() / b.allocatedBytes());
                if (first < 0) { first = t.currentRow(); charted = d; }
                if (d == charted) last = t.currentRow();
            }
        }
        if (first < 0) t.row().text(m.text("size_classes.none"));
        t.finish();
        if (first > 0) {
            XlsxCharts.bars(sh, new XlsxCharts.Box(9, 1, 24, 24), m.format("chart.size_classes", charted.source().getFileName()),
                    0, first, Math.min(last, first + 39), SheetTable.Unit.KIB,
                    new XlsxCharts.Column(4, m.text("col.requested")), new XlsxCharts.Column(6, m.text("col.rounding_waste")));
        }
    }

    private static void topKeys(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds) {
        Sheet sh = wb.createSheet(m.text("sheet.top_keys"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.ranking"), m.text("col.source"), m.text("col.db"), m.text("col.key"),
                m.text("col.type"), m.text("col.encoding"), m.text("col.elements"), m.text("col.requested"), m.text("col.allocated"),
                m.text("col.rounding_waste"), m.text("col.prefix_overhead"), m.text("col.memory_usage"), m.text("col.ttl"), m.text("col.exactness"))
                .unit(SheetTable.Unit.B);
        for (Dataset d : ds) {
            for (KeyCost c : d.summary().keys().topByAllocated()) keyRow(t, m, m.text("ranking.size"), d, c);
            for (KeyCost c : d.summary().keys().topByWaste()) keyRow(t, m, m.text("ranking.waste"), d, c);
        }
        t.finish();
    }

    static void keyRow(SheetTable t, Messages m, String ranking, Dataset d, KeyCost c) {
        t.row().text(ranking).text(d.source().getFileName().toString()).count(c.db()).text(c.key().escaped()).text(c.type()).text(c.encoding())
                .count(c.elements()).bytes(c.requestedBytes()).bytes(c.allocatedBytes()).bytes(c.roundingWasteBytes())
                .bytes(c.prefixOverheadBytes()).bytes(c.memoryUsageBytes());
        if (c.ttlMs() >= 0) t.text(XlsxReport.time(Instant.ofEpochMilli(c.ttlMs())));
        else t.blank();
        t.text(m.text("exactness." + c.exactness().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static void allocators(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds) {
        if (ds.stream().allMatch(d -> d.summary().whatIf().isEmpty())) return;
        Sheet sh = wb.createSheet(m.text("sheet.allocators"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.allocator"), m.text("col.source"), m.text("col.requested"),
                m.text("col.allocated"), m.text("col.rounding_waste"), m.text("col.prefix_overhead"), m.text("col.estimated_used_memory"),
                m.text("col.vs_current"));
        int first = -1, last = -1;
        Dataset charted = null;   // the first dataset with rows: an empty file listed first has nothing to draw
        for (Dataset d : ds) {
            long current = d.summary().estimatedUsedMemory();
            for (DatasetSummary.AllocatorTotals a : d.summary().whatIf()) {
                t.row().text(a.allocator()).text(d.source().getFileName().toString()).bytes(a.requestedBytes()).bytes(a.allocatedBytes())
                        .bytes(a.roundingWasteBytes()).bytes(a.prefixOverheadBytes()).bytes(a.estimatedUsedMemory());
                if (current > 0 && a.estimatedUsedMemory() > 0) t.percent((double) (a.estimatedUsedMemory() - current) / current);
                else t.blank();
                if (first < 0) { first = t.currentRow(); charted = d; }
                if (d == charted) last = t.currentRow();
            }
        }
        t.finish();
        if (first > 0) {
            int below = t.currentRow() + 3;
            XlsxCharts.bars(sh, new XlsxCharts.Box(0, below, 9, below + 19), m.format("chart.allocators", charted.source().getFileName()),
                    0, first, last, SheetTable.Unit.MIB, new XlsxCharts.Column(6, m.text("col.estimated_used_memory")),
                    new XlsxCharts.Column(4, m.text("col.rounding_waste")), new XlsxCharts.Column(5, m.text("col.prefix_overhead")));
        }
    }
}
