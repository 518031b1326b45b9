package io.fragscope;

import io.fragscope.analysis.dataset.DatasetOutcome;
import io.fragscope.source.InputKind;

import java.nio.file.Path;

/**
 * The one status rule for a key input (an RDB file or a listing), used by {@link Analyzer} and {@link InputAnalyzer}
 * alike: an error before any key was read is {@code error}; a read cut short, or a file flagged incomplete (a checksum
 * mismatch, a newer format read as far as known), is {@code partial} with what was read; else {@code ok}. The
 * message is the reader's note, prefixed with the file unless it names it already.
 */
final class KeyInputStatus {
    private KeyInputStatus() {}

    static InputReport of(Path file, InputKind kind, DatasetOutcome o) {
        InputReport.Status status = o.error() != null && o.summary().keys().totals().keys() == 0 ? InputReport.Status.ERROR
                : o.error() != null || !o.summary().complete() ? InputReport.Status.PARTIAL : InputReport.Status.OK;
        String note = o.summary().note();
        if (note.isEmpty() && o.error() != null) note = o.error().getMessage();
        return new InputReport(file, kind, status, note.isEmpty() ? "" : note.startsWith(file.toString()) ? note : file + ": " + note);
    }
}
