package io.fragscope.analysis.keys;

import io.fragscope.source.KeyName;

/**
 * Cuts a key to its prefix: the key up to and including the last separator among its first
 * {@code depth} separators. With ":" and depth 2, {@code user:42:profile} → {@code user:42:},
 * {@code product:17} → {@code product:}, {@code counter} → none. Keeping the separator keeps
 * {@code a:} and {@code a/} apart when both are separators.
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
        for (int i = 0, n = key.length(); i < n && seen < depth; i++) {
            if (separator[key.byteAt(i) & 0xff]) {
                seen++;
                end = i + 1;
            }
        }
        if (end < 0) return null;
        if (end == key.length()) return key;
        byte[] prefix = new byte[end];
        for (int i = 0; i < end; i++) prefix[i] = key.byteAt(i);
        return KeyName.of(prefix);
    }
}
