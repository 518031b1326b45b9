package io.fragscope.cli;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.Crash;
import io.fragscope.InputReport;
import io.fragscope.KeyListener;
import io.fragscope.report.KeysCsv;
import io.fragscope.analysis.info.FindingThresholds;
import io.fragscope.report.Messages;
import io.fragscope.report.OutputFolder;
import io.fragscope.report.ReportContext;
import io.fragscope.report.ReportFormat;
import io.fragscope.report.Reports;
import io.fragscope.report.XlsxReport;
import io.fragscope.source.ReadLimits;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code analyze} command: parse options, run the library, write reports, choose the exit status. */
final class AnalyzeCommand {
    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR").desc("report folder (default: reports)").build());
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FMT")
                .desc("xlsx, csv, json; several allowed, comma-separated or repeated (default: xlsx). summary.json is always written").build());
        o.addOption(Option.builder().longOpt("lang").hasArg().argName("LANG").desc("report language: en (default) or zh").build());
        o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("COND")
                .desc("exit 1 when COND holds for the latest dump of any instance: FIELD>NUMBER (e.g. 'mem_fragmentation_ratio>1.5'), "
                        + "a finding code (e.g. high-fragmentation) or a severity (warning, critical); repeatable").build());
        o.addOption(Option.builder().longOpt("since").hasArg().argName("DURATION")
                .desc("retention window for INFO series: leave out dumps captured more than DURATION before the newest one "
                        + "(e.g. 7d, 36h, 90m, 2w; default: all)").build());
        o.addOption(Option.builder().longOpt("allocator").hasArg().argName("NAME")
                .desc("allocator model: jemalloc, jemalloc-q16, jemalloc-3.6, libc, libc-prefix, tcmalloc (default: inferred from INFO, else jemalloc)").build());
        o.addOption(Option.builder().longOpt("redis-version").hasArg().argName("VER").desc("server layout to model, e.g. 7.0, 8.6, valkey-9.0 (default: from the input)").build());
        o.addOption(Option.builder().longOpt("config").hasArg().argName("NAME=VALUE")
                .desc("an encoding threshold as the server had it, e.g. hash-max-listpack-entries=1024; repeatable").build());
        o.addOption(Option.builder().longOpt("prefix-separators").hasArg().argName("CHARS").desc("key prefix separators (default ':')").build());
        o.addOption(Option.builder().longOpt("prefix-depth").hasArg().argName("N").desc("key prefix depth (default 2)").build());
        o.addOption(Option.builder().longOpt("top").hasArg().argName("N").desc("keys listed in the top tables (default 100)").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("1: read and price RDB files on one thread; 2 (default): read on a second thread; same results").build());
        o.addOption(Option.builder().longOpt("columns").hasArg().argName("MAP")
                .desc("column mapping for other listings, e.g. key=name,size=bytes,type=kind").build());
        o.addOption(Option.builder().longOpt("listing-format").hasArg().argName("NAME")
                .desc("listing format when detection is not enough: rdb-tools, rdb-cli, hdt3213, keys-csv, generic").build());
        o.addOption(Option.builder().longOpt("max-line-bytes").hasArg().argName("N").desc("longest text line accepted (default 1 MiB)").build());
        o.addOption(Option.builder().longOpt("max-key-bytes").hasArg().argName("N").desc("longest key name accepted (default 512 MiB)").build());
        o.addOption(Option.builder().longOpt("max-element-bytes").hasArg().argName("N").desc("longest value or element accepted (default 4 GiB)").build());
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress bar and no summary on stdout").build());
        o.addOption(Option.builder().longOpt("debug").desc("print stack traces").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        o.addOption(Option.builder("V").longOpt("version").desc("print the version").build());
        return o;
    }

    static void printHelp(PrintStream out) {
        PrintWriter w = new PrintWriter(out, true);
        HelpFormatter hf = new HelpFormatter();
        hf.setWidth(100);
        hf.printHelp(w, 100, "fragscope analyze [OPTIONS] INPUT...",
                "\nExplains Redis memory: where used_memory_rss went, what allocator rounding and PREFIX_SIZE cost per key, "
                        + "and what to do. INPUT: saved INFO dumps, RDB files, key-size listings, or folders of them "
                        + "(kinds are detected from content).\n\n", options(), 2, 4,
                "\nExamples:\n"
                        + "  fragscope analyze samples/                        workbook in reports/report.xlsx\n"
                        + "  fragscope analyze -f xlsx,csv,json -o out dumps/  every format\n"
                        + "  fragscope analyze --fail-on 'mem_fragmentation_ratio>1.5' /var/backups/info/   (cron: exit 1 when it holds)\n"
                        + "  fragscope analyze --fail-on critical --lang zh info.txt dump.rdb\n"
                        + "  fragscope analyze --allocator libc-prefix --redis-version 4.0 dump.rdb\n"
                        + "\nExit status: 0 done, 1 a --fail-on condition held, 2 bad usage or an unreadable input "
                        + "(the report still covers the readable inputs).\n", false);
        w.flush();
    }

    int run(String[] args) {
        CommandLine cl;
        boolean debug = List.of(args).contains("--debug");
        try {
            cl = new DefaultParser().parse(options(), args);
        } catch (ParseException e) {
            return usage(e.getMessage());
        }
        if (cl.hasOption("help")) {
            printHelp(out);
            return Main.EXIT_OK;
        }
        if (cl.hasOption("version")) {
            out.println("fragscope " + Main.version());
            return Main.EXIT_OK;
        }
        try {
            return analyze(cl);
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

    private int analyze(CommandLine cl) throws UsageException, IOException {
        List<String> positional = cl.getArgList();
        if (positional.isEmpty()) throw new UsageException("no INPUT given");
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        try {
            if (cl.hasOption("format")) {
                for (String value : cl.getOptionValues("format")) {
                    for (String f : value.split(",")) if (!f.isBlank()) formats.add(ReportFormat.parse(f));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (formats.isEmpty()) formats.add(ReportFormat.XLSX);
        Messages messages;
        List<FailOn> failOn = new ArrayList<>();
        try {
            messages = Messages.forLanguage(cl.getOptionValue("lang", "en"));
            if (cl.hasOption("fail-on")) for (String c : cl.getOptionValues("fail-on")) failOn.add(FailOn.parse(c));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReadLimits d = ReadLimits.DEFAULTS;
        ReadLimits limits = new ReadLimits(longOpt(cl, "max-line-bytes", d.maxLineBytes()), longOpt(cl, "max-key-bytes", d.maxKeyBytes()),
                longOpt(cl, "max-element-bytes", d.maxElementBytes()), d.maxNesting()).namedBy(AnalyzeCommand::flagOf);
        Map<String, Long> config = new HashMap<>();
        if (cl.hasOption("config")) {
            for (String kv : cl.getOptionValues("config")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) throw new UsageException("--config takes NAME=VALUE, got '" + kv + "'");
                try {
                    config.put(kv.substring(0, eq).trim(), Long.parseLong(kv.substring(eq + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new UsageException("--config " + kv + ": the value must be a whole number");
                }
            }
        }
        AnalysisRequest.KeyOptions kd = AnalysisRequest.KeyOptions.DEFAULTS;
        AnalysisRequest.KeyOptions keys = new AnalysisRequest.KeyOptions(cl.getOptionValue("prefix-separators", kd.prefixSeparators()),
                (int) longOpt(cl, "prefix-depth", kd.prefixDepth()), (int) longOpt(cl, "top", kd.topN()), kd.maxPrefixes(),
                cl.getOptionValue("columns"), cl.getOptionValue("listing-format"));
        // Model options are checked here, before any input is opened: a typo is a usage error, not a run that ignores it.
        String allocator = cl.getOptionValue("allocator");
        if (allocator != null && io.fragscope.model.Allocators.byName(allocator).isEmpty()) {
            throw new UsageException("--allocator " + io.fragscope.source.KeyName.escapeControls(allocator) + ": not an allocator model; one of "
                    + String.join(", ", io.fragscope.model.Allocators.all().stream().map(io.fragscope.model.Allocator::name).toList()));
        }
        String version = cl.getOptionValue("redis-version");
        if (version != null) {
            try {
                io.fragscope.model.ServerVersion.parse(version);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--redis-version " + io.fragscope.source.KeyName.escapeControls(version)
                        + ": not a version such as 7.2, 8.6, valkey-9.0");
            }
        }
        String listingFormat = cl.getOptionValue("listing-format");
        if (listingFormat != null && io.fragscope.source.listing.ListingFormat.byName(listingFormat).isEmpty()) {
            throw new UsageException("--listing-format " + io.fragscope.source.KeyName.escapeControls(listingFormat) + ": not a listing format; one of "
                    + String.join(", ", java.util.Arrays.stream(io.fragscope.source.listing.ListingFormat.values()).map(f -> f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList()));
        }
        if (cl.hasOption("columns")) {
            try {
                io.fragscope.source.listing.ColumnMapping.parse(cl.getOptionValue("columns"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--columns: " + io.fragscope.source.KeyName.escapeControls(e.getMessage()));
            }
        }
        if (cl.hasOption("prefix-separators") && cl.getOptionValue("prefix-separators").isEmpty()) {
            throw new UsageException("--prefix-separators: give at least one character (default ':')");
        }
        List<Path> inputs = new ArrayList<>();
        for (String arg : positional) inputs.add(ArgPaths.resolve(arg));
        AnalysisRequest request = AnalysisRequest.of(inputs).withLimits(limits).withThresholds(FindingThresholds.DEFAULTS)
                .withModel(new AnalysisRequest.ModelOptions(cl.getOptionValue("allocator"), cl.getOptionValue("redis-version"), config))
                .withKeys(keys).withSince(cl.hasOption("since") ? duration(cl.getOptionValue("since")) : null)
                .withThreads((int) Math.min(64, longOpt(cl, "threads", AnalysisRequest.DEFAULT_THREADS)));

        // Fail before any work when the reports could not be written anyway.
        Path outDir;
        try {
            outDir = ArgPaths.resolve(cl.getOptionValue("out", "reports"));
        } catch (UsageException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        boolean csv = formats.contains(ReportFormat.CSV);
        boolean keysFile = csv || formats.contains(ReportFormat.XLSX);
        try (OutputFolder folder = OutputFolder.prepare(outDir)) {
            folder.lock();
            // POI spills streamed sheets into a folder the lock covers, so a killed run's spill is cleaned up too.
            org.apache.poi.util.TempFile.setTempFileCreationStrategy(
                    new org.apache.poi.util.DefaultTempFileCreationStrategy(folder.scratchDir().toFile()));
            AnalysisResult result = null;
            ReportContext ctx = null;
            // Without -f csv only the rows the workbook's Keys sheet shows are written (then discarded).
            try (KeysCsv keyRows = keysFile ? new KeysCsv(folder, csv, formats.contains(ReportFormat.XLSX) ? XlsxReport.MAX_KEY_ROWS : 0) : null) {
                io.fragscope.ProgressListener progress = TerminalProgress.forConsole(cl.hasOption("quiet"), err);
                result = new Analyzer(request).run(keyRows == null ? KeyListener.NONE : keyRows, progress);
                if (keyRows != null) keyRows.finish();
                // Before any report is written: a usage error or nothing usable leaves the last good report in place.
                for (FailOn f : failOn) {
                    try {
                        for (String note : f.validate(result)) line("fragscope analyze: " + note);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                if (result.dumps().isEmpty() && result.datasets().isEmpty()) {
                    report(result, List.of(), true);
                    line("fragscope analyze: no usable input among " + plural(result.inputs().size(), "input", "inputs")
                            + " (no INFO dump, RDB file or listing could be read); no report written");
                    return result.anyCrashed() ? Main.EXIT_CRASH : Main.EXIT_BAD_INPUT;
                }
                ctx = new ReportContext(result, messages, Main.version(), Instant.now(),
                        keyRows == null || keyRows.rows() == 0 ? null : keyRows.sample());
                java.util.function.Consumer<String> stage = progress instanceof TerminalProgress tp ? tp::stage : s -> { };
                List<Path> written = new java.util.ArrayList<>(Reports.full().write(folder, ctx, formats, stage));
                if (keyRows != null && csv && !result.datasets().isEmpty()) written.add(keyRows.stage());
                // Inputs spanning several shards (a folder per shard): the cluster roll-up, as the fleet job writes it.
                var rollup = io.fragscope.RunRollup.ofManyInstances(result, request.explicitInputs());
                if (rollup.isPresent()) {
                    stage.accept(io.fragscope.report.rollup.RollupJson.FILE);
                    written.addAll(io.fragscope.report.rollup.RollupReports.write(folder, rollup.get(), messages, formats.contains(ReportFormat.XLSX)));
                }
                folder.commitAll();
                Reports.removeStale(folder, written);
                io.fragscope.report.rollup.RollupReports.removeStale(folder.dir(), written);
                report(result, written, cl.hasOption("quiet"));
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
            } catch (IOException | java.io.UncheckedIOException e) {
                throw e;
            } catch (UsageException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                if (e instanceof IllegalArgumentException && result == null) throw e;
                return crashedWhileReporting(folder, result, ctx, messages, e, cl.hasOption("debug"));
            }
        }
    }

    /**
     * The analysis or the reports failed unexpectedly (out of memory, a bug): what was done still goes to
     * summary.json when there is a result, and the run ends with exit status 3 and one line.
     */
    private int crashedWhileReporting(OutputFolder folder, AnalysisResult result, ReportContext ctx, Messages messages,
                                      Throwable t, boolean debug) {
        String what = result == null ? "while analysing" : "while writing the reports";
        String saved = "";
        if (result != null) {
            try {
                ReportContext c = ctx != null ? ctx : new ReportContext(result, messages, Main.version(), Instant.now(), null);
                Path p = Reports.full().writeSummaryOnly(folder, new ReportContext(c.result(), c.messages(), c.toolVersion(),
                        c.generatedAt(), null));
                folder.commitAll();
                saved = "; " + p + " has what was done";
            } catch (Throwable again) {
                saved = "; summary.json could not be written either (" + Crash.describe(again) + ")";
            }
        }
        line("fragscope analyze: internal error " + what + ": " + Crash.describe(t) + saved);
        if (debug) t.printStackTrace(err);
        return Main.EXIT_CRASH;
    }

    private void report(AnalysisResult result, List<Path> written, boolean quiet) {
        for (InputReport r : result.inputs()) {
            if (r.status() == InputReport.Status.ERROR) line("fragscope analyze: " + r.message());
            else if (r.status() == InputReport.Status.PARTIAL) line("fragscope analyze: partial: " + r.message());
            else if (r.status() == InputReport.Status.CRASHED) line("fragscope analyze: internal error: " + r.message());
        }
        if (quiet) return;
        out.printf("fragscope: %s, %s of %s, %s; worst: %s%n", plural(result.inputs().size(), "input", "inputs"),
                plural(result.dumps().size(), "INFO dump", "INFO dumps"), plural(result.series().size(), "instance", "instances"),
                plural(result.datasets().size(), "key dataset", "key datasets"),
                result.worstSeverityNow() == null ? "none" : result.worstSeverityNow().id());
        for (Path p : written) out.println(io.fragscope.source.KeyName.escapeControls("  wrote " + p));
    }

    /** {@code 7d}, {@code 36h}, {@code 90m}, {@code 2w}, {@code 45s}, or ISO-8601 ({@code P7D}, {@code PT36H}). */
    static java.time.Duration duration(String s) throws UsageException {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(w|d|h|m|s)").matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                java.time.Duration d = switch (m.group(2)) {
                    case "w" -> java.time.Duration.ofDays(7 * n);
                    case "d" -> java.time.Duration.ofDays(n);
                    case "h" -> java.time.Duration.ofHours(n);
                    case "m" -> java.time.Duration.ofMinutes(n);
                    default -> java.time.Duration.ofSeconds(n);
                };
                if (!d.isZero()) return d;
            } else if (t.startsWith("p")) {
                java.time.Duration d = java.time.Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
                if (!d.isNegative() && !d.isZero()) return d;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // fall through to the usage error
        }
        throw new UsageException("--since takes a positive duration such as 7d, 36h, 90m or 2w, got '" + s + "'");
    }

    static String plural(long n, String one, String many) { return n + " " + (n == 1 ? one : many); }

    private static long longOpt(CommandLine cl, String name, long def) throws UsageException {
        if (!cl.hasOption(name)) return def;
        try {
            long v = Long.parseLong(cl.getOptionValue(name).trim());
            if (v <= 0) throw new UsageException("--" + name + " must be positive");
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, got '" + cl.getOptionValue(name) + "'");
        }
    }

    /** The option that raises a read limit, as the library's errors name it for this CLI. */
    static String flagOf(ReadLimits.Limit limit) {
        return switch (limit) {
            case LINE_BYTES -> "--max-line-bytes";
            case KEY_BYTES -> "--max-key-bytes";
            case ELEMENT_BYTES -> "--max-element-bytes";
            case NESTING -> ReadLimits.SETTINGS.name(limit); // no option: the library setting
        };
    }
}
