package io.fragscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A {@link Writer} that encodes UTF-8 straight into a 64 KiB byte buffer over {@code out}: no lock per call and no
 * charset encoder, for one thread writing a workbook's spill file ({@link StreamedWorkbook}). Encodes as the JDK's
 * UTF-8 encoder does, a lone surrogate included (it becomes {@code ?}); a surrogate pair may be split across calls.
 * Not thread-safe.
 */
final class Utf8SpillWriter extends Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    /** A high surrogate whose low half has not come yet, or 0. */
    private char high;
    private boolean closed;

    Utf8SpillWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] cs, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) put(cs[i]);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) put(s.charAt(i));
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    private void put(char c) throws IOException {
        if (n > buf.length - 4) drain();
        if (c < 0x80 && high == 0) {
            buf[n++] = (byte) c;
            return;
        }
        if (high != 0) {
            char h = high;
            high = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(h, c);
                buf[n++] = (byte) (0xf0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[n++] = (byte) (0x80 | cp & 0x3f);
                return;
            }
            buf[n++] = '?';
            put(c);
            return;
        }
        if (c < 0x800) {
            buf[n++] = (byte) (0xc0 | c >> 6);
            buf[n++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[n++] = '?';
        } else {
            buf[n++] = (byte) (0xe0 | c >> 12);
            buf[n++] = (byte) (0x80 | c >> 6 & 0x3f);
            buf[n++] = (byte) (0x80 | c & 0x3f);
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (high != 0) {
                high = 0;
                if (n > buf.length - 4) drain();
                buf[n++] = '?';
            }
            drain();
        } finally {
            out.close();
        }
    }
}
