package io.fragscope.source.listing;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Parses an absolute expiry cell into Unix epoch milliseconds. The forms the tools write:
 * <ul>
 *   <li>redis-rdb-tools: {@code datetime.isoformat()} of a naive UTC time ({@code 2045-01-01T00:00:00},
 *       {@code …T00:00:00.123000}) — rdbtools/parser.py {@code to_datetime} uses {@code utcfromtimestamp};</li>
 *   <li>redis-rdb-cli: {@code yyyy-MM-dd HH:mm:ss.SSS} in the exporting machine's default zone
 *       (ext/rct/support/MemoryMisc.java {@code prettyDate}), or raw epoch ms when
 *       {@code export_format_date=false};</li>
 *   <li>HDT3213/rdb: RFC 3339 with offset ({@code time.RFC3339}, helper/memory.go).</li>
 * </ul>
 * Times without an offset are read in the given zone (UTC unless the user says otherwise). A bare
 * number is epoch milliseconds, or seconds when it is below 10^11 (10^11 s is the year 5138).
 */
public final class ExpiryTime {
    private static final long SECONDS_CEILING = 100_000_000_000L;

    private ExpiryTime() {}

    /** @return epoch ms, or {@link ListingRow#NO_EXPIRY} for an empty cell */
    public static long parse(String text, ZoneId zone) {
        String s = text.strip();
        if (s.isEmpty()) return ListingRow.NO_EXPIRY;
        if (isNumber(s)) {
            if (s.startsWith("-")) return ListingRow.NO_EXPIRY;
            if (s.length() > 18) throw new IllegalArgumentException("expiry '" + ByteSize.clip(s) + "' is too large");
            long v = Long.parseLong(s);
            return v < SECONDS_CEILING ? v * 1000 : v;
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            if (hasOffset(iso)) return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            return LocalDateTime.parse(iso).atZone(zone).toInstant().toEpochMilli();
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + ByteSize.clip(s) + "' is not an expiry time (epoch ms, ISO-8601 or RFC 3339)");
        }
    }

    private static boolean isNumber(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) return false;
        for (int i = start; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static boolean hasOffset(String iso) {
        if (iso.endsWith("Z") || iso.endsWith("z")) return true;
        int t = iso.indexOf('T');
        return t > 0 && (iso.indexOf('+', t) > 0 || iso.indexOf('-', t) > 0);
    }
}
