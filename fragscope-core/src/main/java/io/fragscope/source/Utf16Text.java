package io.fragscope.source;

import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.io.input.ReaderInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Text saved as UTF-16 with a byte-order mark (what Windows PowerShell 5's {@code >} writes, and Excel's "Unicode
 * text"), read as the UTF-8 bytes every text reader here expects; any other input passes through untouched (an RDB
 * never starts with {@code FF FE} or {@code FE FF}, nor does UTF-8 text). Decided on the first read, so wrapping costs
 * nothing until then. Commons IO finds the mark and transcodes.
 */
public final class Utf16Text extends InputStream {
    private final InputStream raw;
    private InputStream in;

    public Utf16Text(InputStream raw) { this.raw = raw; }

    private InputStream in() throws IOException {
        if (in == null) {
            BOMInputStream bom = BOMInputStream.builder().setInputStream(raw)
                    .setByteOrderMarks(ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE).get();
            ByteOrderMark mark = bom.getBOM();
            in = mark == null ? bom : ReaderInputStream.builder()
                    .setReader(new InputStreamReader(bom, Charset.forName(mark.getCharsetName())))
                    .setCharset(StandardCharsets.UTF_8).get();
        }
        return in;
    }

    /** A file's first bytes as UTF-8: transcoded when they start with a UTF-16 byte-order mark (for sniffing a kind). */
    public static byte[] head(byte[] head) {
        boolean le = head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE;
        boolean be = head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF;
        if (!le && !be) return head;
        int n = (head.length - 2) & ~1; // whole code units only: a head cut mid-unit drops the half
        return new String(head, 2, n, le ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE).getBytes(StandardCharsets.UTF_8);
    }

    @Override public int read() throws IOException { return in().read(); }

    @Override public int read(byte[] b, int off, int len) throws IOException { return in().read(b, off, len); }

    @Override public void close() throws IOException {
        if (in != null) in.close(); else raw.close();
    }
}
