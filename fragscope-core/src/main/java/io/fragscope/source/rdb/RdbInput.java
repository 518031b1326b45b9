package io.fragscope.source.rdb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One 64 KiB buffer over the file, with the byte offset and the running CRC64 kept here so no layer
 * above computes them. {@link #require} guarantees bytes are contiguous in {@link #buf} (for short
 * reads parsed in place); longer values are copied or skipped through the buffer.
 */
final class RdbInput {
    static final int BUFFER = 1 << 16;

    final byte[] buf = new byte[BUFFER];
    int pos;
    private int lim;
    private long base;
    private int crcFrom;
    private final InputStream in;
    private final long size;
    private final Crc64 crc = new Crc64();
    private boolean checksumming = true;

    /** @param size file size in bytes, or -1 when unknown */
    RdbInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    long offset() { return base + pos; }

    long size() { return size; }

    /** Bytes left in the file, or Long.MAX_VALUE when the size is unknown. */
    long remaining() { return size < 0 ? Long.MAX_VALUE : size - offset(); }

    /** Makes {@code n ≤ BUFFER} bytes available at {@code buf[pos..]}; EOFException when the file ends first. */
    void require(int n) throws IOException {
        if (lim - pos >= n) return;
        compact();
        while (lim - pos < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) throw new EOFException();
            lim += r;
        }
    }

    /** Bytes read and not yet consumed: after {@link #require} failed, what the file still had. */
    int buffered() { return lim - pos; }

    /** True when at least one more byte exists. */
    boolean request() throws IOException {
        if (pos < lim) return true;
        compact();
        int r;
        do { r = in.read(buf, lim, buf.length - lim); } while (r == 0);
        if (r < 0) return false;
        lim += r;
        return true;
    }

    private void compact() {
        if (checksumming && pos > crcFrom) crc.update(buf, crcFrom, pos - crcFrom);
        int live = lim - pos;
        System.arraycopy(buf, pos, buf, 0, live);
        base += pos;
        pos = 0;
        lim = live;
        crcFrom = 0;
    }

    int u8() throws IOException {
        if (pos == lim) require(1);
        return buf[pos++] & 0xff;
    }

    int u16le() throws IOException {
        require(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    long u32le() throws IOException {
        require(4);
        long v = le(buf, pos, 4);
        pos += 4;
        return v;
    }

    long u64le() throws IOException {
        require(8);
        long v = le(buf, pos, 8);
        pos += 8;
        return v;
    }

    long u32be() throws IOException { return be(4); }

    long u64be() throws IOException { return be(8); }

    private long be(int n) throws IOException {
        require(n);
        long v = 0;
        for (int i = 0; i < n; i++) v = v << 8 | (buf[pos + i] & 0xff);
        pos += n;
        return v;
    }

    /** Copies {@code len} bytes into {@code dst[0..len)}; the caller has checked len against limits and the file. */
    void readFully(byte[] dst, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (pos == lim && !request()) throw new EOFException();
            int n = Math.min(len - done, lim - pos);
            System.arraycopy(buf, pos, dst, done, n);
            pos += n;
            done += n;
        }
    }

    /** Skips {@code n} bytes, reading them through the buffer so the checksum still covers them. */
    void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim && !request()) throw new EOFException();
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    /** CRC64 of every byte before the current offset, and stops the running checksum (the trailer is not part of it). */
    long checksumSoFar() {
        if (checksumming && pos > crcFrom) crc.update(buf, crcFrom, pos - crcFrom);
        crcFrom = pos;
        checksumming = false;
        return crc.value();
    }

    /** Skips every byte left (through the buffer, so nothing is held); returns how many there were. */
    long skipToEnd() throws IOException {
        long n = 0;
        while (request()) {
            n += lim - pos;
            pos = lim;
        }
        return n;
    }

    static long be(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }
}
