package io.fragscope.source.rdb;

/**
 * CRC-64/Jones as Redis computes it over an RDB file (src/crc64.c): reflected, polynomial
 * 0xad93d23594c935a9, initial value 0, no final xor. {@code crc64(0, "123456789") == 0xe9c6d914c4b8d9caL}.
 *
 * <p>Eight bytes at a time ("slicing-by-8", as Redis itself does since 7.0), since the whole file passes through it;
 * and on a long run of bytes, three stripes at once, joined with a multiplication ({@link #multModP}), as newer
 * Redis releases do (src/crcspeed.c's lanes, merged by {@code crc64_combine} of src/crccombine.c). One stripe's eight table loads
 * wait for the previous eight bytes' result; three independent stripes keep the core's load ports busy while they
 * wait.
 */
final class Crc64 {
    /** The polynomial 0xad93d23594c935a9, bit-reversed (the register shifts right). */
    private static final long POLY = 0x95ac9329ac4bc9b5L;
    /**
     * Slicing-by-8's eight tables of 256, one after the other: {@code T[k·256 + b]} is the CRC of byte b followed by k
     * zero bytes. One constant array, so the JIT knows its length and drops the bounds check of every index it can
     * bound (k·256 | a byte), where eight separate arrays each kept theirs (2.6 GB/s against 2.2 on three stripes).
     */
    private static final long[] T = new long[8 * 256];
    /** Stripes shorter than 2^8 bytes are not worth their join (two multiplications of up to 64 steps each). */
    private static final int MIN_STRIPE_LOG = 8;
    /** {@code X_POW[k]} = x^(8·2^k) mod P: multiplying a CRC by it appends 2^k zero bytes. */
    private static final long[] X_POW = new long[32];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            T[i] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                long prev = T[(k - 1) << 8 | i];
                T[k << 8 | i] = (prev >>> 8) ^ T[(int) (prev & 0xff)];
            }
        }
        X_POW[0] = 1L << (63 - 8); // x^8: reflected, x^0 is the top bit
        for (int k = 1; k < X_POW.length; k++) X_POW[k] = multModP(X_POW[k - 1], X_POW[k - 1]);
    }

    /** Eight bytes as one little-endian long: one load instead of eight (the JIT makes it a plain unaligned read). */
    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private long crc;

    void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off, end = off + len;
        // The CRC is linear: crc(c, A·B·C) = crc(c, A)·x^(8|B·C|) ^ crc(0, B)·x^(8|C|) ^ crc(0, C) (mod P).
        // Stripes are powers of two, so both factors come from X_POW; the largest that fits three times first.
        for (int lg = 31 - Integer.numberOfLeadingZeros(len / 3); lg >= MIN_STRIPE_LOG; lg--) {
            int s = 1 << lg;
            while (end - i >= 3 * s) {
                c = threeStripes(b, i, s, c, X_POW[lg], X_POW[lg + 1]);
                i += 3 * s;
            }
        }
        crc = slicing8(b, i, end, c);
    }

    long value() { return crc; }

    /** CRC of b[i, i + 3s) from c, as three stripes of s bytes (s a multiple of 8); x1 = x^(8s), x2 = x^(16s). */
    private static long threeStripes(byte[] b, int i, int s, long c, long x1, long x2) {
        long p = c, q = 0, r = 0;
        for (int j = i, stop = i + s; j < stop; j += 8) {
            p = eight(p ^ (long) LONG_LE.get(b, j));
            q = eight(q ^ (long) LONG_LE.get(b, j + s));
            r = eight(r ^ (long) LONG_LE.get(b, j + 2 * s));
        }
        return multModP(p, x2) ^ multModP(q, x1) ^ r;
    }

    private static long slicing8(byte[] b, int i, int end, long c) {
        while (end - i >= 8) {
            c = eight(c ^ (long) LONG_LE.get(b, i));
            i += 8;
        }
        for (; i < end; i++) c = T[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        return c;
    }

    /** The register after eight bytes, given the register already xored with them. */
    private static long eight(long c) {
        return T[7 << 8 | (int) (c & 0xff)] ^ T[6 << 8 | (int) ((c >>> 8) & 0xff)] ^ T[5 << 8 | (int) ((c >>> 16) & 0xff)]
                ^ T[4 << 8 | (int) ((c >>> 24) & 0xff)] ^ T[3 << 8 | (int) ((c >>> 32) & 0xff)]
                ^ T[2 << 8 | (int) ((c >>> 40) & 0xff)] ^ T[1 << 8 | (int) ((c >>> 48) & 0xff)] ^ T[(int) (c >>> 56)];
    }

    /**
     * a·b mod P in the reflected representation (x^0 is the top bit), one bit of a per step: zlib's
     * {@code multmodp} (crc32.c) for 64 bits. Redis's {@code crc64_combine} does the same with cached matrices.
     */
    static long multModP(long a, long b) {
        long p = 0;
        for (long m = 1L << 63; a != 0; m >>>= 1) {
            if ((a & m) != 0) {
                p ^= b;
                a ^= m;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }
}
