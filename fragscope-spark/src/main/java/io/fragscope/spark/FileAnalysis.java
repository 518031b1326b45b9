package io.fragscope.spark;

import io.fragscope.AnalysisRequest;
import io.fragscope.Dataset;
import io.fragscope.InputAnalyzer;
import io.fragscope.InputReport;
import io.fragscope.InputResult;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.info.CaptureTime;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.InfoAnalyzer;
import io.fragscope.analysis.info.Series;
import io.fragscope.analysis.dataset.InfoMatch;
import io.fragscope.analysis.dataset.RdbDatasets;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.GroupTable;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.analysis.reclaim.ReclaimPlanner;
import io.fragscope.analysis.reclaim.ReclaimStep;
import io.fragscope.analysis.rollup.DumpFigures;
import io.fragscope.analysis.rollup.FleetPlacement;
import io.fragscope.analysis.rollup.FleetRollup;
import io.fragscope.analysis.rollup.KeyFileFigures;
import io.fragscope.analysis.where.WhereSummary;
import io.fragscope.source.InputSource;
import io.fragscope.source.KeyName;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * One task: one file streamed through the core ({@link InputAnalyzer}) from its Hadoop file system, turned into the
 * rows of every table. Never throws for a bad file: whatever goes wrong is the {@code inputs} row's error.
 */
final class FileAnalysis {
    private FileAnalysis() {}

    /** The rows one file gives, per table. */
    static final class Rows implements Serializable {
        final EnumMap<FleetTables, ArrayList<Row>> tables = new EnumMap<>(FleetTables.class);
        /**
         * The file's part of the roll-up (the core's, merged on the driver as analyze merges a run's files): its status,
         * its dump's figures and its key file's without slots.
         */
        final FleetRollup rollup = new FleetRollup();
        /** The file's key-file figures with their slots, or null: added to the roll-up only if chosen for its shard. */
        KeyFileFigures keyFile;

        List<Row> of(FleetTables t) { return tables.getOrDefault(t, new ArrayList<>()); }

        /** Whether the file's status is error or crashed. */
        boolean failed() {
            Object status = of(FleetTables.INPUTS).get(0).get(FleetTables.INPUTS.schema.fieldIndex("status"));
            return "error".equals(status) || "crashed".equals(status);
        }

        void add(FleetTables t, Object... values) {
            if (values.length != t.width()) throw new IllegalStateException(t.id + ": " + values.length + " values for " + t.width() + " columns");
            tables.computeIfAbsent(t, k -> new ArrayList<>()).add(RowFactory.create(values));
        }
    }

