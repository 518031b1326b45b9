package io.fragscope.source.rdb;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decimal length Redis prints an integer with (ll2string), at every power of ten and its neighbours, and at random. */
class IntegerStringTest {
    @Test
    void decimalLengthIsTheLengthOfTheDecimalText() {
        for (long p = 1, i = 0; i < 19; i++, p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p + 1, -p, -p - 1}) check(v);
        }
        for (long v : new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L}) check(v);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) check(r.nextLong() >> r.nextInt(64));
    }

    private static void check(long v) {
        assertEquals(Long.toString(v).length(), IntegerString.decimalLength(v), "length of " + v);
    }
}
