package io.fragscope.source.rdb;

/**
 * CRC-64/Jones as Redis computes it over an RDB file (src/crc64.c): reflected, polynomial
 * 0xad93d23594c935a9, initial value 0, no final xor. {@code crc64(0, "123456789") == 0xe9c6d914c4b8d9caL}.
 * Eight bytes at a time ("slicing-by-8", as Redis itself does since 7.0), since the whole file passes through it.
 */
final class Crc64 {
    private static final long[][] T = new long[8][256];

    static {
        long reflected = 0x95ac9329ac4bc9b5L; // 0xad93d23594c935a9 bit-reversed
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflected : crc >>> 1;
            T[0][i] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) T[k][i] = (T[k - 1][i] >>> 8) ^ T[0][(int) (T[k - 1][i] & 0xff)];
        }
    }

    /** Eight bytes as one little-endian long: one load instead of eight (the JIT makes it a plain unaligned read). */
    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private long crc;

    void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off, end = off + len;
        long[] t0 = T[0], t1 = T[1], t2 = T[2], t3 = T[3], t4 = T[4], t5 = T[5], t6 = T[6], t7 = T[7];
        while (end - i >= 8) {
            c ^= (long) LONG_LE.get(b, i);
            c = t7[(int) (c & 0xff)] ^ t6[(int) ((c >>> 8) & 0xff)] ^ t5[(int) ((c >>> 16) & 0xff)] ^ t4[(int) ((c >>> 24) & 0xff)]
                    ^ t3[(int) ((c >>> 32) & 0xff)] ^ t2[(int) ((c >>> 40) & 0xff)] ^ t1[(int) ((c >>> 48) & 0xff)] ^ t0[(int) (c >>> 56)];
            i += 8;
        }
        for (; i < end; i++) c = t0[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        crc = c;
    }

    long value() { return crc; }
}
