package io.fragscope.source.rdb;

/**
 * CRC-64/Jones as Redis computes it over an RDB file (src/crc64.c): reflected, polynomial
 * 0xad93d23594c935a9, initial value 0, no final xor. {@code crc64(0, "123456789") == 0xe9c6d914c4b8d9caL}.
 */
final class Crc64 {
    private static final long[] TABLE = new long[256];

    static {
        long reflected = 0x95ac9329ac4bc9b5L; // 0xad93d23594c935a9 bit-reversed
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflected : crc >>> 1;
            TABLE[i] = crc;
        }
    }

    private long crc;

    void update(byte[] b, int off, int len) {
        long c = crc;
        for (int i = off, end = off + len; i < end; i++) c = TABLE[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        crc = c;
    }

    long value() { return crc; }
}
