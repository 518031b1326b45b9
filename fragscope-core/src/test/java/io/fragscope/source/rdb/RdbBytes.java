package io.fragscope.source.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds test files derived from real ones: the real file's bytes up to its EOF opcode, then records written with
 * rdb.c's encodings (rdbSaveLen, rdbSaveRawString), then EOF and a zero checksum (which Redis reads as "not computed").
 */
final class RdbBytes {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts from {@code rdb} without its EOF opcode and 8-byte checksum. */
    static RdbBytes beforeEof(byte[] rdb) {
        RdbBytes b = new RdbBytes();
        if ((rdb[rdb.length - 9] & 0xff) != 0xff) throw new IllegalArgumentException("no EOF opcode 9 bytes before the end");
        b.out.write(rdb, 0, rdb.length - 9);
        return b;
    }

    RdbBytes u8(int v) {
        out.write(v);
        return this;
    }

    RdbBytes bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** rdbSaveLen. */
    RdbBytes len(long n) {
        if (n < 1 << 6) return u8((int) n);
        if (n < 1 << 14) return u8((int) (n >> 8) | 0x40).u8((int) (n & 0xff));
        if (n <= 0xffffffffL) {
            u8(0x80);
            for (int i = 3; i >= 0; i--) u8((int) (n >>> (8 * i)) & 0xff);
            return this;
        }
        u8(0x81);
        for (int i = 7; i >= 0; i--) u8((int) (n >>> (8 * i)) & 0xff);
        return this;
    }

    /** rdbSaveRawString without compression. */
    RdbBytes string(byte[] s) {
        return len(s.length).bytes(s);
    }

    RdbBytes string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An LZF-encoded string (RDB_ENC_LZF): compressed length, decoded length, payload. */
    RdbBytes lzf(byte[] compressed, long decodedLength) {
        return u8(0xC3).len(compressed.length).len(decodedLength).bytes(compressed);
    }

    byte[] finish() {
        u8(0xff);
        for (int i = 0; i < 8; i++) u8(0);
        return out.toByteArray();
    }

    /**
     * Raw LZF (liblzf's format, as lzf_d.c decodes it) of {@code prefix}, then {@code period} followed by
     * {@code repeats} more bytes continuing it periodically, then {@code suffix}: literal runs of at most 32 bytes,
     * and back-references of at most 264 bytes at distance {@code period.length}.
     */
    static byte[] lzfPeriodic(byte[] prefix, byte[] period, long repeats, byte[] suffix) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        literals(o, prefix);
        literals(o, period);
        int d = period.length - 1; // stored distance: the reference is d + 1 bytes back
        if (d > 8191 || repeats > 0 && repeats < 3) throw new IllegalArgumentException("not encodable");
        while (repeats > 0) {
            int n = (int) Math.min(264, repeats);
            if (repeats - n > 0 && repeats - n < 3) n -= 3;
            if (n - 2 < 7) {
                o.write((n - 2) << 5 | d >> 8);
            } else {
                o.write(7 << 5 | d >> 8);
                o.write(n - 2 - 7);
            }
            o.write(d & 0xff);
            repeats -= n;
        }
        literals(o, suffix);
        return o.toByteArray();
    }

    private static void literals(ByteArrayOutputStream o, byte[] b) {
        for (int i = 0; i < b.length; i += 32) {
            int n = Math.min(32, b.length - i);
            o.write(n - 1);
            o.write(b, i, n);
        }
    }
}
