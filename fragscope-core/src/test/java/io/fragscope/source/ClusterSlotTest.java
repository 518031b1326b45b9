package io.fragscope.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
