package io.fragscope.report;

import io.fragscope.KeyListener;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.source.InputKind;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code keys.csv}: every key of every RDB file and listing, streamed as it is costed, so the run never holds the
 * keys; and the {@link KeySample} of the first keys that the workbook's Keys sheet shows.
 *
 * <p>Columns: {@code db, key, type, encoding, elements, requested_bytes, allocated_bytes, rounding_waste_bytes,
 * prefix_overhead_bytes, memory_usage_bytes, expire_at_ms, exactness, dataset}; bytes are whole bytes; {@code dataset}
 * is the number of the RDB file or listing the key came from, the {@code dataset} column of datasets.csv (the source's
 * path is written there, once). Key names are escaped ({@link io.fragscope.source.KeyName#escaped()}); a name that
 * would start with a formula character gets the CSV apostrophe, and a name that itself starts with an apostrophe has
 * it written as {@code \x27}, so every cell maps back to exactly one key. Cells are quoted only when they hold a
 * comma, a quote or a line break (RFC 4180), and rows are encoded straight into a byte buffer: this file is most of
 * the bytes a run writes.
 */
public final class KeysCsv implements KeyListener, AutoCloseable {
    public static final String FILE = "keys.csv";
    static final String[] HEADER = {"db", "key", "type", "encoding", "elements", "requested_bytes", "allocated_bytes",
            "rounding_waste_bytes", "prefix_overhead_bytes", "memory_usage_bytes", "expire_at_ms", "exactness", "dataset"};

    private final OutputFolder.Pending file;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private final java.util.List<AsyncKeySink> open = new java.util.ArrayList<>();
    private long rows;
    /** Null: keys.csv is not written (no -f csv), only the sample is kept. */
    private final boolean writeFile;
    private final KeySample sample;
    private final Path folder;

    /**
     * @param folder    where keys.csv is staged
     * @param writeFile false: only the sample for the workbook is kept (a run without {@code -f csv})
     * @param sampleRows keys the sample keeps
     */
    public KeysCsv(OutputFolder folder, boolean writeFile, int sampleRows) throws IOException {
        this.folder = folder.dir();
        this.writeFile = writeFile;
        this.sample = new KeySample(sampleRows);
        this.file = writeFile ? folder.begin(FILE) : null;
        this.out = writeFile ? file.stream() : null;
        if (writeFile) {
            for (int i = 0; i < HEADER.length; i++) {
                if (i > 0) put((byte) ',');
                ascii(HEADER[i]);
            }
            put((byte) '\n');
        }
    }

    /**
     * Rows are formatted on a second thread; {@link #finish()} waits for them. Without the file, the sink keeps the
     * sample on the calling thread.
     */
    @Override
    public KeyCostSink open(Path source, InputKind kind) throws IOException {
        return open(source, kind, 0);
    }

    @Override
    public KeyCostSink open(Path source, InputKind kind, int dataset) throws IOException {
        finish();
        KeyCostSink writer = rowWriter(source, dataset);
        // Without keys.csv a key costs a count once the sample is full: handing every key to a second thread in batches
        // cost more than that (the default run's 4 million keys: 0.2 s of that thread's CPU and the hand-over's).
        if (!writeFile) return writer;
        AsyncKeySink sink = new AsyncKeySink(writer, "keys.csv writer");
        open.add(sink);
        return sink;
    }

    /** Waits until every key handed over so far is written. */
    public void finish() throws IOException {
        for (AsyncKeySink s : open) s.close();
        open.clear();
    }

    private KeyCostSink rowWriter(Path source, int dataset) {
        Path target = folder.resolve(FILE);
        int src = sample.source(CellText.forCsv(io.fragscope.source.FileNames.text(source)));
        return c -> {
            sample.add(src, c);
            rows++;
            if (!writeFile) return;
            try {
                row(c, dataset);
            } catch (IOException e) {
                IOException named = OutputFolder.writing(target, e);
                throw new UncheckedIOException(named.getMessage(), named);
            }
        };
    }

    private static final String[] EXACTNESS = java.util.Arrays.stream(KeyCost.Exactness.values())
            .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    private void row(KeyCost c, int dataset) throws IOException {
        number(c.db());
        put((byte) ',');
        if (!plainKey(c.key())) text(keyCell(c));
        put((byte) ',');
        raw(TYPE_CELLS[c.type().ordinal()]);
        put((byte) ',');
        raw(ENCODING_CELLS[c.encoding().ordinal()]);
        put((byte) ',');
        number(c.elements());
        put((byte) ',');
        number(c.requestedBytes());
        put((byte) ',');
        number(c.allocatedBytes());
        put((byte) ',');
        number(c.roundingWasteBytes());
        put((byte) ',');
        number(c.prefixOverheadBytes());
        put((byte) ',');
        number(c.memoryUsageBytes());
        put((byte) ',');
        if (c.ttlMs() >= 0) number(c.ttlMs());
        put((byte) ',');
        ascii(EXACTNESS[c.exactness().ordinal()]);
        put((byte) ',');
        number(dataset);
        put((byte) '\n');
    }

    /**
     * Writes the key's bytes as they are when {@link #keyCell} would leave them so (the common case: a name of
     * printable ASCII, no backslash, comma or quote, not starting like a formula or with a quote), without making its
     * text; returns false, writing nothing, otherwise.
     */
    private boolean plainKey(io.fragscope.source.KeyName k) throws IOException {
        int n = k.heldLength();
        if (k.isCut() || n == 0) return false;
        byte first = k.byteAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\'') return false;
        for (int i = 0; i < n; i++) {
            byte b = k.byteAt(i);
            if (b < 0x20 || b >= 0x7f || b == '\\' || b == ',' || b == '"') return false;
        }
        if (pos + n > buf.length) drain();   // n is at most KeyName.MAX_HELD, far below the buffer's size
        for (int i = 0; i < n; i++) buf[pos++] = k.byteAt(i);
        return true;
    }

    /** Each type's and encoding's cell, made once: the same few names on every row. Never written to. */
    private static final byte[][] TYPE_CELLS = new byte[KeyType.values().length][];
    private static final byte[][] ENCODING_CELLS = new byte[Encoding.values().length][];

    static {
        for (KeyType t : KeyType.values()) TYPE_CELLS[t.ordinal()] = cellBytes(CellText.forCsv(t.redisName()));
        for (Encoding e : Encoding.values()) ENCODING_CELLS[e.ordinal()] = cellBytes(CellText.forCsv(e.redisName()));
    }

    /** A text cell in UTF-8, quoted (quotes doubled) only when it holds a comma, a quote or a line break. */
    private static byte[] cellBytes(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') quote = true;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (!quote) return b;
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(b.length + 4);
        o.write('"');
        for (byte x : b) {
            if (x == '"') o.write('"');
            o.write(x);
        }
        o.write('"');
        return o.toByteArray();
    }

    private void put(byte b) throws IOException {
        if (pos == buf.length) drain();
        buf[pos++] = b;
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) put((byte) s.charAt(i));
    }

    private final byte[] digits = new byte[20];
    /** "00" to "99": a number is written two digits per division, as {@code Long.toString} does. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Seven numbers a row: written one digit per long division, they took two fifths of the writer's thread. */
    private void number(long v) throws IOException {
        if (v == Long.MIN_VALUE) { ascii(Long.toString(v)); return; }
        if (v < 0) { put((byte) '-'); v = -v; }
        int i = digits.length;
        // Most values are byte counts below 2^31: int divisions, cheaper than long ones.
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100) * 2;
            v = q;
            digits[--i] = PAIRS[r + 1];
            digits[--i] = PAIRS[r];
        }
        int u = (int) v;
        while (u >= 100) {
            int q = u / 100;
            int r = (u - q * 100) * 2;
            u = q;
            digits[--i] = PAIRS[r + 1];
            digits[--i] = PAIRS[r];
        }
        if (u >= 10) {
            digits[--i] = PAIRS[2 * u + 1];
            digits[--i] = PAIRS[2 * u];
        } else {
            digits[--i] = (byte) ('0' + u);
        }
        int n = digits.length - i;
        if (pos + n > buf.length) drain();
        System.arraycopy(digits, i, buf, pos, n);
        pos += n;
    }

    /** A text cell in UTF-8, quoted (quotes doubled) only when it holds a comma, a quote or a line break. */
    private void text(String s) throws IOException {
        raw(cellBytes(s));
    }

    private void raw(byte[] b) throws IOException {
        if (pos + b.length > buf.length) drain();
        if (b.length > buf.length) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw OutputFolder.writing(folder.resolve(FILE), e);
            }
            return;
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void drain() throws IOException {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw OutputFolder.writing(folder.resolve(FILE), e);
        }
        pos = 0;
    }

    static String keyCell(KeyCost c) {
        String k = c.key().escaped();
        if (k.startsWith("'")) k = "\\x27" + k.substring(1);
        return CellText.forCsv(k);
    }

    /** Keys seen, written or not. */
    public long rows() { return rows; }

    /** The first keys of the run, for the workbook; complete once {@link #finish()} returned. */
    public KeySample sample() { return sample; }

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
            if (file != null) file.close();
        }
    }
}