    static Rows run(FleetInput in, Configuration conf, JobOptions options) {
        long start = System.nanoTime();
        Path file = new Path(in.path());
        java.nio.file.Path name = java.nio.file.Path.of(file.toUri().getPath());
        InputResult r;
        List<Series> instance = List.of();
        KeysTable keys = null;
        try {
            FileSystem fs = file.getFileSystem(conf);
            InputSource source = InputSource.of(name, in.sizeBytes(), in.modifiedMs(), () -> fs.open(file));
            List<InfoDump> same = List.of();
            if (!in.infoOfInstance().isEmpty()) {
                // the instance's dumps, matched to this RDB as analyze matches them (repl-id, save time, folder and version),
                // or to this listing as analyze matches the dumps beside one
                instance = series(in.infoOfInstance(), conf, options);
                io.fragscope.analysis.dataset.RdbHeader header = io.fragscope.analysis.dataset.RdbHeader.read(source);
                same = (header.rdbVersion() > 0 ? InfoMatch.find(name, header, instance) : InfoMatch.forListing(name, instance))
                        .stream().map(RdbDatasets.MatchedInfo::dump).toList();
            }
            keys = options.keysOut() == null ? null : new KeysTable(options.keysOut(), in, conf);
            r = new InputAnalyzer(options.request()).analyze(source, same, keys == null ? io.fragscope.KeyListener.NONE : keys);
        } catch (RuntimeException | java.io.IOException e) {
            // the file system itself failed (no such scheme, refused credentials): the file's row says so
            r = new InputResult(new InputReport(name, io.fragscope.source.InputKind.UNKNOWN, InputReport.Status.ERROR,
                    name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage())), java.util.Optional.empty(), java.util.Optional.empty());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Capture at = captured(in, r);
        if (keys != null) {
            try {
                keys.finish(at.date());
            } catch (java.io.IOException | RuntimeException e) {
                // the analysis stands; the keys table of this file is missing, and its inputs row says so
                r = new InputResult(new InputReport(r.report().path(), r.report().kind(), InputReport.Status.PARTIAL,
                        name + ": keys table not written: " + e.getMessage()), r.dump(), r.dataset());
            }
        }
        Object[] common = {at.date(), in.cluster(), in.shard(), in.instance(), in.path()};
        Rows rows = new Rows();
        InputReport rep = r.report();
        rows.add(FleetTables.INPUTS, row(common, rep.kind().id(), rep.status().id(), rep.message().isEmpty() ? null : rep.message(),
                in.sizeBytes() < 0 ? null : in.sizeBytes(), at.at(), at.basis(), seconds, r.keys().map(k -> k.totals().keys()).orElse(null)));
        FleetPlacement placement = new FleetPlacement(in.cluster(), in.shard(), in.instance());
        rows.rollup.addInput(in.cluster(), rep.status().id(), in.sizeBytes());
        r.dump().ifPresent(d -> {
            dump(rows, common, d);
            rows.rollup.add(DumpFigures.of(placement, in.path(), d));
        });
        r.dataset().ifPresent(d -> {
            // the roll-up keeps the latest key file of a shard: the manifest's time, else the file's own (as analyze)
            long written = !in.capturedAt().isEmpty() && parse(in.capturedAt()) != null ? parse(in.capturedAt()).toEpochMilli()
                    : KeyFileFigures.capturedAtMs(d.summary(), in.modifiedMs());
            dataset(rows, common, d, options.topN(), Instant.ofEpochMilli(written).toString());
            rows.keyFile = KeyFileFigures.of(placement, in.path(), written, d.kind() == io.fragscope.source.InputKind.RDB, d.summary(),
                    d.profile() == null ? null : d.profile().where());
            rows.rollup.add(rows.keyFile.withoutSlots());
        });
        if (in.plansInstance() && r.dataset().isPresent()) plan(rows, in, r.dataset().get(), instance);
        return rows;
    }

    private static void dump(Rows rows, Object[] common, DumpAnalysis d) {
        MemoryBreakdown b = d.breakdown();
        StringJoiner codes = new StringJoiner(" ");
        for (Finding f : d.findings()) codes.add(f.code().id());
        rows.add(FleetTables.INSTANCES, row(common, d.series(), d.capturedAt().at().toString(),
                d.capturedAt().basis().name().toLowerCase(java.util.Locale.ROOT), d.runId(), d.server().version(), d.server().allocator(),
                num(b.usedMemory()), num(b.rss()), num(b.peak()), ratio(b.fragmentationRatio()), b.ratioComputed(),
                b.hasCore() ? b.fragmentationBytes() : null, num(b.dataset()), num(b.overhead()), num(b.allocatorAllocated()),
                num(b.allocatorActive()), num(b.allocatorResident()), ratio(b.allocatorFragRatio()), num(b.allocatorFragBytes()),
                ratio(b.allocatorRssRatio()), num(b.allocatorRssBytes()), ratio(b.processRssRatio()), num(b.processRssBytes()),
                d.worstSeverity() == null ? null : d.worstSeverity().id(), codes.toString()));
        for (Finding f : d.findings()) rows.add(FleetTables.FINDINGS, row(common, "dump", f.code().id(), f.severity().id(), evidence(f)));
        int step = 0;
        for (ReclaimStep st : ReclaimPlanner.plan(d, null).steps()) {
            rows.add(FleetTables.RECLAIM_PLAN, row(common, ++step, st.method(), st.applicable(), st.reason(), st.reclaimableBytes(),
                    num(st.expectedRssAfterBytes()), ratio(st.expectedRatioAfter()), String.join("; ", st.commands()),
                    st.estimatedSeconds() < 0 ? null : st.estimatedSeconds(), null));
        }
    }

