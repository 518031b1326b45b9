package io.fragscope.report;

import io.fragscope.KeyListener;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.source.InputKind;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code keys.csv}: every key of every RDB file and listing, streamed as it is costed, so the run never
 * holds the keys. Key names are escaped ({@link io.fragscope.source.KeyName#escaped()}); a name that
 * would start with a formula character gets the CSV apostrophe, and a name that itself starts with an
 * apostrophe has it written as {@code \x27}, so every cell maps back to exactly one key.
 */
public final class KeysCsv implements KeyListener, AutoCloseable {
    public static final String FILE = "keys.csv";
    static final String[] HEADER = {"db", "key", "type", "encoding", "elements", "requested_bytes", "allocated_bytes",
            "rounding_waste_bytes", "prefix_overhead_bytes", "memory_usage_bytes", "expire_at_ms", "exactness", "source"};

    private final OutputFolder.Pending file;
    private final CSVPrinter printer;
    /** Rows are formatted into this buffer and written in 64 KiB pieces: Writers lock and encode per call. */
    private final StringBuilder pending = new StringBuilder(1 << 17);
    private final java.io.Writer out;
    private final java.util.List<AsyncKeySink> open = new java.util.ArrayList<>();
    private long rows;
    /** Rows written to the file; the rest are only counted. */
    private final long maxRows;
    private final Path folder;

    public KeysCsv(OutputFolder folder) throws IOException {
        this(folder, Long.MAX_VALUE);
    }

    /**
     * @param maxRows rows to write: the workbook alone needs only the rows its Keys sheet shows, so a run without
     *                {@code -f csv} does not write (and then delete) a keys.csv of every key
     */
    public KeysCsv(OutputFolder folder, long maxRows) throws IOException {
        this.maxRows = maxRows;
        this.folder = folder.dir();
        this.file = folder.begin(FILE);
        this.out = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(pending,
                // Numbers are written as they are and text is always quoted: no per-character quoting decision on
                // the millions of numeric cells, and the file stays plain RFC 4180.
                CsvTables.FORMAT.builder().setHeader(HEADER).setQuoteMode(org.apache.commons.csv.QuoteMode.NON_NUMERIC).get());
    }

    /** Rows are formatted on a second thread; {@link #finish()} waits for them. */
    @Override
    public KeyCostSink open(Path source, InputKind kind) throws IOException {
        finish();
        AsyncKeySink sink = new AsyncKeySink(rowWriter(source), "keys.csv writer");
        open.add(sink);
        return sink;
    }

    /** Waits until every key handed over so far is written. */
    public void finish() throws IOException {
        for (AsyncKeySink s : open) s.close();
        open.clear();
    }

    private KeyCostSink rowWriter(Path source) {
        Path target = folder.resolve(FILE);
        String src = CsvTables.text(source.toString());
        return c -> {
            if (rows >= maxRows) {
                rows++;
                return;
            }
            try {
                printer.printRecord(c.db(), keyCell(c), CsvTables.text(c.type()), CsvTables.text(c.encoding()), c.elements(),
                        c.requestedBytes(), c.allocatedBytes(), c.roundingWasteBytes(), c.prefixOverheadBytes(), c.memoryUsageBytes(),
                        c.ttlMs() < 0 ? "" : c.ttlMs(), EXACTNESS[c.exactness().ordinal()], src);
                rows++;
                if (pending.length() >= 1 << 16) drain();
            } catch (IOException e) {
                IOException named = OutputFolder.writing(target, e);
                throw new UncheckedIOException(named.getMessage(), named);
            }
        };
    }

    private static final String[] EXACTNESS = java.util.Arrays.stream(KeyCost.Exactness.values())
            .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    private void drain() throws IOException {
        try {
            out.append(pending);
        } catch (IOException e) {
            throw OutputFolder.writing(folder.resolve(FILE), e);
        }
        pending.setLength(0);
    }

    static String keyCell(KeyCost c) {
        String k = c.key().escaped();
        if (k.startsWith("'")) k = "\\x27" + k.substring(1);
        return CellText.forCsv(k);
    }

    public long rows() { return rows; }

    /** The rows written so far (flushed), for the workbook's Keys sheet. */
    public Path flushedCopy() throws IOException {
        finish();
        drain();
        out.flush();
        return file.temporaryPath();
    }

    /** Finishes the file; it moves into place with the other reports at {@link OutputFolder#commitAll()}. */
    public Path stage() throws IOException {
        finish();
        drain();
        out.flush();
        return file.stage();
    }

    @Override public void close() throws IOException {
        try {
            finish();
        } finally {
            file.close();
        }
    }
}
