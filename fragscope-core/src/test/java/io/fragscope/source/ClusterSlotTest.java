package io.fragscope.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Slots as Redis computes them: values from the cluster specification and CLUSTER KEYSLOT on a real server. */
class ClusterSlotTest {
    static int slot(String k) {
        byte[] b = k.getBytes(StandardCharsets.UTF_8);
        return ClusterSlot.slot(b, b.length);
    }

    @Test
    void matchesKeyHashSlot() {
        // "123456789" → 0x31C3 is CRC16-CCITT XMODEM's check value (src/crc16.c).
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, ClusterSlot.crc16(check, 0, check.length));
        assertEquals(12182, slot("foo"));                        // redis-cli CLUSTER KEYSLOT foo
        assertEquals(slot("user1000"), slot("{user1000}.following"));
        assertEquals(slot("user1000"), slot("{user1000}.followers"));
        assertEquals(slot("{}x"), ClusterSlot.crc16("{}x".getBytes(StandardCharsets.US_ASCII), 0, 3) & 16383, "empty tag: the whole key");
        assertEquals(slot("bar"), slot("foo{bar}{zap}"), "the first tag only");
        assertEquals(slot("{bar"), ClusterSlot.crc16("{bar".getBytes(StandardCharsets.US_ASCII), 0, 4) & 16383, "no closing brace");
    }

    /** The textbook bitwise CRC16-CCITT (poly 0x1021, initial 0), one bit at a time: no table shared with the code. */
    private static int bitwise(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (b[i] & 0xff) << 8;
            for (int j = 0; j < 8; j++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        }
        return crc & 0xffff;
    }

    @Test
    void theTableGivesTheBitwiseCrcAtEveryLengthAndOffset() {
        Random r = new Random(16384);
        byte[] b = new byte[300];
        for (int round = 0; round < 2000; round++) {
            r.nextBytes(b);
            int from = r.nextInt(40), to = from + r.nextInt(b.length - from + 1);
            assertEquals(bitwise(b, from, to), ClusterSlot.crc16(b, from, to), "bytes " + from + ".." + to);
        }
        for (int to = 0; to <= 64; to++) assertEquals(bitwise(b, 0, to), ClusterSlot.crc16(b, 0, to), "length " + to);
    }
}
