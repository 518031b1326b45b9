package io.fragscope.source;

import java.util.Arrays;

/**
 * A Redis key: untrusted bytes. Immutable; compares as unsigned bytes. {@link #escaped()} is the
 * one rendering every report uses: printable ASCII as is, valid UTF-8 letters as is, everything
 * else (and the backslash) as {@code \xNN}, so the text is readable and maps back to the bytes.
 *
 * <p>Bounded: a name longer than {@link #MAX_HELD} bytes keeps its first {@code MAX_HELD} bytes, its
 * full length and a 64-bit hash of all its bytes. Such a name only serves grouping, top-N lists and
 * reports (a 100 MB name must not be held once per top-N entry or per queued keys.csv row); two cut
 * names are equal when prefix, length and hash are, and the rendering says it was cut
 * ({@code prefix…[cut: N bytes, hash 0123456789abcdef]}).
 */
public final class KeyName implements Comparable<KeyName>, java.io.Serializable {
    /** Bytes of a name held; Redis keys longer than this are rare, and their tail never changes a report. */
    public static final int MAX_HELD = 1024;

    private final byte[] bytes;
    /** The name's full length in bytes; larger than bytes.length when the name was cut. */
    private final long length;
    /** FNV-1a 64 of all bytes, kept only for cut names (0 otherwise). */
    private final long fullHash;
    private int hash;

    private KeyName(byte[] bytes) { this(bytes, bytes.length, 0); }

    private KeyName(byte[] bytes, long length, long fullHash) {
        this.bytes = bytes;
        this.length = length;
        this.fullHash = fullHash;
    }

    public static KeyName of(byte[] bytes) { return of(bytes, 0, bytes.length); }

    public static KeyName of(byte[] bytes, int offset, int length) {
        if (length <= MAX_HELD) return new KeyName(Arrays.copyOfRange(bytes, offset, offset + length));
        return new KeyName(Arrays.copyOfRange(bytes, offset, offset + MAX_HELD), length, fnv1a(FNV_OFFSET, bytes, offset, length));
    }

    /**
     * A name read in pieces (never whole in memory): {@code head} is its first bytes (at most
     * {@link #MAX_HELD} are kept), {@code length} its full length and {@code hash} the {@link #fnv1a}
     * of all its bytes, seeded with {@link #FNV_OFFSET}.
     */
    public static KeyName cut(byte[] head, int headLength, long length, long hash) {
        if (length <= MAX_HELD && headLength == length) return of(head, 0, headLength);
        return new KeyName(Arrays.copyOf(head, Math.min(headLength, MAX_HELD)), length, hash);
    }

    public static final long FNV_OFFSET = 0xcbf29ce484222325L;

