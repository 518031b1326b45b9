package io.fragscope.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code fragscope analyze [OPTIONS] INPUT...}. Exit status: 0 done, 1 a --fail-on condition held,
 * 2 bad usage or an unreadable input (the report still covers the readable ones), 3 an unexpected failure
 * (out of memory, a bug; summary.json still says what was done). Never 1 for anything but --fail-on.
 */
public final class Main {
    public static final int EXIT_OK = 0, EXIT_FAIL_ON = 1, EXIT_BAD_INPUT = 2, EXIT_CRASH = 3;

    private Main() {}

    public static void main(String[] args) {
        // POI logs through log4j-api; without a provider it complains on stderr. Its simple logger at
        // ERROR is enough for a batch tool and keeps the jar free of a logging backend.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
        // A failure on another thread is told in one line, not a stack trace; the run then ends with 3, never 1.
        Thread.setDefaultUncaughtExceptionHandler((th, t) -> System.err.println("fragscope: internal error in " + th.getName() + ": "
                + io.fragscope.Crash.describe(t)));
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (Throwable t) {
            System.err.println("fragscope: internal error: " + io.fragscope.Crash.describe(t));
            status = EXIT_CRASH;
        }
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            AnalyzeOptions.printHelp(out);
            return args.length == 0 ? EXIT_BAD_INPUT : EXIT_OK;
        }
        if (args[0].equals("-V") || args[0].equals("--version")) {
            out.println("fragscope " + version());
            return EXIT_OK;
        }
        if (!args[0].equals("analyze")) {
            err.println("fragscope: unknown command '" + args[0] + "' (try: fragscope analyze --help)");
            return EXIT_BAD_INPUT;
        }
        return new AnalyzeCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length));
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
