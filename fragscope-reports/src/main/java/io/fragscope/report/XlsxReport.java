package io.fragscope.report;

import io.fragscope.Crash;
import io.fragscope.InputReport;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.MemoryBreakdown.Segment;
import io.fragscope.analysis.info.Series;
import io.fragscope.source.info.InfoField;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.xlsx}. The first sheet answers "is anything wrong, and what do I do"; then the RSS
 * breakdown with a stacked bar chart, the timeline with a line chart, the findings, every raw field
 * and the inputs. Key datasets (RDB files, listings) add their sheets through {@link Section}s.
 */
public final class XlsxReport {
    public static final String FILE = "report.xlsx";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Charts per workbook for timelines, drawn for the worst instances: more would bury the table. */
    static final int MAX_TIMELINE_CHARTS = 6;
    /** Rows per Timeline chart: the chart's 22 and a gap of 2. */
    static final int CHART_BAND = 24;

    /** Adds sheets for one kind of content. */
    public interface Section {
        void addSheets(Workbook wb, Sheets sheets, ReportContext ctx) throws IOException;
    }

    /** What a {@link Section} can use: styles and the table helper, kept package-private otherwise. */
    public static final class Sheets {
        final XlsxStyles styles;

        Sheets(XlsxStyles styles) { this.styles = styles; }

        /** The styles of a workbook (made once per workbook: Excel caps their number). */
        public static Sheets of(Workbook wb) { return new Sheets(new XlsxStyles(wb)); }
    }

    private final List<Section> sections;

    public XlsxReport(List<Section> sections) { this.sections = List.copyOf(sections); }

    /** Every sheet fragscope has: the INFO sheets, the key datasets' and the "where" sheets. */
    public static XlsxReport full() { return new XlsxReport(List.of(new DatasetSheets(), new ReclaimSheets())); }

    /**
     * Every sheet is streamed (SXSSF keeps a window of rows; the rest goes to a compressed temporary file), so
     * no input makes a sheet's rows fill the heap: 30,000 INFO fields, 80 dumps, 10,000 prefixes. Charts
     * refer to their cells and are drawn on the sheets' templates.
     */
    public void write(ReportContext ctx, OutputStream out) throws IOException {
        try {
            writeWorkbook(ctx, out);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // SXSSF wraps the I/O errors of its spill files (a full disk while a sheet is created or flushed):
            // they are write errors of this file, named by the caller, not crashes.
            if (!(e.getCause() instanceof IOException io)) throw e;
            if (Crash.vmErrorWithin(io) != null) throw e;   // out of memory: a crash
            throw new IOException(io.getMessage(), io);   // a new instance: the caller's try-with-resources may meet the cause again
        }
    }

    private void writeWorkbook(ReportContext ctx, OutputStream out) throws IOException {
        KeysSheet.Draft draft = ctx.keys() == null ? null : ctx.keys().draft();
        if (draft != null && draft.take(ctx)) {
            fill(ctx, draft.base, draft.styles, draft.wb, draft);
            draft.wb.write(out);
            return;
        }
        try (XSSFWorkbook base = new XSSFWorkbook()) {
            XlsxStyles st = new XlsxStyles(base);
            SXSSFWorkbook wb = new StreamedWorkbook(base, ROW_WINDOW);
            try {
                fill(ctx, base, st, wb, null);
                wb.write(out);
            } finally {
                wb.dispose();
            }
        }
    }

