package io.fragscope.report;

import io.fragscope.AnalysisResult;
import io.fragscope.Dataset;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.dataset.DatasetGrowth;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.GroupTable;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.report.table.Column;
import io.fragscope.report.table.Label;
import io.fragscope.report.table.Scale;
import io.fragscope.report.table.Table;
import io.fragscope.report.table.Unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The tables of the key datasets (RDB files and listings), each defined once and rendered as CSV
 * ({@code datasets.csv}, {@code by-type.csv} ...), in summary.json (each dataset's entry and its nested tables) and
 * as workbook sheets. Byte columns are whole bytes ({@link Unit#BYTES}); the workbook shows them in MiB (KiB for size
 * classes, bytes for single keys).
 */
public final class KeyTables {
    private KeyTables() {}

    /** The totals of a group of keys, shared by the datasets table and every group table (built as a table, used as its columns). */
    static final List<Column<Totals>> TOTALS = Table.<Totals>builder("totals", "sheet.datasets")
            .col("keys", "col.keys", Unit.COUNT, Totals::keys)
            .col("requested_bytes", "col.requested", Unit.BYTES, Totals::requestedBytes)
            .col("allocated_bytes", "col.allocated", Unit.BYTES, Totals::allocatedBytes)
            .col("rounding_waste_bytes", "col.rounding_waste", Unit.BYTES, Totals::roundingWasteBytes)
            .col("prefix_overhead_bytes", "col.prefix_overhead", Unit.BYTES, Totals::prefixOverheadBytes)
            .col("memory_usage_bytes", "col.memory_usage", Unit.BYTES, Totals::memoryUsageBytes)
            .col("keys_without_ttl", "col.no_ttl", Unit.COUNT, Totals::keysWithoutTtlIfKnown)
            .col("allocated_over_requested", "col.alloc_ratio", Unit.RATIO, Totals::allocatedOverRequested)
            .col("waste_share", "col.waste_share", Unit.PERCENT, Totals::wasteShare)
            .build().columns();

    /** A dataset and its number in the run ({@code dataset} column, which keys.csv refers to). */
    public record DatasetRow(int number, Dataset dataset) {
        DatasetSummary summary() { return dataset.summary(); }

        DatasetSummary.Reconciliation rec() { return dataset.summary().reconciliation(); }
    }

    public static final Table<DatasetRow> DATASETS = Table.<DatasetRow>builder("datasets", "sheet.datasets")
            .col("dataset", "col.dataset", Unit.COUNT, DatasetRow::number)
            .col("source", "col.source", Unit.TEXT, r -> io.fragscope.source.FileNames.text(r.dataset().source()))   // the whole path: it names the dataset
            .col("kind", "col.kind", Unit.TEXT, r -> r.dataset().kind().id())
            .col("format", "col.format", Unit.PHRASE, r -> r.summary().format())
            .col("redis_version", "col.redis_version", Unit.TEXT, r -> r.summary().redisVersion())
            .col("allocator", "col.allocator", Unit.TEXT, r -> r.summary().allocator())
            .col("complete", "col.complete", Unit.BOOLEAN, r -> r.summary().complete())
            .cols(TOTALS, r -> r.summary().keys().totals())
            .col("estimated_used_memory", "col.estimated_used_memory", Unit.BYTES, r -> r.summary().estimatedUsedMemory())
            .col("writer_used_memory", "col.writer_used_memory", Unit.BYTES, r -> r.summary().writerUsedMemory())
            .col("info_used_memory", "col.info_used_memory", Unit.BYTES, r -> r.rec() == null ? null : r.rec().usedMemory())
            .col("info_used_memory_dataset", "col.info_used_memory_dataset", Unit.BYTES,
                    r -> r.rec() == null ? null : r.rec().usedMemoryDataset())
            // Blank before Redis 4.0: then unexplained_bytes was not reduced by startup memory and includes it.
            .col("info_used_memory_startup", "col.info_used_memory_startup", Unit.BYTES,
                    r -> r.rec() == null ? null : r.rec().usedMemoryStartup())
            .col("unexplained_bytes", "col.unexplained", Unit.SIGNED_BYTES, r -> r.rec() == null ? null : r.rec().unexplained())
            .col("note", "col.note", Unit.TEXT, r -> r.summary().note())
            .col("model_reason", "col.model_reason", Unit.PHRASE, r -> r.summary().modelReason())
            .build();

    /** One group of keys of one dataset: a type, an encoding, a db, a prefix, or what the capped table folded. */
    public record GroupRow(Dataset dataset, Object name, Totals totals) {}

    public static final Table<GroupRow> BY_TYPE = group("by_type", "sheet.by_type", "type", "col.type");
    public static final Table<GroupRow> BY_ENCODING = group("by_encoding", "sheet.by_encoding", "type_encoding", "col.type_encoding");
    public static final Table<GroupRow> BY_DB = group("by_db", "sheet.by_db", "db", "col.db");
    public static final Table<GroupRow> BY_PREFIX = group("by_prefix", "sheet.by_prefix", "prefix", "col.prefix");

    private static Table<GroupRow> group(String id, String title, String nameId, String nameHeader) {
        return Table.<GroupRow>builder(id, title)
                .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
                .col(nameId, nameHeader, Unit.TEXT, GroupRow::name)
                .cols(TOTALS, GroupRow::totals)
                .build();
    }

    public static List<GroupRow> byType(Dataset d) { return groups(d, d.summary().keys().byType(), io.fragscope.model.KeyType::redisName); }

    public static List<GroupRow> byEncoding(Dataset d) { return groups(d, d.summary().keys().byEncoding(), String::valueOf); }

    public static List<GroupRow> byDb(Dataset d) { return groups(d, d.summary().keys().byDb(), String::valueOf); }

    /** Prefixes heaviest first, then the keys without a prefix, then what the capped table folded. */
    public static List<GroupRow> byPrefix(Dataset d) {
        KeySummary k = d.summary().keys();
        List<GroupRow> rows = new ArrayList<>();
        for (Group<io.fragscope.source.KeyName> g : k.byPrefix().groups()) rows.add(new GroupRow(d, g.key().escaped(), g.totals()));
        if (k.withoutPrefix().keys() > 0) rows.add(new GroupRow(d, new Label("(no prefix)", "prefix.none"), k.withoutPrefix()));
        if (k.byPrefix().other().keys() > 0) {
            rows.add(new GroupRow(d, new Label("(other)", "prefix.other", k.byPrefix().foldedGroupsEstimate()), k.byPrefix().other()));
        }
        return rows;
    }

    private static <K> List<GroupRow> groups(Dataset d, GroupTable<K> t, Function<K, String> name) {
        List<GroupRow> rows = new ArrayList<>();
        for (Group<K> g : t.groups()) rows.add(new GroupRow(d, name.apply(g.key()), g.totals()));
        if (t.other().keys() > 0) rows.add(new GroupRow(d, "(other)", t.other()));
        return rows;
    }

    public record SizeClassRow(Dataset dataset, String allocator, SizeClassHistogram.Bin bin) {}

    public static final Table<SizeClassRow> SIZE_CLASSES = Table.<SizeClassRow>builder("size_classes", "sheet.size_classes").scale(Scale.KIB)
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("allocator", "col.allocator", Unit.TEXT, SizeClassRow::allocator)
            .col("size_class_bytes", "col.size_class", Unit.SIZE, r -> r.bin().sizeClassBytes())
            .col("allocations", "col.allocations", Unit.COUNT, r -> r.bin().allocations())
            .col("requested_bytes", "col.requested", Unit.BYTES, r -> r.bin().requestedBytes())
            .col("allocated_bytes", "col.allocated", Unit.BYTES, r -> r.bin().allocatedBytes())
            .col("waste_bytes", "col.rounding_waste", Unit.BYTES, r -> r.bin().wasteBytes())
            .col("waste_share", "col.waste_share", Unit.PERCENT,
                    r -> r.bin().allocatedBytes() == 0 ? Double.NaN : (double) r.bin().wasteBytes() / r.bin().allocatedBytes())
            .build();

    public static List<SizeClassRow> sizeClasses(Dataset d) {
        SizeClassHistogram h = d.summary().keys().sizeClasses();
        return h.bins().stream().map(b -> new SizeClassRow(d, h.allocatorName(), b)).toList();
    }

    /** The allocator what-if of one dataset, with the change against the allocator it was priced with. */
    public record AllocatorRow(Dataset dataset, DatasetSummary.AllocatorTotals totals) {
        Double vsCurrent() {
            long current = dataset.summary().estimatedUsedMemory();
            long est = totals.estimatedUsedMemory();
            return current > 0 && est > 0 ? (double) (est - current) / current : null;
        }
    }

    public static final Table<AllocatorRow> ALLOCATORS = Table.<AllocatorRow>builder("allocators", "sheet.allocators")
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("allocator", "col.allocator", Unit.TEXT, r -> r.totals().allocator())
            .col("requested_bytes", "col.requested", Unit.BYTES, r -> r.totals().requestedBytes())
            .col("allocated_bytes", "col.allocated", Unit.BYTES, r -> r.totals().allocatedBytes())
            .col("rounding_waste_bytes", "col.rounding_waste", Unit.BYTES, r -> r.totals().roundingWasteBytes())
            .col("prefix_overhead_bytes", "col.prefix_overhead", Unit.BYTES, r -> r.totals().prefixOverheadBytes())
            .col("estimated_used_memory", "col.estimated_used_memory", Unit.BYTES, r -> r.totals().estimatedUsedMemory())
            .col("vs_current", "col.vs_current", Unit.PERCENT, AllocatorRow::vsCurrent)
            .build();

    public static List<AllocatorRow> allocators(Dataset d) {
        return d.summary().whatIf().stream().map(a -> new AllocatorRow(d, a)).toList();
    }

    /** A key of a dataset's top lists: by allocated bytes ({@code size}) or by rounding waste ({@code waste}). */
    public record TopKeyRow(Dataset dataset, Label ranking, KeyCost cost) {}

    public static final Table<TopKeyRow> TOP_KEYS = Table.<TopKeyRow>builder("top_keys", "sheet.top_keys").scale(Scale.B)
            .context("source", "col.source", Unit.FILE, r -> r.dataset().source())
            .col("ranking", "col.ranking", Unit.TEXT, TopKeyRow::ranking)
            .col("db", "col.db", Unit.COUNT, r -> r.cost().db())
            .col("key", "col.key", Unit.TEXT, r -> r.cost().key().escaped())
            .col("type", "col.type", Unit.TEXT, r -> r.cost().type().redisName())
            .col("encoding", "col.encoding", Unit.TEXT, r -> r.cost().encoding().redisName())
            .col("elements", "col.elements", Unit.COUNT, r -> r.cost().elements())
            .col("requested_bytes", "col.requested", Unit.BYTES, r -> r.cost().requestedBytes())
            .col("allocated_bytes", "col.allocated", Unit.BYTES, r -> r.cost().allocatedBytes())
            .col("rounding_waste_bytes", "col.rounding_waste", Unit.BYTES, r -> r.cost().roundingWasteBytes())
            .col("prefix_overhead_bytes", "col.prefix_overhead", Unit.BYTES, r -> r.cost().prefixOverheadBytes())
            .col("memory_usage_bytes", "col.memory_usage", Unit.BYTES, r -> r.cost().memoryUsageBytes())
            .col("expire_at", "col.ttl", Unit.TIMESTAMP, r -> r.cost().ttlMs() < 0 ? null : Instant.ofEpochMilli(r.cost().ttlMs()))
            .col("exactness", "col.exactness", Unit.TEXT, r -> exactness(r.cost()))
            .build();

    static Label exactness(KeyCost c) {
        String e = c.exactness().name().toLowerCase(Locale.ROOT);
        return new Label(e, "exactness." + e);
    }

    public static List<TopKeyRow> topKeys(Dataset d) {
        List<TopKeyRow> rows = new ArrayList<>();
        for (KeyCost c : d.summary().keys().topByAllocated()) rows.add(new TopKeyRow(d, new Label("size", "ranking.size"), c));
        for (KeyCost c : d.summary().keys().topByWaste()) rows.add(new TopKeyRow(d, new Label("waste", "ranking.waste"), c));
        return rows;
    }

    public static final Table<DatasetGrowth.PrefixGrowth> PREFIX_GROWTH = Table.<DatasetGrowth.PrefixGrowth>builder("prefix_growth", "sheet.growth")
            .col("series", "col.instance", Unit.TEXT, DatasetGrowth.PrefixGrowth::series)
            .col("prefix", "col.prefix", Unit.TEXT, g -> g.prefix().escaped())
            .col("from", "col.from", Unit.FILE, DatasetGrowth.PrefixGrowth::from)
            .col("to", "col.to", Unit.FILE, DatasetGrowth.PrefixGrowth::to)
            .col("keys_before", "col.keys_before", Unit.COUNT, DatasetGrowth.PrefixGrowth::keysBefore)
            .col("keys_after", "col.keys_after", Unit.COUNT, DatasetGrowth.PrefixGrowth::keysAfter)
            .col("bytes_before", "col.bytes_before", Unit.BYTES, DatasetGrowth.PrefixGrowth::bytesBefore)
            .col("bytes_after", "col.bytes_after", Unit.BYTES, DatasetGrowth.PrefixGrowth::bytesAfter)
            .col("growth_bytes", "col.growth", Unit.SIGNED_BYTES, DatasetGrowth.PrefixGrowth::growthBytes)
            .build();

    /** Every dataset with its number: its own id when it has one, else its place in the run (from 1). */
    /** One row per dataset, numbered, made as it is read (as {@link #all}). */
    public static Iterable<DatasetRow> datasets(AnalysisResult r) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Dataset> ds = r.datasets().iterator();
            private int n;

            @Override public boolean hasNext() { return ds.hasNext(); }

            @Override public DatasetRow next() {
                Dataset d = ds.next();
                n++;
                return new DatasetRow(d.id() > 0 ? d.id() : n, d);
            }
        };
    }

    /**
     * The rows of a per-dataset table over every dataset, in order, made dataset by dataset as they are read (each
     * iteration anew): a run over a thousand key files never holds every file's rows at once (a dataset's slots alone
     * are up to 16,384 rows), nor, through them, every dataset ({@link io.fragscope.AnalysisResult#datasets()} may keep
     * most of them on disk).
     */
    public static <R> Iterable<R> all(AnalysisResult r, Function<Dataset, List<R>> rows) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Dataset> ds = r.datasets().iterator();
            private java.util.Iterator<R> current = java.util.Collections.emptyIterator();

            @Override public boolean hasNext() {
                while (!current.hasNext() && ds.hasNext()) current = rows.apply(ds.next()).iterator();
                return current.hasNext();
            }

            @Override public R next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return current.next();
            }
        };
    }
}
