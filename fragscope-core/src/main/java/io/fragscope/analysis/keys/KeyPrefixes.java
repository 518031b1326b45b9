package io.fragscope.analysis.keys;

import io.fragscope.source.KeyName;

/**
 * Cuts a key to its prefix: the key up to and including the last separator among its first
 * {@code depth} separators, with segments that look like identifiers (all digits, or eight or more hex
 * digits and dashes such as a UUID) folded to {@code *}, so one prefix stands for all the keys a pattern
 * makes. With ":" and depth 2, {@code user:42:profile} → {@code user:*:}, {@code product:17} →
 * {@code product:}, {@code counter} → none. Keeping the separator keeps {@code a:} and {@code a/} apart
 * when both are separators.
 */
final class KeyPrefixes {
    private final boolean[] separator = new boolean[256];
    private final int depth;

    KeyPrefixes(String separators, int depth) {
        for (byte b : separators.getBytes(java.nio.charset.StandardCharsets.UTF_8)) separator[b & 0xff] = true;
        this.depth = depth;
    }

    /** @return the prefix, or null when the key has no separator */
    KeyName prefixOf(KeyName key) {
        int seen = 0, end = -1;
        for (int i = 0, n = key.heldLength(); i < n && seen < depth; i++) {
            if (separator[key.byteAt(i) & 0xff]) {
                seen++;
                end = i + 1;
            }
        }
        if (end < 0) return null;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(end);
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (separator[key.byteAt(i) & 0xff]) {
                if (looksLikeId(key, start, i)) out.write('*');
                else for (int j = start; j < i; j++) out.write(key.byteAt(j));
                out.write(key.byteAt(i));
                start = i + 1;
            }
        }
        return KeyName.of(out.toByteArray());
    }

    /** All digits, or at least eight hex digits and dashes with a digit among them (ids, hashes, UUIDs). */
    static boolean looksLikeId(KeyName key, int from, int to) {
        int n = to - from;
        if (n == 0) return false;
        boolean digits = true, hex = true, anyDigit = false;
        for (int i = from; i < to; i++) {
            int c = key.byteAt(i) & 0xff;
            boolean d = c >= '0' && c <= '9';
            anyDigit |= d;
            digits &= d;
            hex &= d || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-';
        }
        return digits || hex && n >= 8 && anyDigit;
    }
}