    /** Every sheet in order; a draft's Keys sheet (made first) is moved to its place and finished. */
    private void fill(ReportContext ctx, XSSFWorkbook base, XlsxStyles st, SXSSFWorkbook wb, KeysSheet.Draft draft) throws IOException {
        Messages m = ctx.messages();
        SummarySheet.add(wb, st, ctx);
        if (!ctx.result().dumps().isEmpty()) {
            breakdown(wb, st, ctx);
            timeline(wb, st, ctx);
            findings(wb, st, ctx);
        }
        Sheets sheets = new Sheets(st);
        for (Section s : sections) s.addSheets(wb, sheets, ctx);
        if (draft != null) {
            // made first, while the inputs were read: moved to where the whole workbook makes it
            wb.setSheetOrder(m.text("sheet.keys"), wb.getNumberOfSheets() - 1);
            KeysSheet.finish(draft.keys, ctx, draft.shown);
        } else if (ctx.keys() != null && ctx.keys().size() > 0) {
            KeysSheet.write(wb, st, ctx);
        }
        if (!ctx.result().dumps().isEmpty()) fields(wb, st, ctx);
        inputs(wb, st, ctx);
        // The first sheet made is the selected one: in a draft that was the Keys sheet.
        if (draft != null) for (int i = 0; i < wb.getNumberOfSheets(); i++) wb.getSheetAt(i).setSelected(i == 0);
        wb.setActiveSheet(0);
        base.getProperties().getCoreProperties().setCreator("fragscope " + ctx.toolVersion());
        base.getProperties().getCoreProperties().setTitle(m.text("report.title"));
    }

    /** Rows of the INFO fields sheet; every field is in fields.csv. Below Excel's 1,048,576-row limit. */
    static final int MAX_FIELD_ROWS = 500_000;

    /** Rows of a sheet kept in memory while it is written. */
    static final int ROW_WINDOW = 200;

    /**
     * Keys on the workbook's Keys sheet by default: the first read. The full list is keys.csv. A workbook is mostly
     * attached to a ticket: with 100,000 keys (the default before issue 10) it was 8.2 MB on the 4M-key benchmark file
     * and its Keys sheet cost a quarter of the run's CPU (POI writes 13 cells a key); with 10,000 it is 0.85 MB.
     */
    public static final int DEFAULT_KEY_ROWS = 10_000;

    /** Most keys the Keys sheet takes ({@code --keys-sheet-rows}); the key sample holds them, far below Excel's 1,048,576-row limit. */
    public static final int MAX_KEY_ROWS = 100_000;

