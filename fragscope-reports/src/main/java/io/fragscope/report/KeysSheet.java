package io.fragscope.report;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.time.Instant;

/**
 * The workbook's Keys sheet: the first keys of the run as keys.csv has them (as many as the run kept for it, at most
 * {@link XlsxReport#MAX_KEY_ROWS}), from the {@link KeySample} kept while reading, written whole with the rest of the
 * workbook or begun while the inputs are still read ({@link Draft}, which also loads the workbook's code while the read
 * goes on).
 */
public final class KeysSheet {
    private KeysSheet() {}

    static void write(SXSSFWorkbook wb, XlsxStyles st, ReportContext ctx) {
        SheetTable t = table(wb, st, ctx.messages());
        finish(t, ctx, rows(t, ctx.messages(), ctx.keys(), ctx.files()));
    }

    private static SheetTable table(SXSSFWorkbook wb, XlsxStyles st, Messages m) {
        Sheet sh = wb.createSheet(m.text("sheet.keys"));
        return new SheetTable(sh, st, 0, m.text("col.source"), m.text("col.db"), m.text("col.key"), m.text("col.type"),
                m.text("col.encoding"), m.text("col.elements"), m.text("col.requested"), m.text("col.allocated"),
                m.text("col.rounding_waste"), m.text("col.prefix_overhead"), m.text("col.memory_usage"), m.text("col.ttl"),
                m.text("col.exactness")).unit(SheetTable.Unit.B);
    }

    /** The rows as keys.csv has them (the cells' text is the same), from the sample kept while reading; returns how many. */
    private static int rows(SheetTable t, Messages m, KeySample sample, FileLabels files) {
        int shown = Math.min(sample.size(), XlsxReport.MAX_KEY_ROWS);
        String lastSource = null, lastName = null;
        String[] exactness = new String[io.fragscope.analysis.KeyCost.Exactness.values().length];
        for (io.fragscope.analysis.KeyCost.Exactness e : io.fragscope.analysis.KeyCost.Exactness.values()) {
            exactness[e.ordinal()] = m.text("exactness." + e.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (int i = 0; i < shown; i++) {
            io.fragscope.analysis.KeyCost c = sample.cost(i);
            String key = KeysCsv.keyCell(c);
            if (key.length() > 1 && key.charAt(0) == '\'' && CellText.looksLikeFormula(key.substring(1))) key = key.substring(1);
            String source = sample.source(i);
            if (!source.equals(lastSource)) { lastSource = source; lastName = files.of(source); }
            t.row().text(lastName).count(c.db()).text(key).text(CellText.forCsv(c.type().redisName())).text(CellText.forCsv(c.encoding().redisName()))
                    .count(c.elements()).bytes(c.requestedBytes()).bytes(c.allocatedBytes()).bytes(c.roundingWasteBytes())
                    .bytes(c.prefixOverheadBytes()).bytes(c.memoryUsageBytes());
            if (c.ttlMs() < 0) t.blank(); else t.text(XlsxReport.time(Instant.ofEpochMilli(c.ttlMs())));
            t.text(exactness[c.exactness().ordinal()]);
        }
        return shown;
    }

    static void finish(SheetTable t, ReportContext ctx, int shown) {
        long total = 0;
        for (io.fragscope.Dataset d : ctx.result().datasets()) total += d.summary().keys().totals().keys();
        if (total > shown) t.row().text(ctx.messages().format("keys.truncated", shown, total));
        t.finish();
    }

    /**
     * A workbook begun while the inputs are still being read: once the key sample is complete (its keys come early in
     * a large input), its Keys sheet is written on a thread of its own, so the
     * largest sheet is not left for after the read. {@link #write} finishes it, puts the Keys sheet where it belongs
     * and adds the other sheets; the workbook is the same as one written whole (only the order its parts were made in
     * differs). Closed by whoever began it, written or not.
     */
    public static final class Draft implements AutoCloseable {
        private final Messages messages;
        private final KeySample sample;
        private final FileLabels files;
        private final Thread rows;
        // made by the rows thread; read after it was joined
        XSSFWorkbook base;
        XlsxStyles styles;
        SXSSFWorkbook wb;
        SheetTable keys;
        int shown;
        private Throwable failure;
        private boolean used, closed;

        /** Whether {@code ctx}'s workbook is this draft's (its sample, its language, not yet written); if so it is taken. */
        boolean take(ReportContext ctx) throws IOException {
            if (used || closed || messages != ctx.messages() || sample != ctx.keys() || !files.equals(ctx.files())) return false;
            used = true;
            awaitRows();
            return true;
        }

        private Draft(Messages messages, KeySample sample, FileLabels files) {
            this.messages = messages;
            this.sample = sample;
            this.files = files;
            this.rows = new Thread(() -> {
                try {
                    base = new XSSFWorkbook();
                    styles = new XlsxStyles(base);
                    wb = new StreamedWorkbook(base, XlsxReport.ROW_WINDOW);
                    keys = table(wb, styles, messages);
                    shown = rows(keys, messages, sample, files);
                } catch (Throwable t) {
                    failure = t;
                }
            }, "workbook keys");
            rows.setDaemon(true);
        }

        /**
         * Begins the workbook of {@code sample}, which no longer changes, in {@code messages}' language, naming files by
         * {@code files} (the report's must be the same); returns at once.
         */
        public static Draft begin(Messages messages, KeySample sample, FileLabels files) {
            Draft d = new Draft(messages, sample, files);
            d.rows.start();
            return d;
        }

        private int awaitRows() throws IOException {
            try {
                rows.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the Keys sheet was written");
            }
            Throwable f = failure;
            if (f instanceof IOException io) throw io;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            return shown;
        }

        /** Waits for the rows thread and removes the draft's spill files, whether the workbook was written or not. */
        @Override public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                rows.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (wb != null) wb.dispose();
            if (base != null) base.close();
        }
    }
}
