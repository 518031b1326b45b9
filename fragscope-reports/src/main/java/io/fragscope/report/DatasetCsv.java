package io.fragscope.report;

import io.fragscope.Dataset;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.GroupTable;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.analysis.keys.TypeEncoding;
import io.fragscope.source.KeyName;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** CSV tables of the key datasets: datasets, by-type, by-encoding, by-prefix, size classes, allocators. */
public final class DatasetCsv implements Reports.CsvSection {

    static final String[] TOTALS = {"keys", "requested_bytes", "allocated_bytes", "rounding_waste_bytes", "prefix_overhead_bytes",
            "memory_usage_bytes", "keys_without_ttl", "allocated_over_requested"};

    @Override
    public List<java.nio.file.Path> write(OutputFolder out, ReportContext ctx) throws IOException {
        List<java.nio.file.Path> w = new java.util.ArrayList<>();
        if (ctx.result().datasets().isEmpty()) return w;
        w.add(out.write("datasets.csv", o -> datasets(o, ctx)));
        w.add(out.write("by-type.csv", o -> groups(o, ctx, "type", s -> table(s.byType(), String::valueOf))));
        w.add(out.write("by-encoding.csv", o -> groups(o, ctx, "type_encoding", s -> table(s.byEncoding(), TypeEncoding::toString))));
        w.add(out.write("by-db.csv", o -> groups(o, ctx, "db", s -> table(s.byDb(), String::valueOf))));
        w.add(out.write("by-prefix.csv", o -> groups(o, ctx, "prefix", s -> table(s.byPrefix(), KeyName::escaped))));
        w.add(out.write("size-classes.csv", o -> sizeClasses(o, ctx)));
        w.add(out.write("allocators.csv", o -> allocators(o, ctx)));
        if (!ctx.result().growth().isEmpty()) w.add(out.write("prefix-growth.csv", o -> growth(o, ctx)));
        return w;
    }

    static void growth(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "series", "prefix", "from", "to", "keys_before", "keys_after", "bytes_before",
                "bytes_after", "growth_bytes")) {
            for (var g : ctx.result().growth()) {
                p.printRecord(CsvTables.text(g.series()), CsvTables.text(g.prefix().escaped()), CsvTables.text(g.from().toString()),
                        CsvTables.text(g.to().toString()), g.keysBefore(), g.keysAfter(), g.bytesBefore(), g.bytesAfter(), g.growthBytes());
            }
        }
    }

    static void datasets(OutputStream o, ReportContext ctx) throws IOException {
        List<String> h = new ArrayList<>(List.of("dataset", "source", "kind", "format", "redis_version", "allocator", "complete"));
        h.addAll(List.of(TOTALS));
        h.addAll(List.of("estimated_used_memory", "writer_used_memory", "info_used_memory", "info_used_memory_dataset", "unexplained_bytes", "note"));
        try (CSVPrinter p = CsvTables.printer(o, h.toArray(String[]::new))) {
            int n = 0;
            for (Dataset d : ctx.result().datasets()) {
                DatasetSummary s = d.summary();
                n++;
                List<Object> row = new ArrayList<>(List.of(d.id() > 0 ? d.id() : n, CsvTables.text(d.source().toString()), d.kind().id(), CsvTables.text(s.format()),
                        CsvTables.text(s.redisVersion()), CsvTables.text(s.allocator()), s.complete()));
                row.addAll(totals(s.keys().totals()));
                DatasetSummary.Reconciliation r = s.reconciliation();
                row.addAll(List.of(CsvTables.num(s.estimatedUsedMemory()), CsvTables.num(s.writerUsedMemory()),
                        r == null ? "" : r.usedMemory(), r == null ? "" : CsvTables.num(r.usedMemoryDataset()),
                        r == null ? "" : r.unexplained(), CsvTables.text(s.note())));
                p.printRecord(row);
            }
        }
    }

    interface TableOf {
        List<Object[]> rows(KeySummary s);
    }

    static <K> List<Object[]> table(GroupTable<K> t, java.util.function.Function<K, String> name) {
        List<Object[]> out = new ArrayList<>();
        for (Group<K> g : t.groups()) out.add(new Object[] {name.apply(g.key()), g.totals()});
        if (t.other().keys() > 0) out.add(new Object[] {"(other)", t.other()});
        return out;
    }

    static void groups(OutputStream o, ReportContext ctx, String keyColumn, TableOf table) throws IOException {
        List<String> h = new ArrayList<>(List.of("source", keyColumn));
        h.addAll(List.of(TOTALS));
        try (CSVPrinter p = CsvTables.printer(o, h.toArray(String[]::new))) {
            for (Dataset d : ctx.result().datasets()) {
                for (Object[] r : table.rows(d.summary().keys())) {
                    List<Object> row = new ArrayList<>(List.of(CsvTables.text(d.source().toString()), CsvTables.text((String) r[0])));
                    row.addAll(totals((Totals) r[1]));
                    p.printRecord(row);
                }
            }
        }
    }

    static List<Object> totals(Totals t) {
        return List.of(t.keys(), t.requestedBytes(), t.allocatedBytes(), t.roundingWasteBytes(), t.prefixOverheadBytes(),
                t.memoryUsageBytes(), t.keysWithoutTtl(), CsvTables.ratio(t.allocatedOverRequested()));
    }

    static void sizeClasses(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "allocator", "size_class_bytes", "allocations", "requested_bytes",
                "allocated_bytes", "waste_bytes")) {
            for (Dataset d : ctx.result().datasets()) {
                SizeClassHistogram h = d.summary().keys().sizeClasses();
                for (SizeClassHistogram.Bin b : h.bins()) {
                    p.printRecord(CsvTables.text(d.source().toString()), CsvTables.text(h.allocatorName()), b.sizeClassBytes(), b.allocations(),
                            b.requestedBytes(), b.allocatedBytes(), b.wasteBytes());
                }
            }
        }
    }

    static void allocators(OutputStream o, ReportContext ctx) throws IOException {
        try (CSVPrinter p = CsvTables.printer(o, "source", "allocator", "requested_bytes", "allocated_bytes", "rounding_waste_bytes",
                "prefix_overhead_bytes", "estimated_used_memory")) {
            for (Dataset d : ctx.result().datasets()) {
                for (DatasetSummary.AllocatorTotals a : d.summary().whatIf()) {
                    p.printRecord(CsvTables.text(d.source().toString()), CsvTables.text(a.allocator()), a.requestedBytes(), a.allocatedBytes(),
                            a.roundingWasteBytes(), a.prefixOverheadBytes(), CsvTables.num(a.estimatedUsedMemory()));
                }
            }
        }
    }
}
