package io.fragscope.report;

/**
 * Initialises the report code (the tables' definitions, whose columns are some 200 lambdas, the JSON, Markdown,
 * Prometheus and memory-map writers, Jackson) on a daemon thread while a run starts, before the inputs are read.
 * The reports are written after the read, on one thread, and first loading that code was most of their time (on the
 * 4M-key benchmark file about 0.1 s of the 0.3 s between the read's end and the run's); while a run starts the second
 * core is idle. Class initialisation runs once whichever thread asks first; a thread that needs a class being
 * initialised waits for it, so the reports are the same whether the warm-up has ended, is running or failed; out of
 * memory, the failure the reports meet is the warm-up's ({@link Warmup#explain}).
 */
final class ReportWarmup {
    private ReportWarmup() {}

    /** Classes whose initialisation the reports wait for; none has a side effect beyond its own static fields. */
    private static final String[] CLASSES = {
            "io.fragscope.report.KeyTables", "io.fragscope.report.WhereTables", "io.fragscope.report.InfoTables",
            "io.fragscope.report.ReportTables", "io.fragscope.report.JsonSummary", "io.fragscope.report.DatasetJson",
            "io.fragscope.report.ReclaimPlanJson", "io.fragscope.report.MarkdownSummary", "io.fragscope.report.PromMetrics",
            "io.fragscope.report.PrefixMapHtml", "io.fragscope.report.table.JsonRenderer",
            "com.fasterxml.jackson.core.JsonFactory", "com.fasterxml.jackson.core.json.UTF8JsonGenerator",
            "com.fasterxml.jackson.core.util.DefaultPrettyPrinter",
    };

    /** Starts the warm-up; it ends on its own and writes nothing; {@link Warmup} keeps the VM error it met. */
    static Warmup start() {
        return Warmup.start("report warm-up", ReportWarmup::run);
    }

    private static void run() {
        ClassLoader loader = ReportWarmup.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // Only a warm-up: the report that needs the class meets (and reports) any real failure itself.
                // An out-of-memory error is not caught here: it ends the warm-up, and Warmup keeps it.
            }
        }
    }
}
