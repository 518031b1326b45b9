package io.fragscope.analysis.info;

import io.fragscope.source.info.InfoDump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a dump was taken, and how we know: the server's own clock beats a timestamp a cron job put in
 * the file name, which beats the file's modification time (copies and checkouts reset it).
 */
public record CaptureTime(Instant at, Basis basis) {

    public enum Basis { SERVER_TIME, FILE_NAME, FILE_MTIME, UNKNOWN }

    private static final Pattern STAMP = Pattern.compile(
            "(20\\d{2})-?(\\d{2})-?(\\d{2})[T_\\-.]?(\\d{2})[:\\-.]?(\\d{2})(?:[:\\-.]?(\\d{2}))?");
    private static final Pattern EPOCH = Pattern.compile("(?<!\\d)(1[4-9]\\d{8})(?!\\d)");

    public static CaptureTime of(InfoDump dump) {
        long usec = dump.bytes("server_time_usec").orElse(0);
        if (usec > 0) return new CaptureTime(Instant.ofEpochSecond(usec / 1_000_000, (usec % 1_000_000) * 1000), Basis.SERVER_TIME);
        Path file = dump.source();
        if (file != null) {
            Optional<Instant> named = fromName(file.getFileName().toString());
            if (named.isPresent()) return new CaptureTime(named.get(), Basis.FILE_NAME);
            try {
                return new CaptureTime(Files.getLastModifiedTime(file).toInstant(), Basis.FILE_MTIME);
            } catch (IOException e) {
                // fall through: an unknown time sorts first, which is the least surprising place
            }
        }
        return new CaptureTime(Instant.EPOCH, Basis.UNKNOWN);
    }

    /** Timestamps in names are read as UTC: cron jobs on servers mostly run in UTC, and we cannot know better. */
    public static Optional<Instant> fromName(String name) {
        Matcher m = STAMP.matcher(name);
        if (m.find()) {
            try {
                LocalDateTime t = LocalDateTime.of(i(m.group(1)), i(m.group(2)), i(m.group(3)), i(m.group(4)), i(m.group(5)),
                        m.group(6) == null ? 0 : i(m.group(6)));
                return Optional.of(t.toInstant(ZoneOffset.UTC));
            } catch (java.time.DateTimeException e) {
                // not a date after all
            }
        }
        Matcher e = EPOCH.matcher(name);
        if (e.find()) return Optional.of(Instant.ofEpochSecond(Long.parseLong(e.group(1))));
        return Optional.empty();
    }

    /** The file name without its timestamp and extension: {@code cache-01-20261124-0312.txt} → {@code cache-01}. */
    public static Optional<String> stem(String name) {
        Matcher m = STAMP.matcher(name);
        Matcher e = EPOCH.matcher(name);
        Matcher hit = m.find() ? m : e.find() ? e : null;
        if (hit == null) return Optional.empty();
        String s = (name.substring(0, hit.start()) + name.substring(hit.end())).replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        s = s.replaceAll("[\\-_.\\s]+$", "").replaceAll("^[\\-_.\\s]+", "").replaceAll("[\\-_.]{2,}", "-");
        return Optional.of(s.isEmpty() ? "info" : s);
    }

    private static int i(String s) { return Integer.parseInt(s); }
}
