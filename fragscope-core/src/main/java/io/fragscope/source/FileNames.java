package io.fragscope.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file's name as its user reads it, whatever the JVM's file-name charset. Under the POSIX locale (cron's) Java 17
 * decodes file names as ASCII ({@code sun.jnu.encoding}): {@code nodeä-…} and {@code nodeö-…} both read
 * {@code node\uFFFD\uFFFD-…}, and two instances named by those files became one. The path keeps the name's bytes,
 * which its URI gives back percent-encoded ({@code Path.toUri}); they are read here as UTF-8, and a byte that is no
 * UTF-8 is written {@code \xNN}, as key names are. A name the JVM decoded whole is returned as it is.
 */
public final class FileNames {
    private FileNames() {}

    /** The last element of {@code file} (the whole of it when it has none, as a root). */
    public static String name(Path file) {
        Path leaf = file.getFileName();
        return leaf == null ? file.toString() : text(leaf);
    }

    /** The whole of {@code file}, relative as it was given or absolute, separated by {@code /}; "null" for null, as {@code String.valueOf}. */
    public static String text(Path file) {
        String s = String.valueOf(file);
        if (s.indexOf('\uFFFD') < 0) return s;
        String[] segments = rawSegments(file);
        int n = file.getNameCount();
        if (segments.length < n) return s;
        StringBuilder sb = new StringBuilder(file.isAbsolute() ? "/" : "");
        for (int i = segments.length - n; i < segments.length; i++) {
            if (i > segments.length - n) sb.append('/');
            sb.append(decode(segments[i]));
        }
        return sb.toString();
    }

    /** The percent-encoded segments of the absolute path's URI (sun.nio.fs.UnixUriUtils.toUri: raw bytes as %XX). */
    private static String[] rawSegments(Path file) {
        try {
            String raw = file.toUri().getRawPath();
            if (raw == null) return new String[0];
            if (raw.endsWith("/")) raw = raw.substring(0, raw.length() - 1); // a folder's URI ends with '/'
            if (raw.startsWith("/")) raw = raw.substring(1);
            return raw.isEmpty() ? new String[0] : raw.split("/", -1);
        } catch (RuntimeException | java.io.IOError e) {
            return new String[0];
        }
    }

    private static String decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        byte[] b = bytes.toByteArray();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                if (x >= 0) sb.append((char) x);
                else sb.append(String.format("\\x%02x", x & 0xff));
            }
            return sb.toString();
        }
    }
}
