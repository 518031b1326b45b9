package io.fragscope.cli;

import io.fragscope.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Path;

/** A progress bar on stderr for inputs large enough to wait for: MiB read, keys per second, time left. */
final class TerminalProgress implements ProgressListener {
    /** Files smaller than this finish before a bar would be worth drawing. */
    static final long MIN_BYTES = 64L << 20;

    private final PrintStream err;

    TerminalProgress(PrintStream err) { this.err = err; }

    /** A bar only when stderr is a terminal and the user did not ask for quiet. */
    static ProgressListener forConsole(boolean quiet, PrintStream err) {
        return quiet || System.console() == null ? ProgressListener.NONE : new TerminalProgress(err);
    }

    /**
     * The stage after the reading, when the bars have reached 100 % and the workbook is still being written
     * (seconds for a large Keys sheet): one line per stage, so the terminal never looks stuck.
     */
    void stage(String what) {
        err.println("fragscope: writing " + what + " …");
        err.flush();
    }

    @Override
    public Tracker start(Path file, long totalBytes) {
        if (totalBytes < MIN_BYTES) return ProgressListener.NONE.start(file, totalBytes);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(io.fragscope.source.KeyName.escapeControls(String.valueOf(file.getFileName()))).setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
        long start = System.nanoTime();
        return new Tracker() {
            @Override public void update(long bytesRead, long keys) {
                if (bytesRead >= 0) bar.stepTo(bytesRead);
                if (keys > 0) {
                    double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                    bar.setExtraMessage(String.format(" %,d keys (%,.0f keys/s)", keys, keys / secs));
                }
            }

            @Override public void close() { bar.close(); }
        };
    }
}
