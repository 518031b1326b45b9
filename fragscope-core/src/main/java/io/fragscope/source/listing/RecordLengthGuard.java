package io.fragscope.source.listing;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Sits under commons-csv and stops a record that grows past the line limit, so a 10 MB cell or a
 * quote that never closes ends in a positioned error instead of commons-csv buffering the rest of
 * the file into one token. It follows commons-csv's lexing (a quote opens a quoted field only as
 * the field's first char, {@code ""} inside is an escaped quote), so it knows where records start.
 *
 * <p>The error is deferred: the chunk up to the offending char is handed out first, so every row
 * before the long record still reaches the consumer.
 */
final class RecordLengthGuard extends FilterReader {

    /** Thrown through commons-csv (wrapped in UncheckedIOException by its iterator). */
    static final class RecordTooLongException extends IOException {
        final long startLine;
        final long limit;

        RecordTooLongException(long startLine, long limit) {
            super("record starting at line " + startLine + " is longer than " + limit + " bytes");
            this.startLine = startLine;
            this.limit = limit;
        }
    }

    private static final int FIELD_START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_IN_QUOTED = 3;

    private final long limit;
    private final int quote;      // -1: quoting off
    private final char delimiter;
    private int state = FIELD_START;
    private long recordChars;
    private long line = 1;
    private long recordStartLine = 1;
    private RecordTooLongException pending;
    private char last = '\n';
    private char previous;
    private boolean eof;

    RecordLengthGuard(Reader in, long limit, Character quote, char delimiter) {
        super(in);
        this.limit = limit;
        this.quote = quote == null ? -1 : quote;
        this.delimiter = delimiter;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) throw pending;
        int n = in.read(cbuf, off, len);
        if (n < 0) eof = true;
        else if (n > 0) last = cbuf[off + n - 1];
        for (int i = off; i < off + Math.max(n, 0); i++) {
            if (!accept(cbuf[i])) {
                pending = new RecordTooLongException(recordStartLine, limit);
                if (i == off) throw pending;
                return i - off;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    /** True once the input has ended and its last char was not a newline. */
    boolean endedMidLine() {
        return eof && last != '\n' && last != '\r';
    }

    /** Advances the lexing state by one char; false when the current record is now too long. */
    private boolean accept(char c) {
        boolean afterCr = previous == '\r';
        previous = c;
        if (c == '\n' || c == '\r') {   // commons-csv ends a record at CR, LF or CRLF
            if (c == '\r' || !afterCr) line++;
            if (state != QUOTED) {
                state = FIELD_START;
                recordChars = 0;
                recordStartLine = line;
                return true;
            }
        }
        switch (state) {
            case FIELD_START -> state = c == quote ? QUOTED : c == delimiter ? FIELD_START : UNQUOTED;
            case UNQUOTED -> { if (c == delimiter) state = FIELD_START; }
            case QUOTED -> { if (c == quote) state = QUOTE_IN_QUOTED; }
            default -> state = c == quote ? QUOTED : c == delimiter ? FIELD_START : UNQUOTED;
        }
        return ++recordChars <= limit;
    }
}
