package io.fragscope.source;

import java.util.Arrays;

/**
 * A Redis key: untrusted bytes. Immutable; compares as unsigned bytes. {@link #escaped()} is the
 * one rendering every report uses: printable ASCII as is, valid UTF-8 letters as is, everything
 * else (and the backslash) as {@code \xNN}, so the text is readable and maps back to the bytes.
 */
public final class KeyName implements Comparable<KeyName> {
    private final byte[] bytes;
    private int hash;

    private KeyName(byte[] bytes) { this.bytes = bytes; }

    public static KeyName of(byte[] bytes) { return new KeyName(bytes.clone()); }

    public static KeyName of(byte[] bytes, int offset, int length) {
        return new KeyName(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    public static KeyName ofUtf8(String s) { return new KeyName(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

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
        return new KeyName(out.toByteArray());
    }

    public int length() { return bytes.length; }
    public byte byteAt(int i) { return bytes[i]; }
    public byte[] toByteArray() { return bytes.clone(); }

    public String escaped() { return escape(bytes, 0, bytes.length); }

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

    private static boolean validUtf8(byte[] b, int i, int n) {
        for (int k = 1; k < n; k++) if ((b[i + k] & 0xc0) != 0x80) return false;
        int c0 = b[i] & 0xff, c1 = b[i + 1] & 0xff;
        if (n == 3 && c0 == 0xe0 && c1 < 0xa0) return false;   // overlong
        if (n == 3 && c0 == 0xed && c1 >= 0xa0) return false;  // surrogates
        if (n == 4 && c0 == 0xf0 && c1 < 0x90) return false;
        if (n == 4 && c0 == 0xf4 && c1 >= 0x90) return false;
        return true;
    }

    @Override public boolean equals(Object o) { return o instanceof KeyName k && Arrays.equals(bytes, k.bytes); }

    @Override public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = Arrays.hashCode(bytes);
        return h;
    }

    @Override public int compareTo(KeyName o) { return Arrays.compareUnsigned(bytes, o.bytes); }

    /** Bounded for logs and error messages: at most 64 bytes, then "…[N bytes]". */
    @Override public String toString() {
        return bytes.length <= 64 ? escaped() : escape(bytes, 0, 64) + "…[" + bytes.length + " bytes]";
    }
}
