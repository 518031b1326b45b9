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
}
