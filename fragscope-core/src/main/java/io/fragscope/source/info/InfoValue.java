package io.fragscope.source.info;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a value as a person or a monitoring screen showed it back to what the server printed:
 * {@code : 47,222,624,920} (a second separator, digit grouping with {@code ,}, {@code _}, {@code '},
 * spaces, thin or no-break spaces), {@code 71731642368 (66.8 GB)}, {@code 1024 bytes} and {@code 1024 B} (annotations
 * after the number), {@code 1.03_} or {@code 1.03**} (markdown emphasis closed after the last value). A value that
 * is not a number with such decoration is returned unchanged apart from the leading separators, and so is every value
 * a server prints: a {@code *_human} size under 1 KiB ({@code used_memory_scripts_human:232B},
 * {@code maxmemory_human:0B}) has its {@code B} right after the digits, where no annotation puts it.
 */
final class InfoValue {
    private InfoValue() {}

    private static final Pattern GROUPED = Pattern.compile("([+-]?)(\\d{1,3}(?:([,_' \u2009\u202F\u00A0])\\d{3})(?:\\3\\d{3})*)(\\.\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");
    /** {@code B} only after a space: {@code 232B} is how the server itself writes a {@code *_human} value. */
    private static final Pattern ANNOTATED = Pattern.compile("(.+?)(?:\\s*(?:\\(.*\\)|\\[.*]|bytes)|\\s+B)");
    private static final Pattern EMPHASIS_END = Pattern.compile("(.+?)[*_`]+");
    /** No value INFO prints ends in a digit followed by {@code _}, {@code *} or a backtick: that is markdown closing. */
    private static final Pattern DIGIT_THEN_MARKS = Pattern.compile("(.*\\d)[*_`]+");

    static String normalise(String raw) {
        String v = raw.strip();
        while (v.startsWith(":")) v = v.substring(1).strip();
        if (NUMBER.matcher(v).matches()) return v;
        Matcher d = DIGIT_THEN_MARKS.matcher(v);
        if (d.matches()) v = d.group(1);
        if (NUMBER.matcher(v).matches()) return v;
        Matcher e = EMPHASIS_END.matcher(v);
        if (e.matches()) {
            String n = number(e.group(1).strip());
            if (n != null) return n;
        }
        String n = number(v);
        if (n != null) return n;
        Matcher a = ANNOTATED.matcher(v);
        if (a.matches()) {
            n = number(a.group(1).strip());
            if (n != null) return n;
        }
        return v;
    }

    /** The plain digits of a plain or grouped number, or null. */
    private static String number(String v) {
        if (NUMBER.matcher(v).matches()) return v;
        Matcher g = GROUPED.matcher(v);
        if (!g.matches()) return null;
        String sep = g.group(3);
        return g.group(1) + g.group(2).replace(sep, "") + (g.group(4) == null ? "" : g.group(4));
    }
}
