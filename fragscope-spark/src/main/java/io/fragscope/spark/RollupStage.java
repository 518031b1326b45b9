package io.fragscope.spark;

import io.fragscope.analysis.rollup.DumpFigures;
import io.fragscope.analysis.rollup.FleetPlacement;
import io.fragscope.analysis.rollup.FleetRollup;
import io.fragscope.analysis.rollup.KeyFileFigures;
import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.analysis.rollup.RollupFigures;
import io.fragscope.report.Messages;
import io.fragscope.report.rollup.RollupColumn;
import io.fragscope.report.rollup.RollupJson;
import io.fragscope.report.rollup.RollupWorkbook;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import scala.Tuple2;

/**
 * The roll-up stage: the core's {@link FleetRollup} (the same code {@code fragscope analyze} runs over a folder per
 * shard), fed either by the tasks themselves (each file's part, merged) or by the Parquet tables read back
 * ({@code FleetJob --rollup DIR}). Written as {@code rollup_clusters} and {@code rollup_fleet} (Parquet, the columns
 * of {@link RollupColumn#ALL}), {@code rollup.json} and {@code rollup.xlsx} (the writers of {@code analyze}).
 */
final class RollupStage {
    private RollupStage() {}

    /** The roll-up of the tables as written under {@code out} (a later run, or another job's tables). */
    static Rollup fromTables(SparkSession spark, String out) throws IOException {
        Map<FleetTables, Dataset<Row>> t = new EnumMap<>(FleetTables.class);
        for (FleetTables table : FleetTables.values()) {
            t.put(table, table(spark, out, table));
            t.get(table).createOrReplaceTempView(table.id);
        }
        List<JavaRDD<FleetRollup>> parts = new ArrayList<>();
        parts.add(t.get(FleetTables.INPUTS).select("cluster", "status", "size_bytes").javaRDD()
                .map(r -> new FleetRollup().addInput(r.getString(0), r.getString(1), r.isNullAt(2) ? -1 : r.getLong(2))));
        parts.add(t.get(FleetTables.INSTANCES).select("cluster", "shard", "instance", "path", "captured_at", "used_memory", "used_memory_rss",
                        "fragmentation_bytes", "allocator_frag_bytes", "allocator_rss_bytes", "rss_overhead_bytes", "mem_fragmentation_ratio")
                .javaRDD().map(r -> new FleetRollup().add(new DumpFigures(place(r), r.getString(3), millis(r.getString(4)), l(r, 5), l(r, 6),
                        l(r, 7), l(r, 8), l(r, 9), l(r, 10), r.isNullAt(11) ? null : r.getDouble(11)))));
        parts.add(t.get(FleetTables.DATASETS).select("cluster", "shard", "instance", "path", "captured_at", "kind", "keys", "allocated_bytes",
                        "rounding_waste_bytes", "estimated_used_memory").javaRDD()
                .map(r -> new FleetRollup().add(KeyFileFigures.totals(place(r), r.getString(3), millis(r.getString(4)), "rdb".equals(r.getString(5)),
                        r.getLong(6), r.getLong(7), r.getLong(8), l(r, 9)))));
        // Tags of a file in one piece (its rows gathered), dated as its datasets row.
        parts.add(spark.sql("""
                SELECT h.cluster, h.shard, h.instance, h.path, first(d.captured_at), collect_list(struct(h.rank, h.tag, h.keys, h.bytes))
                FROM hash_tags h JOIN datasets d ON h.path = d.path GROUP BY h.cluster, h.shard, h.instance, h.path""").javaRDD()
                .map(r -> new FleetRollup().add(tags(r))));
        FleetRollup all = new FleetRollup();
        for (JavaRDD<FleetRollup> p : parts) {
            if (!p.isEmpty()) all.merge(p.treeReduce(FleetRollup::merge));
        }
        // Slots of a file in one piece (its rows gathered), dated as its datasets row. A standalone instance's slots stay
        // in its table but not in the roll-up (KeyFileFigures.countsSlots).
        JavaRDD<KeyFileFigures> slots = spark.sql("""
                SELECT s.cluster, s.shard, s.instance, s.path, first(d.captured_at), sort_array(collect_list(struct(s.slot, s.keys, s.bytes)))
                FROM slots s JOIN datasets d ON s.path = d.path WHERE d.cluster_enabled IS NULL OR d.cluster_enabled
                GROUP BY s.cluster, s.shard, s.instance, s.path""").javaRDD().map(RollupStage::slots);
        return withSlots(JavaSparkContext.fromSparkContext(spark.sparkContext()), all, slots).finish();
    }