    /**
     * The instance's reclaim plan priced with this RDB's keys, as analyze makes it: the latest dump of the series the
     * RDB was matched to (its reconciliation's dump), with the keys. Rows under the dump's path; {@code keys_path} says
     * which RDB priced them.
     */
    private static void plan(Rows rows, FleetInput in, Dataset ds, List<Series> instance) {
        var rec = ds.summary().reconciliation();
        if (rec == null) return;
        for (Series s : instance) {
            if (s.dumps().stream().noneMatch(d -> io.fragscope.source.FileNames.text(d.dump().source()).equals(rec.infoSource()))) continue;
            DumpAnalysis latest = s.latest();
            String dumpPath = pathOf(in.infoOfInstance(), latest.dump().source());
            Object[] common = {LocalDate.ofInstant(latest.capturedAt().at(), ZoneOffset.UTC).toString(), in.cluster(), in.shard(),
                    in.instance(), dumpPath};
            int step = 0;
            for (ReclaimStep st : ReclaimPlanner.plan(latest, new ReclaimPlanner.Keys(ds.source(), ds.summary(), ds.profile())).steps()) {
                rows.add(FleetTables.RECLAIM_PLAN, row(common, ++step, st.method(), st.applicable(), st.reason(), st.reclaimableBytes(),
                        num(st.expectedRssAfterBytes()), ratio(st.expectedRatioAfter()), String.join("; ", st.commands()),
                        st.estimatedSeconds() < 0 ? null : st.estimatedSeconds(), in.path()));
            }
            return;
        }
    }

    /** The Hadoop path among {@code paths} whose file is {@code name} (as the task named it). */
    private static String pathOf(List<String> paths, java.nio.file.Path name) {
        for (String p : paths) if (java.nio.file.Path.of(new Path(p).toUri().getPath()).equals(name)) return p;
        return String.valueOf(name);
    }

    /** The INFO dumps at {@code paths} as analyze's series (a dump that cannot be read is left out: its own task reports it). */
    private static List<Series> series(List<String> paths, Configuration conf, JobOptions options) {
        AnalysisRequest req = options.request();
        List<InfoDump> dumps = new ArrayList<>();
        for (String p : paths) {
            Path file = new Path(p);
            java.nio.file.Path name = java.nio.file.Path.of(file.toUri().getPath());
            try (var in = file.getFileSystem(conf).open(file)) {
                dumps.add(new InfoParser(req.limits()).parse(in, name));
            } catch (java.io.IOException | RuntimeException e) {
                // not readable as INFO: its own task's row says why
            }
        }
        return dumps.isEmpty() ? List.of() : new InfoAnalyzer(req.thresholds()).analyze(dumps);
    }

