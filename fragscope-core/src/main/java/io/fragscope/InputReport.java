package io.fragscope;

import io.fragscope.source.InputException;
import io.fragscope.source.InputKind;
import io.fragscope.source.Setting;
import io.fragscope.source.SettingException;

import java.nio.file.Path;

/**
 * How one input fared: {@code ok}, {@code partial} (read in part, analysed as far as read), {@code error},
 * {@code skipped}, or {@code crashed} (an unexpected failure such as running out of memory; exit status 3).
 */
public record InputReport(Path path, InputKind kind, Status status, String message) {

    public enum Status {
        OK, PARTIAL, ERROR, SKIPPED, CRASHED;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** The reason an input that exists could not be opened for reading. */
    static final String PERMISSION_DENIED = "permission denied";

    /**
     * The one line an input's error report carries: {@code e}'s message (a setting named by {@code naming}), prefixed
     * with the file unless it names it already (an {@link InputException} always does); for the file system's own
     * exceptions, whose message is the bare path, the reason their class names (permission denied, no such file).
     */
    static String errorMessage(Path file, Throwable e, Setting.Naming naming) {
        // The file system's exceptions carry the path as their message and the reason in their class: say the reason.
        if (e instanceof java.nio.file.AccessDeniedException) return file + ": " + PERMISSION_DENIED;
        if (e instanceof java.nio.file.NoSuchFileException) return file + ": no such file or folder";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null) {
            return file + ": " + e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        }
        String m = e instanceof SettingException s ? s.message(naming) : e.getMessage() == null ? e.toString() : e.getMessage();
        return e instanceof InputException || m.startsWith(file.toString()) ? m : file + ": " + m;
    }
}