    /**
     * {@code heads} (every file's part, key files without slots) with the slots of each shard's chosen key file:
     * only those files' slots are added, reduced by cluster and each cluster sealed on the executors, so the driver
     * receives a few figures per cluster ({@link FleetRollup#seal()}).
     *
     * @param keyFiles every key file's figures (with slots), or pieces holding its slots
     * @return {@code heads}, with the slots merged in
     */
    static FleetRollup withSlots(JavaSparkContext jsc, FleetRollup heads, JavaRDD<KeyFileFigures> keyFiles) {
        Broadcast<HashSet<String>> chosen = jsc.broadcast(new HashSet<>(heads.chosenKeyFiles()));
        JavaRDD<FleetRollup> sealed = keyFiles.filter(k -> k.slots().length > 0 && chosen.value().contains(k.path()))
                .mapToPair(k -> new Tuple2<>(FleetRollup.clusterName(k.placement().cluster()), new FleetRollup().add(k.slotsOnly())))
                .reduceByKey(FleetRollup::merge).values().map(FleetRollup::seal);
        if (!sealed.isEmpty()) heads.merge(sealed.treeReduce(FleetRollup::merge));
        return heads;
    }

    private static FleetPlacement place(Row r) {
        return new FleetPlacement(r.getString(0), r.getString(1), r.getString(2));
    }

    private static Long l(Row r, int i) { return r.isNullAt(i) ? null : r.getLong(i); }

    private static long millis(String instant) { return instant == null ? -1 : Instant.parse(instant).toEpochMilli(); }

    private static KeyFileFigures slots(Row r) {
        List<Row> list = r.getList(5);
        int[] slots = new int[list.size()];
        long[] keys = new long[slots.length], bytes = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = list.get(i).getInt(0);
            keys[i] = list.get(i).getLong(1);
            bytes[i] = list.get(i).getLong(2);
        }
        return new KeyFileFigures(place(r), r.getString(3), millis(r.getString(4)), true, false, 0, 0, 0, null, slots, keys, bytes, List.of());
    }

    private static KeyFileFigures tags(Row r) {
        List<Row> list = new ArrayList<>(r.getList(5));
        list.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
        List<KeyFileFigures.TagFigures> tags = new ArrayList<>();
        for (Row t : list.subList(0, Math.min(KeyFileFigures.TAGS_KEPT, list.size()))) {
            tags.add(new KeyFileFigures.TagFigures(t.getString(1), t.getLong(2), t.getLong(3)));
        }
        return new KeyFileFigures(place(r), r.getString(3), millis(r.getString(4)), true, false, 0, 0, 0, null, new int[0], new long[0],
                new long[0], tags);
    }

    /** Writes the roll-up under {@code out}: Parquet, rollup.json, rollup.xlsx (in {@code lang}). */
    static void write(SparkSession spark, String out, Rollup rollup, String lang) throws IOException {
        StructType schema = schema();
        List<Row> clusters = new ArrayList<>();
        for (RollupFigures f : rollup.clusters()) clusters.add(row(f));
        spark.createDataFrame(clusters, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "rollup_clusters");
        spark.createDataFrame(List.of(row(rollup.fleet())), schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "rollup_fleet");
        Path json = new Path(out + RollupJson.FILE);
        FileSystem fs = json.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream o = fs.create(json, true)) {
            RollupJson.write(rollup, o);
        }
        try (OutputStream o = fs.create(new Path(out + RollupWorkbook.FILE), true)) {
            new RollupWorkbook(Messages.forLanguage(lang)).write(rollup, o);
        }
    }

    static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (RollupColumn c : RollupColumn.ALL) fields.add(DataTypes.createStructField(c.name(), type(c), true));
        return DataTypes.createStructType(fields);
    }

    private static DataType type(RollupColumn c) {
        return switch (c.unit()) {
            case TEXT -> DataTypes.StringType;
            case RATIO -> DataTypes.DoubleType;
            // counts and bytes (RollupColumn uses no other unit)
            default -> c.name().equals("heaviest_slot") ? DataTypes.IntegerType : DataTypes.LongType;
        };
    }

    private static Row row(RollupFigures f) {
        Object[] v = new Object[RollupColumn.ALL.size()];
        for (int i = 0; i < v.length; i++) {
            Object x = RollupColumn.ALL.get(i).value().apply(f);
            v[i] = x instanceof Integer n && !RollupColumn.ALL.get(i).name().equals("heaviest_slot") ? Long.valueOf(n) : x;
        }
        return RowFactory.create(v);
    }

    /** A table as written, or an empty one with its columns when no file gave it a row. */
    static Dataset<Row> table(SparkSession spark, String out, FleetTables t) throws IOException {
        Path dir = new Path(out + t.id);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        boolean any = fs.exists(dir) && Arrays.stream(fs.listStatus(dir)).anyMatch(s -> s.getPath().getName().startsWith("date="));
        return any ? spark.read().schema(t.schema).parquet(out + t.id) : spark.createDataFrame(List.of(), t.schema);
    }
}
