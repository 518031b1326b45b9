package io.fragscope.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A capture that failed: what {@code redis-cli INFO all > file} leaves when the server was down, refused
 * the password or was loading. redis-cli writes the error reply where the INFO text should be (or
 * nothing at all, when the error went to stderr), and a cron job keeps the file under the name of a
 * good dump. Such a file is not "some other file" to skip: it means the instance's latest state is unknown.
 */
public final class FailedCapture {
    private FailedCapture() {}

    /** Error replies and redis-cli's own messages (redis-cli.c cliConnect, the server's shared error objects). */
    private static final Pattern ERROR = Pattern.compile(
            "(?m)^\\s*(?:\\(error\\)\\s*)?(Could not connect to (?:Redis|Valkey) at [^\\r\\n]*|NOAUTH[^\\r\\n]*|WRONGPASS[^\\r\\n]*"
                    + "|AUTH failed[^\\r\\n]*|LOADING[^\\r\\n]*|BUSY[^\\r\\n]*|MASTERDOWN[^\\r\\n]*|ERR [^\\r\\n]*"
                    + "|Error: [^\\r\\n]*|Connection refused[^\\r\\n]*|Warning: Using a password[^\\r\\n]*)");

    /** Failed captures are small: anything larger is some other file that happens to mention an error. */
    static final int MAX_BYTES = 4096;

    /**
     * What went wrong, when {@code file} (not detected as INFO, RDB or listing) is a failed capture: the
     * error redis-cli wrote, or "empty file" for a zero-byte file (the error went to stderr).
     */
    public static Optional<String> of(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) return Optional.empty();
        return of(InputSource.of(file));
    }

    /** As {@link #of(Path)} for an input held anywhere. */
    public static Optional<String> of(InputSource input) throws IOException {
        if (input.size() > MAX_BYTES) return Optional.empty();
        byte[] head;
        try (InputStream in = input.open()) {
            head = in.readNBytes(MAX_BYTES);
        }
        if (head.length == 0) return Optional.of("empty file");
        String text = new String(head, StandardCharsets.UTF_8);
        Matcher m = ERROR.matcher(text);
        String found = null;
        while (m.find()) {
            String line = m.group(1).strip();
            if (line.startsWith("Warning: Using a password")) continue;
            found = line;
            break;
        }
        if (found == null) return Optional.empty();
        if (found.length() > 200) found = found.substring(0, 200) + "…";
        byte[] b = found.getBytes(StandardCharsets.UTF_8);
        return Optional.of("redis-cli wrote '" + KeyName.escape(b, 0, b.length) + "'");
    }
}