    /**
     * The last name of a path written as text, without parsing it as a path again: under the POSIX locale a
     * name that is not ASCII reads back with U+FFFD, which {@code Path.of} rejects.
     */
    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }

    static String time(Instant t) { return TIME.format(t); }

    static CellStyle severityStyle(XlsxStyles st, Severity s) {
        if (s == null) return st.ok;
        return switch (s) {
            case CRITICAL -> st.critical;
            case WARNING -> st.warning;
            case INFO -> st.info;
        };
    }

    private static final Segment[] SEGMENTS = Segment.values();

    private static void breakdown(Workbook wb, XlsxStyles st, ReportContext ctx) {
        Messages m = ctx.messages();
        Sheet sh = wb.createSheet(m.text("sheet.breakdown"));
        List<String> headers = new ArrayList<>(List.of(m.text("col.instance"), m.text("col.captured_at"),
                m.text("col.used_memory"), m.text("col.used_memory_rss"), m.text("col.mem_fragmentation_ratio")));
        for (Segment s : SEGMENTS) headers.add(m.text("segment." + s.name().toLowerCase(java.util.Locale.ROOT)));
        headers.addAll(List.of(m.text("col.allocator_frag_ratio"), m.text("col.allocator_rss_ratio"),
                m.text("col.rss_overhead_ratio"), m.text("col.peak"), m.text("col.peak_ratio")));
        SheetTable t = new SheetTable(sh, st, 0, headers.toArray(String[]::new));
        List<DumpAnalysis> rows = ctx.result().latestWorstFirst();
        for (DumpAnalysis d : rows) {
            MemoryBreakdown b = d.breakdown();
            t.row().text(d.series()).text(time(d.capturedAt().at())).bytes(b.usedMemory()).bytes(b.rss()).ratio(b.fragmentationRatio());
            for (Segment s : SEGMENTS) t.bytes(b.segment(s));
            t.ratio(b.allocatorFragRatio()).ratio(b.allocatorRssRatio()).ratio(b.processRssRatio()).bytes(b.peak()).ratio(b.peakRatio());
        }
        t.finish();
        if (!rows.isEmpty()) {
            XlsxCharts.Column[] cols = new XlsxCharts.Column[SEGMENTS.length];
            for (int i = 0; i < SEGMENTS.length; i++) cols[i] = new XlsxCharts.Column(5 + i, headers.get(5 + i));
            int height = Math.max(16, 4 + rows.size() * 2);
            XlsxCharts.stackedBars(sh, new XlsxCharts.Box(0, rows.size() + 3, 10, rows.size() + 3 + height),
                    m.text("chart.breakdown"), 0, 1, rows.size(), cols);
        }
    }

    /** Rows per instance in the Timeline sheet; longer series are sampled evenly (restarts and the latest dump always kept). */
    static final int MAX_TIMELINE_ROWS = 2_000;

    /**
     * One row per dump (sampled beyond {@link #MAX_TIMELINE_ROWS}), capture times as real dates so the chart is
     * time-scaled. The last three columns (hidden) feed the chart: the ratio only where used_memory is 5 MiB or more (below,
     * a ratio of 8 on an empty server would set the scale and mean nothing), a 0 at each restart (drawn as a
     * marker on the time axis), and the 1.5 threshold of high-fragmentation.
     */
    private static void timeline(Workbook wb, XlsxStyles st, ReportContext ctx) {
        Messages m = ctx.messages();
        Sheet sh = wb.createSheet(m.text("sheet.timeline"));
        String[] headers = {m.text("col.instance"), m.text("col.captured_at"), m.text("col.used_memory"), m.text("col.used_memory_rss"),
                m.text("col.mem_fragmentation_ratio"), m.text("col.allocator_frag_ratio"), m.text("col.restart"), m.text("col.run_id"),
                m.text("col.source"), m.text("col.ratio_charted"), m.text("col.restart_marker"), m.text("col.threshold")};
        SheetTable t = new SheetTable(sh, st, 0, headers);
        double threshold = io.fragscope.analysis.info.FindingThresholds.DEFAULTS.fragmentationRatio();
        record Range(Series s, int first, int last) {}
        List<Range> ranges = new ArrayList<>();
        List<String> sampled = new ArrayList<>();
        for (Series s : ctx.result().series()) {
            int first = t.currentRow() + 1;
            List<DumpAnalysis> dumps = s.dumps();
            int step = (dumps.size() + MAX_TIMELINE_ROWS - 1) / MAX_TIMELINE_ROWS;
            java.util.Set<Instant> restarts = new java.util.HashSet<>(s.restarts());
            int shown = 0;
            for (int i = 0; i < dumps.size(); i++) {
                DumpAnalysis d = dumps.get(i);
                boolean restart = restarts.contains(d.capturedAt().at());
                if (step > 1 && i % step != 0 && !restart && i != dumps.size() - 1) continue;
                shown++;
                MemoryBreakdown b = d.breakdown();
                boolean tiny = b.usedMemory() >= 0 && b.usedMemory() < TINY_BYTES;
                t.row().text(s.name()).date(d.capturedAt().at()).bytes(b.usedMemory()).bytes(b.rss())
                        .ratio(b.fragmentationRatio()).ratio(b.allocatorFragRatio())
                        .text(restart ? m.text("timeline.restart") : "").text(d.runId())
                        .text(d.dump().source() == null ? "" : io.fragscope.source.FileNames.name(d.dump().source()))
                        .ratio(tiny ? Double.NaN : b.fragmentationRatio()).ratio(restart ? 0 : Double.NaN)
                        .ratio(threshold);
            }
            if (shown < dumps.size()) sampled.add(m.format("timeline.sampled", s.name(), shown, dumps.size()));
            ranges.add(new Range(s, first, t.currentRow()));
        }
        // Charts go to the worst instances (the Summary's order), and the table says which instances have none.
        java.util.Map<DumpAnalysis, Integer> rank = new java.util.IdentityHashMap<>();
        for (DumpAnalysis d : ctx.result().latestWorstFirst()) rank.put(d, rank.size());
        ranges.sort(java.util.Comparator.comparingInt((Range r) -> rank.getOrDefault(r.s().latest(), Integer.MAX_VALUE)));
        List<Range> charted = new ArrayList<>();
        List<String> uncharted = new ArrayList<>(), single = new ArrayList<>();
        for (Range r : ranges) {
            if (r.last() - r.first() < 1) single.add(r.s().name());   // one dump: no line to draw
            else if (charted.size() < MAX_TIMELINE_CHARTS) charted.add(r);
            else uncharted.add(r.s().name());
        }
        for (String note : sampled) t.row().text(note);
        if (!uncharted.isEmpty()) t.row().text(m.format("timeline.uncharted", MAX_TIMELINE_CHARTS, uncharted.size(), names(uncharted)));
        if (!single.isEmpty()) t.row().text(m.format("timeline.single", single.size(), names(single)));
        t.finish();
        // The three columns that only feed the chart are hidden (a 0.00 "restart marker" read as a figure); the chart
        // plots hidden cells (XlsxCharts.timeSeries)
        for (int c = headers.length - 3; c < headers.length; c++) sh.setColumnHidden(c, true);
        // Each chart has a band of CHART_BAND rows below the header row, which printing repeats on every page (a chart
        // anchored on it was drawn across each page's top), and a page break ends each band, so no chart is cut between
        // two printed pages: a band fits a page at the scale the sheet's width gives.
        int chartRow = 1;
        for (Range r : charted) {
            sh.setRowBreak(chartRow + CHART_BAND - 1);
            XlsxCharts.timeSeries(sh, new XlsxCharts.Box(headers.length + 1, chartRow, headers.length + 13, chartRow + 22),
                    m.format("chart.timeline", r.s().name()), 1, r.first(), r.last(), timeFormat(r.s()), m.text("chart.axis_time"),
                    m.text("chart.axis_mib"), m.text("chart.axis_ratio"),
                    new XlsxCharts.Column[] {new XlsxCharts.Column(3, headers[3]), new XlsxCharts.Column(2, headers[2])},
                    new XlsxCharts.Column[] {new XlsxCharts.Column(9, headers[4]), new XlsxCharts.Column(11, headers[11])},
                    new XlsxCharts.Column[] {new XlsxCharts.Column(10, headers[10])});
            chartRow += CHART_BAND;
        }
    }

    /** Instance names for a note: the first ten, then how many more. */
    private static String names(List<String> all) {
        return all.size() <= 10 ? String.join(", ", all) : String.join(", ", all.subList(0, 10)) + " … (" + (all.size() - 10) + " more)";
    }

    /** Axis labels as precise as the series' span needs: seconds for a test run, days for a month of cron dumps. */
    static String timeFormat(Series s) {
        java.time.Duration span = java.time.Duration.between(s.dumps().get(0).capturedAt().at(), s.latest().capturedAt().at());
        return span.toHours() < 1 ? "hh:mm:ss" : span.toDays() < 3 ? "mm-dd hh:mm" : "yyyy-mm-dd";
    }

    /** MEMORY DOCTOR's "empty" floor, as the tiny-instance finding uses it. */
    static final long TINY_BYTES = 5L << 20;

    /**
     * One row per finding per instance, with its span: a finding seen in many dumps of a series (restart-to-reclaim
     * in every dump of a day) is one row with the first and last capture it was seen in and how many dumps had it;
     * message and numbers are those of the latest occurrence.
     */
    private static void findings(Workbook wb, XlsxStyles st, ReportContext ctx) {
        Messages m = ctx.messages();
        Sheet sh = wb.createSheet(m.text("sheet.findings"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.severity"), m.text("col.code"), m.text("col.instance"),
                m.text("col.first_seen"), m.text("col.last_seen"), m.text("col.dumps_with"), m.text("col.message"), m.text("col.action"),
                m.text("col.evidence"), m.text("col.source"));
        for (Series s : ctx.result().series()) {
            java.util.Map<io.fragscope.analysis.FindingCode, Span> spans = new java.util.LinkedHashMap<>();
            for (DumpAnalysis d : s.dumps()) {
                for (Finding f : d.findings()) {
                    Span sp = spans.get(f.code());
                    spans.put(f.code(), sp == null ? new Span(f, d, d, 1, f.severity())
                            : new Span(f, sp.first(), d, sp.count() + 1, f.severity().compareTo(sp.worst()) > 0 ? f.severity() : sp.worst()));
                }
            }
            List<Span> sorted = new ArrayList<>(spans.values());
            // The latest occurrence's severity, as its message, summary.md and --fail-on have it; a worse one in earlier
            // dumps is said beside the count.
            sorted.sort(java.util.Comparator.comparing((Span sp) -> sp.latest().severity()).thenComparing(Span::worst).reversed());
            for (Span sp : sorted) {
                Finding f = sp.latest();
                t.row().styled(m.severity(f.severity()), severityStyle(st, f.severity())).text(f.code().id()).text(s.name())
                        .text(time(sp.first().capturedAt().at())).text(time(sp.last().capturedAt().at()))
                        .text(sp.count() + " / " + s.dumps().size() + (sp.worst().compareTo(f.severity()) > 0
                                ? " " + m.format("findings.worse_earlier", m.severity(sp.worst())) : ""))
                        .wrapped(m.message(f)).wrapped(m.action(f)).wrapped(InfoTables.evidence(f))
                        .text(io.fragscope.source.FileNames.name(sp.last().dump().source()));
            }
        }
        for (io.fragscope.Dataset ds : ctx.result().datasets()) {
            for (Finding f : ds.findings()) {
                t.row().styled(m.severity(f.severity()), severityStyle(st, f.severity())).text(f.code().id()).text(ds.series())
                        .text("").text("").text("").wrapped(m.message(f)).wrapped(m.action(f)).wrapped(InfoTables.evidence(f))
                        .text(ctx.files().of(ds.source()));
            }
        }
        t.finish();
    }

    /** Where a finding was seen in a series: its latest occurrence, the dumps it first and last appeared in, how many, the worst severity. */
    private record Span(Finding latest, DumpAnalysis first, DumpAnalysis last, int count, Severity worst) {}


    private static void fields(Workbook wb, XlsxStyles st, ReportContext ctx) {
        Messages m = ctx.messages();
        Sheet sh = wb.createSheet(m.text("sheet.fields"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.instance"), m.text("col.captured_at"), m.text("col.section"),
                m.text("col.field"), m.text("col.value"), m.text("col.line"), m.text("col.source"));
        // The latest dump of each instance: a cron series of thousands of dumps would pass Excel's row limit,
        // and older dumps keep only their memory fields (InfoAnalyzer.Collector). fields.csv has the same rows.
        long rows = 0, all = 0;
        for (DumpAnalysis d : ctx.result().latestWorstFirst()) {
            for (InfoField f : d.dump().fields()) {
                if (all++ >= MAX_FIELD_ROWS) continue;
                t.row().text(d.series()).text(time(d.capturedAt().at())).text(f.section()).text(f.name());
                t.verbatim(f.value()).count(f.line()).text(io.fragscope.source.FileNames.text(d.dump().source()));
                rows++;
            }
        }
        if (all > rows) t.row().text(m.format("fields.truncated", rows, all));
        t.finish();
    }

    private static void inputs(Workbook wb, XlsxStyles st, ReportContext ctx) {
        Messages m = ctx.messages();
        Sheet sh = wb.createSheet(m.text("sheet.inputs"));
        SheetTable t = new SheetTable(sh, st, 0, m.text("col.source"), m.text("col.kind"), m.text("col.status"), m.text("col.message"));
        for (InputReport r : ctx.result().inputs()) {
            CellStyle style = switch (r.status()) {
                case ERROR, CRASHED -> st.critical;
                case PARTIAL -> st.warning;
                case SKIPPED -> st.info;
                case OK -> st.ok;
            };
            t.row().text(io.fragscope.source.FileNames.text(r.path())).text(r.kind().id()).styled(m.text("status." + r.status().id()), style).wrapped(m.input(r));
        }
        t.finish();
    }
}
