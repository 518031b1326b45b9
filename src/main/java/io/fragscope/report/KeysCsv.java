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
    private long rows;

    public KeysCsv(OutputFolder folder) throws IOException {
        this.file = folder.begin(FILE);
        this.printer = new CSVPrinter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8),
                CsvTables.FORMAT.builder().setHeader(HEADER).get());
    }

    @Override
    public KeyCostSink open(Path source, InputKind kind) {
        String src = CsvTables.text(source.toString());
        return c -> {
            try {
                printer.printRecord(c.db(), keyCell(c), CsvTables.text(c.type()), CsvTables.text(c.encoding()), c.elements(),
                        c.requestedBytes(), c.allocatedBytes(), c.roundingWasteBytes(), c.prefixOverheadBytes(), c.memoryUsageBytes(),
                        c.ttlMs() < 0 ? "" : c.ttlMs(), c.exactness().name().toLowerCase(java.util.Locale.ROOT), src);
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static String keyCell(KeyCost c) {
        String k = c.key().escaped();
        if (k.startsWith("'")) k = "\\x27" + k.substring(1);
        return CellText.forCsv(k);
    }

    public long rows() { return rows; }

    /** The rows written so far (flushed), for the workbook's Keys sheet. */
    public Path flushedCopy() throws IOException {
        printer.flush();
        return file.temporaryPath();
    }

    public Path commit() throws IOException {
        printer.flush();
        return file.commit();
    }

    @Override public void close() throws IOException { file.close(); }
}
