package io.fragscope.source.listing;

import io.fragscope.source.KeyName;

import java.nio.charset.StandardCharsets;

/**
 * How a listing writes key bytes. Input text is ISO-8859-1 decoded, so {@code char} i is byte i.
 */
public enum KeyEscape {
    /** Bytes as they are: redis-rdb-tools' default {@code --escape raw}, redis-rdb-cli's default raw escaper. */
    RAW,
    /**
     * {@code \xNN} for a byte, anything else literal: {@link KeyName#escaped()} and the groundtruth keys.csv.
     * Same rule as {@link KeyName#unescape(String)}, applied to bytes instead of UTF-8 text.
     */
    HEX,
    /**
     * redis-rdb-cli's {@code -e redis} (ext/escape/RedisEscaper.java): {@code \n \r \t \b \a} and {@code \xNN}.
     */
    REDIS;

    /** The key bytes behind one listing cell. */
    public KeyName decode(String cell) {
        byte[] raw = cell.getBytes(StandardCharsets.ISO_8859_1);
        if (this == RAW || cell.indexOf('\\') < 0) return KeyName.of(raw);
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\\' && i + 1 < raw.length) {
                byte next = raw[i + 1];
                if (next == 'x' && i + 3 < raw.length) {
                    int hi = Character.digit(raw[i + 2], 16), lo = Character.digit(raw[i + 3], 16);
                    if (hi >= 0 && lo >= 0) {
                        out[n++] = (byte) (hi << 4 | lo);
                        i += 3;
                        continue;
                    }
                }
                if (this == REDIS) {
                    int c = switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'b' -> '\b';
                        case 'a' -> 7;
                        default -> -1;
                    };
                    if (c >= 0) {
                        out[n++] = (byte) c;
                        i++;
                        continue;
                    }
                }
            }
            out[n++] = b;
        }
        return KeyName.of(out, 0, n);
    }
}
