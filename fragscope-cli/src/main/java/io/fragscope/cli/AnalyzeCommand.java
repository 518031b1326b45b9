package io.fragscope.cli;

import io.fragscope.AnalysisResult;
import io.fragscope.Crash;
import io.fragscope.InputReport;
import io.fragscope.ProgressListener;
import io.fragscope.report.ReportRun;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code analyze} command: parse the options ({@link AnalyzeOptions}), run the library's {@link ReportRun}
 * (analysis, report files, keys.csv, temporary files moved into place), judge {@code --fail-on}, choose the exit status.
 */
final class AnalyzeCommand {
    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        CommandLine cl;
        boolean debug = List.of(args).contains("--debug");
        try {
            cl = new DefaultParser().parse(AnalyzeOptions.options(), args);
        } catch (ParseException e) {
            return usage(e.getMessage());
        }
        if (cl.hasOption("help")) {
            AnalyzeOptions.printHelp(out);
            return Main.EXIT_OK;
        }
        if (cl.hasOption("version")) {
            out.println("fragscope " + Main.version());
            return Main.EXIT_OK;
        }
        try {
            return analyze(AnalyzeOptions.parse(cl));
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
            line("fragscope analyze: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (debug) e.printStackTrace(err);
            return Main.EXIT_BAD_INPUT;
        } catch (Throwable t) {
            // Before the reports exist (or while deciding the exit status): nothing to salvage but one clean line.
            line("fragscope analyze: internal error: " + Crash.describe(t));
            if (debug) t.printStackTrace(err);
            return Main.EXIT_CRASH;
        }
    }

    /** One line on stderr, whatever the text holds: untrusted bytes never reach the terminal raw. */
    private void line(String s) {
        err.println(io.fragscope.source.KeyName.escapeControls(s));
    }

    private int usage(String message) {
        line("fragscope analyze: " + message + " (see fragscope analyze --help)");
        return Main.EXIT_BAD_INPUT;
    }

    private int analyze(AnalyzeOptions o) throws UsageException, IOException {
        // Fails before any work when the reports could not be written anyway.
        try (ReportRun run = ReportRun.open(o.outDir(), o.formats(), o.keysSheetRows())) {
            try {
                ProgressListener progress = TerminalProgress.forConsole(o.quiet(), err);
                AnalysisResult result = run.analyze(o.request(), progress, o.messages());
                // Before any report is written: a usage error or nothing usable leaves the last good report in place.
                for (FailOn f : o.failOn()) {
                    try {
                        for (String note : f.validate(result)) line("fragscope analyze: " + note);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                if (!result.anythingUsable()) {
                    report(result, List.of(), true);
                    line(result.inputs().isEmpty()
                            // nothing to name among the inputs: name what was given
                            ? "fragscope analyze: no input in " + o.request().explicitInputs().stream().map(Object::toString)
                                    .collect(java.util.stream.Collectors.joining(", ")) + " (an empty folder, or only hidden files); no report written"
                            : "fragscope analyze: no usable input among " + plural(result.inputs().size(), "input", "inputs")
                                    + " (no INFO dump, RDB file or listing could be read); no report written");
                    return result.anyCrashed() ? Main.EXIT_CRASH : Main.EXIT_BAD_INPUT;
                }
                Consumer<String> stage = progress instanceof TerminalProgress tp ? tp::stage : s -> { };
                report(result, run.write(o.messages(), Main.version(), stage), o.quiet());
                return exitStatus(result, o.failOn());
            } catch (IOException | java.io.UncheckedIOException | UsageException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // The run's result, when the analysis ended: keys.csv's writer may fail after it (out of memory).
                if (e instanceof IllegalArgumentException && run.result() == null) throw e;
                return crashed(run, run.result(), o, e);
            }
        }
    }

    private int exitStatus(AnalysisResult result, List<FailOn> failOn) {
        if (result.anyCrashed()) return Main.EXIT_CRASH;
        boolean held = false;
        for (FailOn f : failOn) {
            for (String where : f.holds(result)) {
                line("fragscope analyze: --fail-on " + f.describe() + " holds: " + where);
                held = true;
            }
        }
        if (result.anyUnreadable()) return Main.EXIT_BAD_INPUT;
        return held ? Main.EXIT_FAIL_ON : Main.EXIT_OK;
    }

    /**
     * The analysis or the reports failed unexpectedly (out of memory, a bug): what was done still goes to
     * summary.json when there is a result, and the run ends with exit status 3 and one line.
     */
    private int crashed(ReportRun run, AnalysisResult result, AnalyzeOptions o, Throwable thrown) {
        Throwable t = vmError(thrown);
        String what = result == null ? "while analysing" : "while writing the reports";
        String saved = "";
        if (result != null) {
            try {
                Path p = run.writeSummaryAfterCrash(o.messages(), Main.version());
                saved = "; " + p + " has what was done";
            } catch (Throwable again) {
                saved = "; summary.json could not be written either (" + Crash.describe(again) + ")";
            }
        }
        line("fragscope analyze: internal error " + what + ": " + Crash.describe(t) + saved);
        if (o.debug()) t.printStackTrace(err);
        return Main.EXIT_CRASH;
    }

    /**
     * The out-of-memory error behind {@code t}, when there is one: the JVM may throw one preallocated instance twice (while
     * a report is written and again while its stream is closed), and try-with-resources then fails with
     * "Self-suppression not permitted", an IllegalArgumentException whose cause is the real crash.
     */
    static Throwable vmError(Throwable t) {
        VirtualMachineError vm = Crash.vmErrorWithin(t);
        return vm == null ? t : vm;
    }

    private void report(AnalysisResult result, List<Path> written, boolean quiet) {
        for (InputReport r : result.inputs()) {
            if (r.status() == InputReport.Status.ERROR) line("fragscope analyze: " + r.message());
            else if (r.status() == InputReport.Status.PARTIAL) line("fragscope analyze: partial: " + r.message());
            else if (r.status() == InputReport.Status.CRASHED) line("fragscope analyze: internal error: " + r.message());
        }
        if (quiet) return;
        // what was not used, as summary.md counts it: unreadable (and crashed), partial, left out
        List<String> notUsed = new java.util.ArrayList<>();
        long unreadable = result.inputs(InputReport.Status.ERROR, InputReport.Status.CRASHED);
        long partial = result.inputs(InputReport.Status.PARTIAL);
        long skipped = result.inputs(InputReport.Status.SKIPPED);
        if (unreadable > 0) notUsed.add(unreadable + " unreadable");
        if (partial > 0) notUsed.add(partial + " partial");
        if (skipped > 0) notUsed.add(skipped + " left out");
        out.printf("fragscope: %s%s, %s of %s, %s; worst: %s%n", plural(result.inputs().size(), "input", "inputs"),
                notUsed.isEmpty() ? "" : " (" + String.join(", ", notUsed) + ")",
                plural(result.dumps().size(), "INFO dump", "INFO dumps"), plural(result.series().size(), "instance", "instances"),
                plural(result.datasets().size(), "key dataset", "key datasets"),
                result.worstSeverityNow() == null ? "none" : result.worstSeverityNow().id());
        for (Path p : written) out.println(io.fragscope.source.KeyName.escapeControls("  wrote " + p));
    }

    static String plural(long n, String one, String many) { return n + " " + (n == 1 ? one : many); }
}