    private static void dataset(Rows rows, Object[] common, Dataset ds, int topN, String writtenAt) {
        var s = ds.summary();
        KeySummary k = s.keys();
        Totals t = k.totals();
        rows.add(FleetTables.DATASETS, row(common, ds.kind().id(), s.format(), s.redisVersion(), s.allocator(), s.modelReason(),
                s.complete(), t.keys(), t.requestedBytes(), t.allocatedBytes(), t.roundingWasteBytes(), t.prefixOverheadBytes(),
                t.memoryUsageBytes(), t.keysWithoutTtlIfKnown(), num(s.estimatedUsedMemory()), num(s.writerUsedMemory()),
                s.note().isEmpty() ? null : s.note(), writtenAt, s.clusterEnabled()));
        for (Finding f : ds.findings()) rows.add(FleetTables.FINDINGS, row(common, "dataset", f.code().id(), f.severity().id(), evidence(f)));
        groups(rows, FleetTables.BY_TYPE, common, k.byType(), io.fragscope.model.KeyType::redisName, false);
        groups(rows, FleetTables.BY_ENCODING, common, k.byEncoding(), Object::toString, false);
        groups(rows, FleetTables.BY_DB, common, k.byDb(), x -> x, false);
        groups(rows, FleetTables.BY_PREFIX, common, k.byPrefix(), KeyName::escaped, true);
        if (k.withoutPrefix().keys() > 0) rows.add(FleetTables.BY_PREFIX, row(common, totals(new Object[] {"", false}, k.withoutPrefix())));
        SizeClassHistogram h = k.sizeClasses();
        for (SizeClassHistogram.Bin bin : h.bins()) {
            rows.add(FleetTables.SIZE_CLASSES, row(common, h.allocatorName(), bin.sizeClassBytes(), bin.allocations(), bin.requestedBytes(),
                    bin.allocatedBytes(), bin.wasteBytes()));
        }
        if (ds.profile() != null) {
            WhereSummary w = ds.profile().where();
            WhereSummary.Slots slots = w.slots();
            for (int i = 0; i < slots.size(); i++) rows.add(FleetTables.SLOTS, row(common, slots.slot(i), slots.keys(i), slots.bytes(i)));
            int tagRank = 0;
            for (WhereSummary.Tag tag : w.hashTags()) rows.add(FleetTables.HASH_TAGS, row(common, ++tagRank, tag.tag(), tag.keys(), tag.bytes()));
        }
        int rank = 0;
        for (KeyCost c : k.topByAllocated()) {
            if (rank >= topN) break;
            rows.add(FleetTables.TOP_KEYS, row(common, ++rank, c.db(), c.key().escaped(), c.type().redisName(), c.encoding().redisName(), c.elements(),
                    c.requestedBytes(), c.allocatedBytes(), c.roundingWasteBytes(), c.prefixOverheadBytes(), c.memoryUsageBytes(),
                    c.ttlMs() < 0 ? null : c.ttlMs(), c.exactness().name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** A breakdown's rows; the keys past its cap in one row named null ({@code is_other} true in by_prefix). */
    private static <K> void groups(Rows rows, FleetTables table, Object[] common, GroupTable<K> g, Function<K, Object> name, boolean withOther) {
        for (Group<K> group : g.groups()) {
            Object[] head = withOther ? new Object[] {name.apply(group.key()), false} : new Object[] {name.apply(group.key())};
            rows.add(table, row(common, totals(head, group.totals())));
        }
        if (g.other().keys() > 0) {
            // past the cap (prefixes; or a hostile listing's thousands of types): one row, its name null
            rows.add(table, row(common, totals(withOther ? new Object[] {null, true} : new Object[] {null}, g.other())));
        }
    }

    private static Object[] totals(Object[] head, Totals t) {
        Object[] out = java.util.Arrays.copyOf(head, head.length + 7);
        Object[] v = {t.keys(), t.requestedBytes(), t.allocatedBytes(), t.roundingWasteBytes(), t.prefixOverheadBytes(),
                t.memoryUsageBytes(), t.keysWithoutTtlIfKnown()};
        System.arraycopy(v, 0, out, head.length, v.length);
        return out;
    }

    private static Object[] row(Object[] common, Object... values) {
        Object[] out = java.util.Arrays.copyOf(common, common.length + values.length);
        System.arraycopy(values, 0, out, common.length, values.length);
        return out;
    }

    /** As findings.csv: {@code name=value; …}, byte figures as plain numbers. */
    private static String evidence(Finding f) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            Object v = e.getValue();
            parts.add(e.getKey() + "=" + (v instanceof io.fragscope.analysis.Bytes b ? b.value() : v));
        }
        return String.join("; ", parts);
    }

    private static Long num(long v) { return v < 0 ? null : v; }

    private static Double ratio(double v) { return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : null; }

    /** When the file was captured: as the manifest says, else as its content says, else its modification time. */
    record Capture(String at, String basis, String date) {}

    static Capture captured(FleetInput in, InputResult r) {
        Instant at = null;
        String basis = null;
        if (!in.capturedAt().isEmpty()) {
            at = parse(in.capturedAt());
            basis = "manifest";
        }
        if (at == null && r.dump().isPresent()) {
            CaptureTime c = r.dump().get().capturedAt();
            if (c.basis() == CaptureTime.Basis.SERVER_TIME || c.basis() == CaptureTime.Basis.FILE_NAME) {
                at = c.at();
                basis = c.basis().name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (at == null && r.dataset().isPresent() && r.dataset().get().kind() == io.fragscope.source.InputKind.RDB
                && r.dataset().get().summary().writtenAtSeconds() > 0) {
            at = Instant.ofEpochSecond(r.dataset().get().summary().writtenAtSeconds());
            basis = "rdb_ctime";
        }
        if (at == null && in.modifiedMs() > 0) {
            at = Instant.ofEpochMilli(in.modifiedMs());
            basis = "file_mtime";
        }
        if (at == null) return new Capture(null, "unknown", "unknown");
        return new Capture(at.toString(), basis, LocalDate.ofInstant(at, ZoneOffset.UTC).toString());
    }

    /** ISO-8601 instant, local date-time (read as UTC) or date. */
    static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            // not an instant
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            // not a date-time
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
