package io.fragscope.source.listing;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams a key-size listing to a consumer, one {@link ListingRow} at a time: memory stays bounded
 * by the longest record, however many rows the file has.
 *
 * <pre>{@code
 * long rows = ListingReader.read(path, ListingOptions.DEFAULTS, row -> aggregator.accept(...));
 * }</pre>
 *
 * A row whose cells do not decode (a size that is no number, too few fields, a key over the limit) is left out and
 * the read goes on: one odd row of a ten-million-row listing does not cost the rest. Once every row is delivered, an
 * {@link InputException} names the file, the first such row's line and column, and how many rows were left out, so
 * the listing is reported partial and nothing is lost silently. Past {@link #MAX_BAD_ROWS} such rows the file is not
 * what its header says, and the read stops there, as it does for damage the CSV parser itself meets (an unclosed
 * quote, a record over the line limit, a cut last row): every row before has been delivered.
 */
public final class ListingReader {
    private static final int BUFFER_SIZE = 1 << 16;
    /** Rows left out before the read gives up on the file. */
    public static final int MAX_BAD_ROWS = 100;

    private ListingReader() {}

    /** Reads a listing file; see {@link #read(InputStream, Path, ListingOptions, Consumer)}. */
    public static long read(Path file, ListingOptions options, Consumer<? super ListingRow> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file, options, sink);
        }
    }

    /** The layout the file's first bytes announce, as the reader would pick it. */
    public static ListingFormat detect(Path file, ListingOptions options) throws IOException {
        return detect(Files.newInputStream(file), file, options);
    }

    /** As {@link #detect(Path, ListingOptions)} over a stream, which it closes; {@code file} only names it in messages. */
    public static ListingFormat detect(InputStream input, Path file, ListingOptions options) throws IOException {
        try (BufferedInputStream in = new BufferedInputStream(new io.fragscope.source.Utf16Text(input), BUFFER_SIZE)) {
            return dialect(in, file, options).format();
        }
    }

    /**
     * Reads a listing from a stream and closes it; {@code file} only names it in messages (may be null).
     *
     * @return the number of rows delivered
     */
    public static long read(InputStream input, Path file, ListingOptions options, Consumer<? super ListingRow> sink)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(new io.fragscope.source.Utf16Text(input), BUFFER_SIZE);
        ListingSniffer.Dialect dialect = dialect(in, file, options);
        ListingFormat format = dialect.format();
        ReadLimits limits = options.limits();
        CSVFormat csv = CSVFormat.DEFAULT.builder()
                .setDelimiter(dialect.delimiter())
                .setQuote(dialect.quote())
                .setEscape((Character) null)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .get();
        RecordLengthGuard guarded = new RecordLengthGuard(new InputStreamReader(in, StandardCharsets.ISO_8859_1),
                limits.maxLineBytes(), dialect.quote(), dialect.delimiter());
        try (CSVParser parser = CSVParser.parse(guarded, csv)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!hasNext(records, parser, file, limits)) throw InputException.atLine(file, 1, "empty listing: no header line");
            List<String> header = headerOf(records.next());
            RowDecoder decoder;
            try {
                decoder = format.decoder(header, options);
            } catch (IllegalArgumentException e) {
                throw InputException.atLine(file, 1, format.description() + ": " + e.getMessage());
            }
            long rows = 0;
            // Each row is handed on once the next one starts: the last one only if the file ended its line, since a
            // last row without a line end was cut, perhaps inside its size (a key listed at 12 bytes of 1234567).
            ListingRow pending = null;
            long pendingLine = 0;
            long badRows = 0, firstBadLine = 0;
            String firstBad = null;
            boolean stoppedAtBadRow = false;
            try {
                while (hasNext(records, parser, file, limits)) {
                    // A next record exists, so the pending row ended its line.
                    if (pending != null) {
                        sink.accept(pending);
                        rows++;
                        pending = null;
                    }
                    CSVRecord record = records.next();
                    long line = startLine(record, parser);
                    ListingRow row;
                    try {
                        row = decoder.decode(record, line);
                    } catch (RowDecoder.FieldException e) {
                        String what = (e.column == null ? "" : "column " + e.column + ": ") + e.getMessage();
                        boolean truncated = isLast(records) && guarded.endedMidLine();
                        if (truncated || badRows == MAX_BAD_ROWS) {
                            stoppedAtBadRow = !truncated;
                            throw new InputException(file, "line " + line, what + (truncated ? " (the file ends inside this row: truncated?)"
                                    : " (" + MAX_BAD_ROWS + " rows before it left out too, the first at line " + firstBadLine
                                    + ": stopped here, the rest of the file is not read)"), truncated, null);
                        }
                        if (badRows++ == 0) {
                            firstBad = what;
                            firstBadLine = line;
                        }
                        continue;
                    }
                    pending = row;
                    pendingLine = line;
                }
            } catch (InputException e) {
                // the problem is in a later record: the pending row was whole
                if (pending != null) { sink.accept(pending); }
                // a stop at the bad row past the limit says the rows before it already
                throw stoppedAtBadRow ? e : withRowsLeftOut(e, badRows, firstBadLine, firstBad);
            }
            if (pending != null) {
                if (guarded.endedMidLine()) {
                    throw withRowsLeftOut(new InputException(file, "line " + pendingLine,
                            "the file ends inside this row (no line end after it): cut, so the row is left out", true, null),
                            badRows, firstBadLine, firstBad);
                }
                sink.accept(pending);
                rows++;
            }
            if (badRows > 0) {
                throw new InputException(file, "line " + firstBadLine, firstBad + (badRows == 1 ? " (this row is left out; "
                        : " (this row and " + (badRows - 1) + " more are left out; ") + rows + " rows read)", false, null);
            }
            return rows;
        }
    }

    /** {@code e}, saying also the rows left out before it (none: {@code e} itself). */
    private static InputException withRowsLeftOut(InputException e, long badRows, long firstBadLine, String firstBad) {
        if (badRows == 0) return e;
        return new InputException(e.file(), e.position(), e.detail() + " (before it, " + badRows + (badRows == 1 ? " row" : " rows")
                + " left out, the first at line " + firstBadLine + ": " + firstBad + ")", e.truncated(), e.getCause());
    }

    private static ListingSniffer.Dialect dialect(BufferedInputStream in, Path file, ListingOptions options)
            throws IOException {
        in.mark(ListingSniffer.HEAD_BYTES);
        byte[] head = in.readNBytes(ListingSniffer.HEAD_BYTES);
        in.reset();
        ListingFormat forced = options.columns() != null ? ListingFormat.MAPPED : options.format();
        return ListingSniffer.dialect(head, head.length, forced).orElseThrow(() -> InputException.atLine(file, 1,
                io.fragscope.source.Setting.text(options.naming(), "not a key listing I recognise (no key and size columns in the header); "
                        + "name them with {0} key=NAME,size=NAME or pick {1}",
                        io.fragscope.source.Setting.LISTING_COLUMNS, io.fragscope.source.Setting.LISTING_FORMAT)));
    }

    /**
     * After a record, commons-csv's line number is the record's last line; a quoted cell may span
     * lines, so step back over the newlines inside the cells.
     */
    private static long startLine(CSVRecord record, CSVParser parser) {
        long line = parser.getCurrentLineNumber();
        for (String cell : record) {
            for (int i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line--;
        }
        return line;
    }

    private static List<String> headerOf(CSVRecord record) {
        List<String> header = new ArrayList<>(record.size());
        for (String cell : record) header.add(header.isEmpty() ? stripBom(cell) : cell);
        return header;
    }

    private static String stripBom(String s) {
        return s.startsWith("\u00EF\u00BB\u00BF") ? s.substring(3) : s;
    }

    private static boolean isLast(Iterator<CSVRecord> records) {
        try {
            return !records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    /** Commons CSV's message for a quoted field the input ends inside. */
    private static final java.util.regex.Pattern UNCLOSED = java.util.regex.Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

    /** commons-csv's iterator wraps I/O errors; unwrap them into positioned InputExceptions. */
    private static boolean hasNext(Iterator<CSVRecord> records, CSVParser parser, Path file, ReadLimits limits)
            throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof RecordLengthGuard.RecordTooLongException tooLong) {
                throw new InputException(file, "line " + tooLong.startLine,
                        "record longer than " + limits.naming().name(ReadLimits.Limit.LINE_BYTES) + "=" + limits.maxLineBytes()
                                + " (raise it with " + limits.naming().name(ReadLimits.Limit.LINE_BYTES) + "; or a quote never closes)",
                        false, cause);
            }
            if (cause instanceof CSVException) {
                String msg = cause.getMessage() == null ? "" : cause.getMessage();
                boolean eof = msg.contains("EOF");
                java.util.regex.Matcher open = UNCLOSED.matcher(msg);
                if (eof && open.find()) {
                    // Commons CSV's "(startline 7) EOF reached before encapsulated token finished": said as what it costs.
                    long from = Long.parseLong(open.group(1)), to = parser.getCurrentLineNumber();
                    throw new InputException(file, "line " + from, "a quote opened here is never closed: lines " + from + " to " + to
                            + " (" + (to - from + 1) + ") are not read", true, cause);
                }
                throw new InputException(file, "line " + (parser.getCurrentLineNumber() + (eof ? 0 : 1)),
                        "malformed CSV: " + msg, eof, cause);
            }
            throw cause;
        } catch (IllegalStateException e) {
            // commons-csv reports some lexer failures this way
            throw new InputException(file, "line " + (parser.getCurrentLineNumber() + 1), "malformed CSV: " + e.getMessage(),
                    false, e);
        }
    }
}
