package io.fragscope.report.rollup;

import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.analysis.rollup.RollupFigures;
import io.fragscope.report.CellText;
import io.fragscope.report.Messages;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rollup.xlsx}: the roll-up for a person. Sheets: Clusters (the fleet's row first, then each cluster worst
 * first; one column per {@link RollupColumn}), Worst instances (per scope, worst first), Hash tags (per scope,
 * heaviest first). Bytes are held as MiB (a cell's value times 1,048,576 is the byte count), as in
 * {@code report.xlsx}; names from the inputs (instances, shards, tags) are inert text cells. Every word from the
 * message bundles ({@code rollup.*}).
 */
public final class RollupWorkbook {
    public static final String FILE = "rollup.xlsx";
    private static final double MIB = 1024.0 * 1024.0;

    private final Messages m;

    public RollupWorkbook(Messages messages) { this.m = messages; }

    /** A column of a sheet: its header key and kind. */
    private record Col(String header, RollupColumn.Kind kind) {}

    private static final class Styles {
        final CellStyle header, text, count, mib, ratio;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            text = wb.createCellStyle();
            text.setQuotePrefixed(true); // a name from the inputs that starts with '=' stays text
            count = numeric(wb, "#,##0");
            mib = numeric(wb, "#,##0.0\" MiB\"");
            ratio = numeric(wb, "0.00");
        }

        private static CellStyle numeric(SXSSFWorkbook wb, String format) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(wb.createDataFormat().getFormat(format));
            return s;
        }
    }

    public void write(Rollup rollup, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            Styles st = new Styles(wb);
            List<RollupFigures> scopes = new ArrayList<>();
            scopes.add(rollup.fleet());
            scopes.addAll(rollup.clusters());
            clusters(wb, st, scopes);
            instances(wb, st, scopes);
            tags(wb, st, scopes);
            wb.write(out);
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    private void clusters(SXSSFWorkbook wb, Styles st, List<RollupFigures> scopes) {
        Sheet sh = sheet(wb, "rollup.sheet.clusters");
        title(sh, st, "rollup.title.clusters");
        List<Col> cols = new ArrayList<>();
        for (RollupColumn c : RollupColumn.ALL) cols.add(new Col("rollup.col." + c.name(), c.kind()));
        header(sh, st, 2, cols);
        int r = 3;
        for (RollupFigures f : scopes) {
            Row row = sh.createRow(r++);
            for (int i = 0; i < RollupColumn.ALL.size(); i++) {
                RollupColumn c = RollupColumn.ALL.get(i);
                Object v = c.value().apply(f);
                if (c.name().equals("scope")) v = m.text("rollup.scope." + f.scope());
                if (c.name().equals("cluster") && v == null) v = m.text("rollup.all_clusters");
                cell(row, i, v, c.kind(), st);
            }
        }
        sh.createFreezePane(2, 3);
        note(sh, st, r + 1, "rollup.note.clusters");
    }

    private void instances(SXSSFWorkbook wb, Styles st, List<RollupFigures> scopes) {
        Sheet sh = sheet(wb, "rollup.sheet.instances");
        title(sh, st, "rollup.title.instances");
        List<Col> cols = List.of(new Col("rollup.col.cluster", RollupColumn.Kind.TEXT), new Col("rollup.col.rank", RollupColumn.Kind.COUNT),
                new Col("rollup.col.instance", RollupColumn.Kind.TEXT), new Col("rollup.col.shard", RollupColumn.Kind.TEXT),
                new Col("rollup.col.mem_fragmentation_ratio", RollupColumn.Kind.RATIO), new Col("rollup.col.used_memory", RollupColumn.Kind.BYTES),
                new Col("rollup.col.used_memory_rss", RollupColumn.Kind.BYTES), new Col("rollup.col.fragmentation_bytes", RollupColumn.Kind.BYTES),
                new Col("rollup.col.allocator_frag_bytes", RollupColumn.Kind.BYTES));
        header(sh, st, 2, cols);
        int r = 3;
        for (RollupFigures f : scopes) {
            int rank = 0;
            for (RollupFigures.InstanceLine i : f.worstInstances()) {
                Object[] v = {scopeName(f), ++rank, i.instance(), i.shard(), i.fragmentationRatio(), i.usedMemory(), i.usedMemoryRss(),
                        i.fragmentationBytes(), i.allocatorFragBytes()};
                Row row = sh.createRow(r++);
                for (int c = 0; c < v.length; c++) cell(row, c, v[c], cols.get(c).kind(), st);
            }
        }
        sh.createFreezePane(0, 3);
        note(sh, st, r + 1, "rollup.note.instances");
    }

    private void tags(SXSSFWorkbook wb, Styles st, List<RollupFigures> scopes) {
        Sheet sh = sheet(wb, "rollup.sheet.hash_tags");
        title(sh, st, "rollup.title.hash_tags");
        List<Col> cols = List.of(new Col("rollup.col.cluster", RollupColumn.Kind.TEXT), new Col("rollup.col.rank", RollupColumn.Kind.COUNT),
                new Col("rollup.col.tag", RollupColumn.Kind.TEXT), new Col("rollup.col.shard", RollupColumn.Kind.TEXT),
                new Col("rollup.col.tag_shards", RollupColumn.Kind.COUNT), new Col("rollup.col.keys", RollupColumn.Kind.COUNT),
                new Col("rollup.col.tag_bytes", RollupColumn.Kind.BYTES), new Col("rollup.col.share_of_shard", RollupColumn.Kind.RATIO));
        header(sh, st, 2, cols);
        int r = 3;
        for (RollupFigures f : scopes) {
            int rank = 0;
            for (RollupFigures.TagLine t : f.hashTags()) {
                Object[] v = {scopeName(f), ++rank, t.tag(), t.shard(), t.shards(), t.keys(), t.bytes(), t.shareOfShard()};
                Row row = sh.createRow(r++);
                for (int c = 0; c < v.length; c++) cell(row, c, v[c], cols.get(c).kind(), st);
            }
        }
        sh.createFreezePane(0, 3);
        note(sh, st, r + 1, "rollup.note.hash_tags");
    }

    private String scopeName(RollupFigures f) {
        return f.cluster() == null ? m.text("rollup.all_clusters") : f.cluster();
    }

    private Sheet sheet(SXSSFWorkbook wb, String key) {
        SXSSFSheet sh = wb.createSheet(m.text(key));
        sh.setDefaultColumnWidth(16);
        return sh;
    }

    private void title(Sheet sh, Styles st, String key) {
        Cell c = sh.createRow(0).createCell(0);
        c.setCellValue(m.text(key));
        c.setCellStyle(st.header);
    }

    private void note(Sheet sh, Styles st, int row, String key) {
        sh.createRow(row).createCell(0).setCellValue(m.text(key));
    }

    private void header(Sheet sh, Styles st, int at, List<Col> cols) {
        Row row = sh.createRow(at);
        row.setHeightInPoints(30);
        for (int i = 0; i < cols.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(m.text(cols.get(i).header()));
            c.setCellStyle(st.header);
        }
    }

    private static void cell(Row row, int col, Object v, RollupColumn.Kind kind, Styles st) {
        if (v == null) return; // unknown: an empty cell, never 0
        Cell c = row.createCell(col);
        if (v instanceof Number n && kind != RollupColumn.Kind.TEXT) {
            switch (kind) {
                case BYTES -> {
                    c.setCellValue(n.doubleValue() / MIB);
                    c.setCellStyle(st.mib);
                }
                case RATIO -> {
                    c.setCellValue(n.doubleValue());
                    c.setCellStyle(st.ratio);
                }
                default -> {
                    c.setCellValue(n.doubleValue());
                    c.setCellStyle(st.count);
                }
            }
        } else {
            c.setCellValue(CellText.forXlsx(v.toString()));
            c.setCellStyle(st.text);
        }
    }
}
