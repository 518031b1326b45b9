package io.fragscope;

import io.fragscope.source.InputKind;

import java.nio.file.Path;

/** How one input fared: {@code ok}, {@code partial} (read in part, analysed as far as read), {@code error}, or {@code skipped}. */
public record InputReport(Path path, InputKind kind, Status status, String message) {

    public enum Status {
        OK, PARTIAL, ERROR, SKIPPED;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
