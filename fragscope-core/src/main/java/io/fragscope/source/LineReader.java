package io.fragscope.source;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads text lines of bounded length and counts them, so a 100 MB line is a positioned error
 * rather than a 100 MB string. Accepts LF and CRLF; a lone CR inside a line is kept.
 */
public final class LineReader implements Closeable {
    private final InputStream in;
    private final Path file;
    private final ReadLimits limits;
    private final long maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private long lineNumber;
    private long bytesRead;
    private boolean lastTerminated = true;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public LineReader(InputStream in, Path file, ReadLimits limits) {
        this.in = new Utf16Text(in); // a UTF-16 save (PowerShell's >) reads as the UTF-8 it stands for
        this.file = file;
        this.limits = limits;
        this.maxLineBytes = limits.maxLineBytes();
    }

    /** The next line without its terminator, or null at the end of input. */
    public String readLine() throws IOException {
        line.reset();
        boolean any = false, terminated = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) return null;
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') pos++;
            line.write(buf, start, pos - start);
            bytesRead += pos - start;
            if (line.size() > maxLineBytes) {
                throw InputException.atLine(file, lineNumber + 1,
                        limits.exceededAtLeast("line", ReadLimits.Limit.LINE_BYTES)); // read no further: its length is not known
            }
            if (pos < limit) { pos++; bytesRead++; terminated = true; break; }
        }
        lastTerminated = terminated;
        lineNumber++;
        byte[] b = line.toByteArray();
        int n = b.length;
        if (n > 0 && b[n - 1] == '\r') n--;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Number of the line last returned by {@link #readLine()}, 1-based. */
    public long lineNumber() { return lineNumber; }

    public long bytesRead() { return bytesRead; }

    /**
     * False when the line last returned ended at the end of input without a line feed: a file written by a
     * tool always ends its last line, so a missing end is where a paste or copy was cut.
     */
    public boolean lastLineTerminated() { return lastTerminated; }

    @Override public void close() throws IOException { in.close(); }
}
