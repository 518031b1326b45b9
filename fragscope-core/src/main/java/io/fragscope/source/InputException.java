package io.fragscope.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An input that could not be read as what it claims to be. Always carries the file and a
 * position ("line 12", "offset 4096"), so the CLI can print one line a person can act on.
 * {@code truncated} keeps "the file ends early" apart from "the bytes are wrong".
 */
public class InputException extends IOException {
    private final Path file;
    private final String position;
    private final String detail;
    private final boolean truncated;

    public InputException(Path file, String position, String detail, boolean truncated, Throwable cause) {
        super(format(file, position, detail), cause);
        this.file = file;
        this.position = position;
        this.detail = detail;
        this.truncated = truncated;
    }

    public InputException(Path file, String position, String detail) {
        this(file, position, detail, false, null);
    }

    public static InputException atLine(Path file, long line, String detail) {
        return new InputException(file, "line " + line, detail);
    }

    public static InputException atOffset(Path file, long offset, String detail, boolean truncated) {
        return new InputException(file, "offset " + offset, detail, truncated, null);
    }

    private static String format(Path file, String position, String detail) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(FileNames.text(file));
        if (position != null && !position.isEmpty()) sb.append(sb.length() > 0 ? ": " : "").append(position);
        if (sb.length() > 0) sb.append(": ");
        return sb.append(detail).toString();
    }

    public Path file() { return file; }
    public String position() { return position; }
    public String detail() { return detail; }
    public boolean truncated() { return truncated; }
}