    /** FNV-1a 64 over {@code b[off..off+len)}, continuing from {@code h}. */
    public static long fnv1a(long h, byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    public static KeyName ofUtf8(String s) { return of(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

    /** Reverses {@link #escaped()}. */
    public static KeyName unescape(String escaped) {
        byte[] utf8 = escaped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\\' && i + 3 < utf8.length && utf8[i + 1] == 'x') {
                int hi = Character.digit(utf8[i + 2], 16), lo = Character.digit(utf8[i + 3], 16);
                if (hi >= 0 && lo >= 0) { out.write(hi << 4 | lo); i += 3; continue; }
            }
            out.write(utf8[i]);
        }
        return of(out.toByteArray());
    }

    /** The name's full length in bytes (also when it was cut). */
    public long length() { return length; }

    /** Bytes held: the whole name, or its first {@link #MAX_HELD} bytes when it was cut. */
    public int heldLength() { return bytes.length; }

    /** Whether only the first {@link #MAX_HELD} bytes of a longer name are held. */
    public boolean isCut() { return length > bytes.length; }

    /** {@code i < heldLength()}. */
    public byte byteAt(int i) { return bytes[i]; }

    /** The bytes held (the first {@link #MAX_HELD} of a cut name). */
    public byte[] toByteArray() { return bytes.clone(); }

    /** The rendering; a cut name ends in {@code …[cut: N bytes, hash H]}, which {@link #unescape} does not reverse. */
    public String escaped() {
        String s = escape(bytes, 0, bytes.length);
        return isCut() ? s + cutMark() : s;
    }

    private String cutMark() {
        return "…[cut: " + length + " bytes, hash " + String.format("%016x", fullHash) + "]";
    }

    public static String escape(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 8);
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') { sb.append((char) c); i++; continue; }
            int n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            if (n > 0 && i + n <= end && validUtf8(b, i, n)) {
                String s = new String(b, i, n, java.nio.charset.StandardCharsets.UTF_8);
                int cp = s.codePointAt(0);
                if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.OTHER_PUNCTUATION
                        || Character.getType(cp) == Character.OTHER_SYMBOL || Character.isSpaceChar(cp) && cp != 0x2028 && cp != 0x2029) {
                    sb.append(s);
                    i += n;
                    continue;
                }
            }
            sb.append(String.format("\\x%02x", c));
            i++;
        }
        return sb.toString();
    }

    /**
     * Untrusted text already decoded (an INFO value, a zset score, a file name, a message quoting them) made inert
     * on a terminal and in a CSV cell, the way {@link #escape} renders key bytes: C0 controls (but line feed and tab
     * when {@code keepNewlines}, in a cell; a one-line message escapes both), DEL and C1 controls become {@code \xNN}; line and paragraph separators,
     * bidirectional overrides and other invisible format characters become {@code &#92;uNNNN}. Backslashes are
     * left alone, so a key name rendered by {@link #escaped()} inside the text stays as it was.
     */
    public static String escapeControls(String s, boolean keepNewlines) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && !(keepNewlines && (c == '\n' || c == '\t')) || c >= 0x7f && c <= 0x9f;
            boolean invisible = !control && c >= 0x2000 && (c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT);
            if ((control || invisible) && sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (sb == null) continue;
            if (control) sb.append(String.format("\\x%02x", (int) c));
            else if (invisible) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }

    /** {@link #escapeControls(String, boolean)} for one line of a terminal or a log: line feeds escaped too. */
    public static String escapeControls(String s) { return escapeControls(s, false); }

    private static boolean validUtf8(byte[] b, int i, int n) {
        for (int k = 1; k < n; k++) if ((b[i + k] & 0xc0) != 0x80) return false;
        int c0 = b[i] & 0xff, c1 = b[i + 1] & 0xff;
        if (n == 3 && c0 == 0xe0 && c1 < 0xa0) return false;   // overlong
        if (n == 3 && c0 == 0xed && c1 >= 0xa0) return false;  // surrogates
        if (n == 4 && c0 == 0xf0 && c1 < 0x90) return false;
        if (n == 4 && c0 == 0xf4 && c1 >= 0x90) return false;
        return true;
    }

    @Override public boolean equals(Object o) {
        return o instanceof KeyName k && length == k.length && fullHash == k.fullHash && Arrays.equals(bytes, k.bytes);
    }

    @Override public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = Arrays.hashCode(bytes) * 31 + Long.hashCode(fullHash);
        return h;
    }

    /** Unsigned bytes; among cut names with the same held bytes, by length, then hash. */
    @Override public int compareTo(KeyName o) {
        int c = Arrays.compareUnsigned(bytes, o.bytes);
        if (c != 0) return c;
        c = Long.compare(length, o.length);
        return c != 0 ? c : Long.compareUnsigned(fullHash, o.fullHash);
    }

    /** Bounded for logs and error messages: at most 64 bytes, then "…[N bytes]". */
    @Override public String toString() {
        return length <= 64 ? escaped() : escape(bytes, 0, Math.min(64, bytes.length)) + "…[" + length + " bytes]";
    }
}
