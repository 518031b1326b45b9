package io.fragscope.source.rdb;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The decimal length Redis prints an integer with (ll2string), at every power of ten and its neighbours, and at random;
 * and which strings Redis holds as integers (util.c string2ll), against a plain reading of its rules.
 */
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

    @Test
    void parseAcceptsExactlyWhatString2llAccepts() {
        for (String t : new String[] {"0", "-0", "00", "01", "-", "", "+1", " 1", "1 ", "9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "-9223372036854775809", "99999999999999999999", "-99999999999999999999", "123456789012345678",
                "1234567890123456789", "12345678901234567890", "-1234567890123456789", "100000000000000000000"}) {
            checkParse(t);
        }
        SplittableRandom r = new SplittableRandom(11);
        String chars = "0123456789-+a ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + r.nextInt(22);
            boolean digitsOnly = r.nextInt(4) != 0;
            for (int k = 0; k < n; k++) s.append(digitsOnly && k > 0 ? (char) ('0' + r.nextInt(10)) : chars.charAt(r.nextInt(chars.length())));
            checkParse(s.toString());
        }
    }

    /** string2ll: at most 20 bytes, "0", or an optional '-' then a digit 1-9 and digits, within a signed 64-bit integer. */
    private static void checkParse(String t) {
        Long expected = null;
        if (t.length() <= 20 && t.matches("0|-?[1-9][0-9]*")) {
            try {
                expected = Long.parseLong(t);
            } catch (NumberFormatException e) {
                expected = null;
            }
        }
        byte[] b = ("xy" + t + "z").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long[] out = {Long.MIN_VALUE + 7};
        boolean ok = IntegerString.parse(b, 2, t.length(), out);
        assertEquals(expected != null, ok, "'" + t + "'");
        if (ok) assertEquals((long) expected, out[0], "'" + t + "'");
    }

    private static void check(long v) {
        assertEquals(Long.toString(v).length(), IntegerString.decimalLength(v), "length of " + v);
    }
}
