package io.fragscope.cli;

import io.fragscope.AnalysisRequest;
import io.fragscope.analysis.info.FindingThresholds;
import io.fragscope.report.Messages;
import io.fragscope.report.ReportFormat;
import io.fragscope.report.XlsxReport;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.Setting;
import io.fragscope.source.SettingException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code analyze}: their definitions and help, and their parsing into the library's request, the
 * report formats and language, the {@code --fail-on} conditions and the output folder. Every value is checked here,
 * so a typo is a usage error before any input is opened.
 */
record AnalyzeOptions(AnalysisRequest request, Set<ReportFormat> formats, Messages messages, List<FailOn> failOn, Path outDir,
                      int keysSheetRows, boolean quiet, boolean debug) {

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR").desc("report folder (default: reports)").build());
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FMT")
                .desc("xlsx, csv, json; several allowed, comma-separated or repeated (default: xlsx). summary.json, summary.md and fragscope.prom are always written").build());
        o.addOption(Option.builder().longOpt("lang").hasArg().argName("LANG").desc("report language: en (default) or zh").build());
        o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("COND")
                .desc("exit 1 when COND holds for the latest dump of any instance: FIELD>NUMBER (e.g. 'mem_fragmentation_ratio>1.5', "
                        + "'used_memory>10gb'), a finding code (e.g. high-fragmentation) or a severity (warning, critical); repeatable").build());
        o.addOption(Option.builder().longOpt("since").hasArg().argName("DURATION")
                .desc("retention window for INFO series: leave out dumps captured more than DURATION before their instance's newest one "
                        + "(e.g. 7d, 36h, 90m, 2w; default: all)").build());
        o.addOption(Option.builder().longOpt("allocator").hasArg().argName("NAME")
                .desc("allocator model: jemalloc, jemalloc-q16, jemalloc-3.6, libc, libc-prefix, tcmalloc (default: inferred from INFO, else jemalloc)").build());
        o.addOption(Option.builder().longOpt("redis-version").hasArg().argName("VER").desc("server layout to model, e.g. 7.0, 8.6, valkey-9.0 (default: from the input)").build());
        o.addOption(Option.builder().longOpt("config").hasArg().argName("NAME=VALUE")
                .desc("an encoding threshold as the server had it, e.g. hash-max-listpack-entries=1024; repeatable").build());
        o.addOption(Option.builder().longOpt("prefix-separators").hasArg().argName("CHARS").desc("key prefix separators (default ':')").build());
        o.addOption(Option.builder().longOpt("prefix-depth").hasArg().argName("N").desc("key prefix depth (default 2)").build());
        o.addOption(Option.builder().longOpt("top").hasArg().argName("N")
                .desc("keys listed in the top tables (default 100, at most " + AnalysisRequest.KeyOptions.MAX_TOP_N + ")").build());
        o.addOption(Option.builder().longOpt("keys-sheet-rows").hasArg().argName("N")
                .desc("keys on the workbook's Keys sheet, the first read (default " + XlsxReport.DEFAULT_KEY_ROWS + ", at most "
                        + XlsxReport.MAX_KEY_ROWS + "; keys.csv, with -f csv, has every key)").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("1: read, price and aggregate RDB files on one thread; 2 (default): read and price on a second thread; same results").build());
        o.addOption(Option.builder().longOpt("columns").hasArg().argName("MAP")
                .desc("column mapping for other listings, e.g. key=name,size=bytes,type=kind").build());
        o.addOption(Option.builder().longOpt("listing-format").hasArg().argName("NAME")
                .desc("listing format when detection is not enough: rdb-tools, rdb-cli, hdt3213, keys-csv, generic").build());
        o.addOption(Option.builder().longOpt("max-line-bytes").hasArg().argName("N").desc("longest text line accepted (default 1 MiB)").build());
        o.addOption(Option.builder().longOpt("max-key-bytes").hasArg().argName("N").desc("longest key name accepted (default 512 MiB)").build());
        o.addOption(Option.builder().longOpt("max-element-bytes").hasArg().argName("N").desc("longest value or element accepted (default 4 GiB)").build());
        o.addOption(Option.builder().longOpt("sanitize-payload")
                .desc("check every listpack, ziplist and intset of an RDB entry by entry, as redis-check-rdb and "
                        + "sanitize-dump-payload yes do, and name the key of a damaged one (slower; by default one whose "
                        + "entries no figure needs is checked by its header, as a loading server does, and the CRC64 "
                        + "covers its bytes)").build());
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
                        + "(the report still covers the readable inputs; with no usable input at all, none is written), "
                        + "3 an unexpected failure (summary.json still says what was done).\n", false);
        w.flush();
    }

    /** Every option checked and typed, before any input is opened. */
    static AnalyzeOptions parse(CommandLine cl) throws UsageException {
        List<String> positional = cl.getArgList();
        if (positional.isEmpty()) throw new UsageException("no INPUT given");
        onceEach(cl);
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
                longOpt(cl, "max-element-bytes", d.maxElementBytes()), d.maxNesting()).namedBy(AnalyzeOptions::flagOf)
                .sanitizingBlobs(cl.hasOption("sanitize-payload"));
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
        long top = longOpt(cl, "top", kd.topN()), depth = longOpt(cl, "prefix-depth", kd.prefixDepth());
        if (top > AnalysisRequest.KeyOptions.MAX_TOP_N) {
            throw new UsageException("--top lists at most " + AnalysisRequest.KeyOptions.MAX_TOP_N + " keys, got " + top
                    + " (keys.csv, with -f csv, has every key)");
        }
        long keysSheetRows = longOpt(cl, "keys-sheet-rows", XlsxReport.DEFAULT_KEY_ROWS);
        if (keysSheetRows > XlsxReport.MAX_KEY_ROWS) {
            throw new UsageException("--keys-sheet-rows shows at most " + XlsxReport.MAX_KEY_ROWS + " keys, got " + keysSheetRows
                    + " (keys.csv, with -f csv, has every key)");
        }
        if (depth > MAX_PREFIX_DEPTH) throw new UsageException("--prefix-depth goes to " + MAX_PREFIX_DEPTH + " at most, got " + depth);
        AnalysisRequest.KeyOptions keys = new AnalysisRequest.KeyOptions(cl.getOptionValue("prefix-separators", kd.prefixSeparators()),
                (int) depth, (int) top, kd.maxPrefixes(), cl.getOptionValue("columns"), cl.getOptionValue("listing-format"));
        // Model options are checked here, before any input is opened: a typo is a usage error, not a run that ignores it.
        try {
            AnalysisRequest.ModelOptions.check(cl.getOptionValue("allocator"), cl.getOptionValue("redis-version"));
            io.fragscope.model.EncodingThresholds.DEFAULTS.withOverrides(config);
        } catch (SettingException e) {
            throw new UsageException(e.message(AnalyzeOptions::flagOf));
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
                .withThreads(threads(cl)).withNaming(AnalyzeOptions::flagOf);

        Path outDir;
        try {
            outDir = ArgPaths.resolve(cl.getOptionValue("out", "reports"));
        } catch (UsageException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        return new AnalyzeOptions(request, formats, messages, failOn, outDir, (int) keysSheetRows, cl.hasOption("quiet"), cl.hasOption("debug"));
    }

    /** Deeper prefixes than this are key names, not prefixes. */
    static final int MAX_PREFIX_DEPTH = 16;

    /** The options a run takes several of; any other given twice is refused rather than one value silently winning. */
    private static final Set<String> REPEATABLE = Set.of("format", "fail-on", "config");

    private static void onceEach(CommandLine cl) throws UsageException {
        Map<String, List<String>> given = new java.util.LinkedHashMap<>();
        for (Option o : cl.getOptions()) {
            if (!o.hasArg()) continue; // a flag given twice means what it means once
            String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
            given.computeIfAbsent(name, k -> new ArrayList<>()).add(o.getValue());
        }
        for (Map.Entry<String, List<String>> e : given.entrySet()) {
            if (e.getValue().size() > 1 && !REPEATABLE.contains(e.getKey())) {
                throw new UsageException("--" + e.getKey() + " given " + e.getValue().size() + " times ("
                        + String.join(", ", e.getValue().stream().map(v -> "'" + io.fragscope.source.KeyName.escapeControls(v) + "'").toList())
                        + "): give it once");
            }
        }
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

    /** --threads: 1 or 2, the two ways an RDB file is read; more would promise a parallelism there is not. */
    private static int threads(CommandLine cl) throws UsageException {
        long n = longOpt(cl, "threads", AnalysisRequest.DEFAULT_THREADS);
        if (n > 2) throw new UsageException("--threads takes 1 or 2, got " + n);
        return (int) n;
    }

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

    /** The option that sets a library setting, as the library's messages name it for this CLI. */
    static String flagOf(Setting setting) {
        return switch (setting) {
            case ALLOCATOR -> "--allocator";
            case REDIS_VERSION -> "--redis-version";
            case CONFIG -> "--config";
            case SINCE -> "--since";
            case LISTING_FORMAT -> "--listing-format";
            case LISTING_COLUMNS -> "--columns";
            case PREFIX_SEPARATORS -> "--prefix-separators";
            case PREFIX_DEPTH -> "--prefix-depth";
            case TOP_N -> "--top";
            case SANITIZE_BLOBS -> "--sanitize-payload";
        };
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
