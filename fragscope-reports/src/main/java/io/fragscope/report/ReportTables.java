package io.fragscope.report;

import io.fragscope.AnalysisResult;
import io.fragscope.report.table.Table;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every table a run reports, in the order its files are written, each with where its rows come from and when it is
 * written at all (the key tables only with RDB files or listings, the "where" tables only with an RDB file). A
 * file-per-table format ({@link TableFiles}: CSV, and Parquet when it comes) writes each of these.
 *
 * <p>A new table: define it once (a {@code static final Table<Row>} built with {@link Table#builder}, a message key
 * per column in both bundles), add it here, and add it to the JSON document and a workbook sheet where it belongs
 * ({@link io.fragscope.report.table.JsonRenderer}, {@link XlsxRenderer} render any definition).
 */
public final class ReportTables {
    private ReportTables() {}

    /** A table with its rows for one run and the condition under which the run reports it. */
    public record Bound<R>(Table<R> table, Function<ReportContext, Iterable<? extends R>> rows, Predicate<AnalysisResult> present) {}

    private static final Predicate<AnalysisResult> ALWAYS = r -> true;
    private static final Predicate<AnalysisResult> KEYS = r -> !r.datasets().isEmpty();
    private static final Predicate<AnalysisResult> PROFILED = r -> r.datasets().stream().anyMatch(d -> d.profile() != null);

    public static final List<Bound<?>> ALL = List.of(
            new Bound<>(InfoTables.DUMPS, c -> c.result().dumps(), ALWAYS),
            new Bound<>(InfoTables.FINDINGS, c -> InfoTables.findings(c.result(), c.messages()), ALWAYS),
            new Bound<>(InfoTables.TIMELINE, c -> InfoTables.timeline(c.result()), ALWAYS),
            new Bound<>(InfoTables.FIELDS, c -> InfoTables.fields(c.result()), ALWAYS),
            new Bound<>(InfoTables.INPUTS, c -> c.result().inputs(), ALWAYS),
            new Bound<>(KeyTables.DATASETS, c -> KeyTables.datasets(c.result()), KEYS),
            new Bound<>(KeyTables.BY_TYPE, c -> KeyTables.all(c.result(), KeyTables::byType), KEYS),
            new Bound<>(KeyTables.BY_ENCODING, c -> KeyTables.all(c.result(), KeyTables::byEncoding), KEYS),
            new Bound<>(KeyTables.BY_DB, c -> KeyTables.all(c.result(), KeyTables::byDb), KEYS),
            new Bound<>(KeyTables.BY_PREFIX, c -> KeyTables.all(c.result(), KeyTables::byPrefix), KEYS),
            new Bound<>(KeyTables.SIZE_CLASSES, c -> KeyTables.all(c.result(), KeyTables::sizeClasses), KEYS),
            new Bound<>(KeyTables.ALLOCATORS, c -> KeyTables.all(c.result(), KeyTables::allocators), KEYS),
            new Bound<>(KeyTables.TOP_KEYS, c -> KeyTables.all(c.result(), KeyTables::topKeys), KEYS),
            new Bound<>(KeyTables.PREFIX_GROWTH, c -> c.result().growth(), r -> !r.growth().isEmpty()),
            new Bound<>(WhereTables.RECLAIM_PLAN, c -> WhereTables.plan(c.result(), c.messages()), r -> !r.plans().isEmpty()),
            new Bound<>(WhereTables.SLOTS, c -> KeyTables.all(c.result(), WhereTables::slots), PROFILED),
            new Bound<>(WhereTables.HASH_TAGS, c -> KeyTables.all(c.result(), WhereTables::hashTags), PROFILED),
            new Bound<>(WhereTables.TYPE_PERCENTILES, c -> KeyTables.all(c.result(), WhereTables::types), PROFILED),
            new Bound<>(WhereTables.TOP_KEY_ELEMENTS, c -> KeyTables.all(c.result(), WhereTables::topKeys), PROFILED),
            new Bound<>(WhereTables.SHARDS, c -> WhereTables.profiled(c.result()), PROFILED));
}
