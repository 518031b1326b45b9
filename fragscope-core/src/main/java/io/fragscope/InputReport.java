package io.fragscope;

import io.fragscope.source.InputKind;

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
}
