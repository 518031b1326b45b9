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

    /** The prefix being built, reused: a key costs no buffer. */
    private byte[] buf = new byte[64];
    /**
     * The last prefixes made, by a hash of their bytes (direct-mapped, {@link #CACHE} slots): a key whose prefix was
     * seen costs no {@link KeyName}, and the group tables then find it by identity.
     */
    private static final int CACHE = 1024;
    private final long[] cachedHash = new long[CACHE];
    private final KeyName[] cached = new KeyName[CACHE];

    /** @return the prefix, or null when the key has no separator */
    KeyName prefixOf(KeyName key) {
        int n = key.heldLength();
        if (buf.length < n) buf = new byte[Math.max(n, buf.length * 2)];
        // One pass: each segment's id-ness is gathered byte by byte; the prefix (never longer than the name) is built
        // as separators close segments, up to the depth-th.
        int seen = 0, len = 0, start = 0, kinds = IdSegment.START;
        for (int i = 0; i < n && seen < depth; i++) {
            byte b = key.byteAt(i);
            if (!separator[b & 0xff]) {
                kinds = IdSegment.next(kinds, b);
                continue;
            }
            if (IdSegment.isId(kinds, i - start)) buf[len++] = '*';
            else for (int j = start; j < i; j++) buf[len++] = key.byteAt(j);
            buf[len++] = b;
            start = i + 1;
            kinds = IdSegment.START;
            seen++;
        }
        if (seen == 0) return null;
        long h = KeyName.fnv1a(KeyName.FNV_OFFSET, buf, 0, len);
        int slot = (int) (h ^ h >>> 29) & (CACHE - 1);
        KeyName c = cached[slot];
        if (c != null && cachedHash[slot] == h && sameBytes(c, buf, len)) return c;
        c = KeyName.of(buf, 0, len);
        cached[slot] = c;
        cachedHash[slot] = h;
        return c;
    }

    private static boolean sameBytes(KeyName k, byte[] b, int len) {
        if (k.heldLength() != len || k.length() != len) return false;
        for (int i = 0; i < len; i++) if (k.byteAt(i) != b[i]) return false;
        return true;
    }
}
