package io.fragscope.source.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64Test {
    /** The check value src/crc64.c tests itself with. */
    @Test
    void checkValueOf123456789IsRedisOwn() {
        Crc64 c = new Crc64();
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        c.update(b, 0, b.length);
        assertEquals(0xe9c6d914c4b8d9caL, c.value());
    }

    @Test
    void anySplitOfTheInputGivesTheSameCrc() {
        byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        Crc64 whole = new Crc64();
        whole.update(data, 0, data.length);
        for (int cut = 0; cut < 40; cut++) {
            Crc64 parts = new Crc64();
            parts.update(data, 0, cut);
            parts.update(data, cut, data.length - cut);
            assertEquals(whole.value(), parts.value(), "split at " + cut);
        }
    }

    /** Every length around each stripe size (three stripes of 256 bytes up to 64 KiB and past), at odd offsets, from a non-zero CRC. */
    @Test
    void stripedUpdateMatchesTheBitwiseCrcAtEveryStripeBoundary() {
        byte[] data = new byte[3 * 65536 + 7 * 32768 + 16];
        new Random(11).nextBytes(data);
        int checked = 0;
        for (int lg = 8; lg <= 16; lg++) {
            for (int len : new int[] {3 * (1 << lg) - 1, 3 * (1 << lg), 3 * (1 << lg) + 1, 3 * (1 << lg) + 7 * (1 << (lg - 1)) + 5}) {
                for (int off : new int[] {0, 1, 5, 8}) {
                    Crc64 c = new Crc64();
                    c.update(data, 0, 9); // a non-zero running value, as between two buffers of a file
                    long start = bitwise(0, data, 0, 9);
                    c.update(data, off, len);
                    assertEquals(bitwise(start, data, off, len), c.value(), "length " + len + " at offset " + off);
                    checked++;
                }
            }
        }
        assertEquals(9 * 4 * 4, checked);
    }

    @Test
    void multiplyingByXToThe8nAppendsNZeroBytes() {
        Random r = new Random(5);
        for (int n : new int[] {1, 2, 3, 256, 1000, 4096}) {
            long x = 1L << 63; // x^0
            for (int i = 0; i < n; i++) x = bitwise(x, new byte[1], 0, 1);
            for (int k = 0; k < 20; k++) {
                long c = r.nextLong();
                assertEquals(bitwise(c, new byte[n], 0, n), Crc64.multModP(c, x), "n " + n);
            }
        }
    }

    /** Redis's src/crc64.c _crc64 (reflected, one bit at a time): the definition the tables are held to. */
    private static long bitwise(long crc, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xffL;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x95ac9329ac4bc9b5L : crc >>> 1;
        }
        return crc;
    }
}
