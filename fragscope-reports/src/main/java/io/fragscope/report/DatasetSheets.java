package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.report.table.Table;
import org.apache.poi.ss.usermodel.Workbook;

import java.util.List;
import java.util.function.Function;

/**
 * Workbook sheets for RDB files and listings: the {@link KeyTables} (overview, by type, by encoding, by db, by prefix,
 * size classes, top keys, allocators, prefix growth) rendered by {@link XlsxRenderer}, with their charts and, below
 * the overview, the sum of several RDB files.
 */
public final class DatasetSheets implements XlsxReport.Section {
    /** Bars in a chart: beyond this a bar chart is unreadable. */
    static final int CHART_BARS = 15;

    @Override
    public void addSheets(Workbook wb, XlsxReport.Sheets sheets, ReportContext ctx) {
        List<Dataset> ds = ctx.result().datasets();
        if (ds.isEmpty()) return;
        XlsxStyles st = sheets.styles;
        Messages m = ctx.messages();
        FileLabels f = ctx.files();
        overview(wb, st, m, ds, ctx);
        groups(wb, st, m, ds, KeyTables.BY_TYPE, KeyTables::byType, "chart.by_type", true, f);
        groups(wb, st, m, ds, KeyTables.BY_ENCODING, KeyTables::byEncoding, "chart.by_encoding", true, f);
        XlsxRenderer.sheet(wb, st, m, KeyTables.BY_DB, KeyTables.all(ctx.result(), KeyTables::byDb), f).finish();
        groups(wb, st, m, ds, KeyTables.BY_PREFIX, KeyTables::byPrefix, "chart.by_prefix", false, f);
        sizeClasses(wb, st, m, ds, f);
        XlsxRenderer.sheet(wb, st, m, KeyTables.TOP_KEYS, KeyTables.all(ctx.result(), KeyTables::topKeys), f).finish();
        allocators(wb, st, m, ds, f);
        if (!ctx.result().growth().isEmpty()) XlsxRenderer.sheet(wb, st, m, KeyTables.PREFIX_GROWTH, ctx.result().growth(), f).finish();
    }

    private static void overview(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds, ReportContext ctx) {
        SheetTable t = XlsxRenderer.sheet(wb, st, m, KeyTables.DATASETS, KeyTables.datasets(ctx.result()), ctx.files());
        List<Dataset> rdbs = ds.stream().filter(d -> d.kind() == io.fragscope.source.InputKind.RDB).toList();
        if (rdbs.size() > 1) {
            // The shards of a cluster, or one instance over time: the sum is what they hold together.
            Totals sum = Totals.ZERO;
            long est = 0;
            for (Dataset d : rdbs) {
                sum = sum.plus(d.summary().keys().totals());
                est += Math.max(0, d.summary().estimatedUsedMemory());
            }
            t.row().text(m.format("datasets.combined", rdbs.size())).blank().text("rdb").blank().blank().blank().blank();
            for (var c : KeyTables.TOTALS) XlsxRenderer.cell(t, m, c.unit(), c.of(sum));
            t.bytes(est);
        }
        t.finish();
    }

    /** Rows of one dataset after another; the chart shows the first dataset that has rows. */
    private record Charted(SheetTable table, int first, int last, Dataset dataset) {}

    private static <R> Charted rows(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds, Table<R> table, Function<Dataset, List<R>> rows,
                                    FileLabels files) {
        SheetTable t = XlsxRenderer.table(wb.createSheet(m.text(table.titleKey())), st, m, table, 0, true).files(files);
        int first = -1, last = -1;
        Dataset charted = null;   // the first dataset with rows: an empty file listed first has nothing to draw
        for (Dataset d : ds) {
            for (R r : rows.apply(d)) {
                XlsxRenderer.row(t, m, table, r);
                if (first < 0) { first = t.currentRow(); charted = d; }
                if (d == charted) last = t.currentRow();
            }
        }
        return new Charted(t, first, last, charted);
    }

    private static void groups(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds, Table<KeyTables.GroupRow> table,
                               Function<Dataset, List<KeyTables.GroupRow>> rows, String chartTitle, boolean chartBelow, FileLabels files) {
        Charted c = rows(wb, st, m, ds, table, rows, files);
        c.table().finish();
        if (c.first() < 0) return;
        int below = c.table().currentRow() + 3;
        XlsxCharts.Box box = chartBelow ? new XlsxCharts.Box(0, below, 11, below + 20) : new XlsxCharts.Box(12, 1, 24, 24);
        XlsxCharts.bars(c.table().sheet(), box, m.format(chartTitle, files.of(c.dataset().source())), 1, c.first(),
                Math.min(c.last(), c.first() + CHART_BARS - 1), SheetTable.Unit.MIB, column(m, table, "allocated_bytes"),
                column(m, table, "rounding_waste_bytes"));
    }

    static XlsxCharts.Column column(Messages m, Table<?> table, String id) {
        int i = table.indexOf(id);
        return new XlsxCharts.Column(i, m.text(table.columns().get(i).headerKey()));
    }

    private static void sizeClasses(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds, FileLabels files) {
        Charted c = rows(wb, st, m, ds, KeyTables.SIZE_CLASSES, KeyTables::sizeClasses, files);
        if (c.first() < 0) c.table().row().text(m.text("size_classes.none"));
        c.table().finish();
        if (c.first() < 0) return;
        XlsxCharts.bars(c.table().sheet(), new XlsxCharts.Box(9, 1, 24, 24), m.format("chart.size_classes", files.of(c.dataset().source())),
                KeyTables.SIZE_CLASSES.indexOf("size_class_bytes"), c.first(), Math.min(c.last(), c.first() + 39), SheetTable.Unit.KIB,
                column(m, KeyTables.SIZE_CLASSES, "requested_bytes"), column(m, KeyTables.SIZE_CLASSES, "waste_bytes"));
    }

    private static void allocators(Workbook wb, XlsxStyles st, Messages m, List<Dataset> ds, FileLabels files) {
        if (ds.stream().allMatch(d -> d.summary().whatIf().isEmpty())) return;
        Charted c = rows(wb, st, m, ds, KeyTables.ALLOCATORS, KeyTables::allocators, files);
        c.table().finish();
        if (c.first() < 0) return;
        int below = c.table().currentRow() + 3;
        Table<KeyTables.AllocatorRow> t = KeyTables.ALLOCATORS;
        XlsxCharts.bars(c.table().sheet(), new XlsxCharts.Box(0, below, 9, below + 19), m.format("chart.allocators", files.of(c.dataset().source())),
                t.indexOf("allocator"), c.first(), c.last(), SheetTable.Unit.MIB, column(m, t, "estimated_used_memory"),
                column(m, t, "rounding_waste_bytes"), column(m, t, "prefix_overhead_bytes"));
    }
}
