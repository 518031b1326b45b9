package io.fragscope.source.info;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes off what a log, a terminal or a chat put in front of each {@code name:value} line of a saved
 * INFO reply, so the field underneath is read as the server wrote it:
 * <ul>
 *   <li>docker-compose service columns: {@code cache_1  | used_memory:…}, {@code redis-1  | …}</li>
 *   <li>log timestamps: {@code 12:03:44.512301 }, {@code 2023-04-27 17:43:03 }, {@code [2026-11-24T03:12:00Z] },
 *       syslog's {@code Nov 24 03:12:00 host redis[42]: }</li>
 *   <li>markdown: {@code > } quotes (nested too), list bullets ({@code - }, {@code * }, {@code 1. }),
 *       emphasis and code marks glued to the name ({@code **used_memory**:}, {@code _used_memory:}, {@code `…`})</li>
 *   <li>any other constant prefix ({@code redis-01: }, {@code INFO> }), learned from the first line where a
 *       core field ({@code used_memory}, {@code redis_version} …) stands behind it</li>
 * </ul>
 * A real field line never starts with a digit, a space-padded {@code |}, a quote mark or a bullet, so
 * taking these off never changes a line that had none. One instance per file: it keeps the learned prefix.
 */
final class InfoLineUnwrapper {

    private static final List<Pattern> WRAPPERS = List.of(
            Pattern.compile("^>+\\s?"),
            Pattern.compile("^[*_`]+(?=#)"),
            Pattern.compile("^(?:[-*+\u2022\u00B7]|\\d{1,3}[.)])\\s+(?=[A-Za-z#*_`\"])"),
            Pattern.compile("^[A-Za-z0-9][\\w.\\-]*\\s+\\|\\s?"),
            Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?]?\\s+"),
            Pattern.compile("^\\[?\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?]?\\s+"),
            Pattern.compile("^[A-Z][a-z]{2} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\S+ [^\\s:]+: "),
            Pattern.compile("^\\[[^\\]]{1,120}]\\s+"));

    /** A core field somewhere after a prefix: the prefix is learned if it does not read as prose. */
    private static final Pattern ANCHOR = Pattern.compile(
            "^(.{1,120}?)(?<![A-Za-z0-9_])(?:redis_version|valkey_version|dragonfly_version|used_memory|used_memory_rss|"
                    + "mem_fragmentation_ratio|run_id|tcp_port|connected_clients|mem_allocator)\\s*:|^(.{1,120}?)#\\s*(?:Server|Clients|Memory)\\s*$");
    private static final Pattern PROSE = Pattern.compile("[A-Za-z]{2,} [A-Za-z]{2,}");

    private String learned;

    /** The line without its wrapping. */
    String unwrap(String line) {
        String s = line;
        for (int round = 0; round < 6; round++) {
            String before = s;
            for (Pattern p : WRAPPERS) {
                Matcher m = p.matcher(s);
                if (m.find()) s = s.substring(m.end()).strip();
            }
            if (s.equals(before)) break;
        }
        if (learned != null && s.startsWith(learned.strip())) s = s.substring(learned.strip().length()).strip();
        if (learned == null) {
            // A real field line has its core name at the start, so the anchor only matches behind a prefix.
            Matcher a = ANCHOR.matcher(s);
            String prefix = !a.find() ? null : a.group(1) != null ? a.group(1) : a.group(2);
            if (prefix != null && !PROSE.matcher(prefix).find()) {
                learned = prefix;
                s = s.substring(learned.length()).strip();
            }
        }
        return s;
    }
}
