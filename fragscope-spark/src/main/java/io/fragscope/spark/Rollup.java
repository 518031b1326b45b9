package io.fragscope.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The roll-up, read back from the Parquet tables: per cluster and for the whole fleet, the latest INFO dump of each
 * instance (bytes, fragmentation, the worst instance) and the latest key file of each shard (keys, allocated bytes,
 * rounding waste, shard skew: the heaviest shard against the median; slot skew: the heaviest cluster slot against
 * the average slot that holds keys, across the cluster's shards). Written as {@code rollup_clusters} and
 * {@code rollup_fleet} (Parquet; {@code scope} says which, the fleet's {@code cluster} is null) and
 * {@code rollup.json} (one JSON object per line: the fleet first, then each cluster, worst fragmentation first).
 */
final class Rollup {
    private Rollup() {}

    /** Per cluster and, in the same pass (the empty grouping set, cluster null), for the fleet. */
    private static final String SQL = """
            WITH latest_dump AS (
              SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY cluster, shard, instance ORDER BY captured_at DESC, path DESC) AS rn
                             FROM instances) WHERE rn = 1),
            dumps AS (
              SELECT cluster, count(*) AS instances, sum(used_memory) AS used_memory, sum(used_memory_rss) AS used_memory_rss,
                     sum(fragmentation_bytes) AS fragmentation_bytes, sum(allocator_frag_bytes) AS allocator_frag_bytes,
                     sum(allocator_rss_bytes) AS allocator_rss_bytes, sum(rss_overhead_bytes) AS rss_overhead_bytes,
                     sum(used_memory_rss) / nullif(sum(used_memory), 0) AS mem_fragmentation_ratio,
                     max(mem_fragmentation_ratio) AS worst_fragmentation_ratio,
                     max_by(concat(cluster, '/', instance), mem_fragmentation_ratio) AS worst_instance
              FROM latest_dump GROUP BY GROUPING SETS ((cluster), ())),
            latest_data AS (
              SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY cluster, shard, instance, kind ORDER BY date DESC, path DESC) AS rn
                             FROM datasets) WHERE rn = 1),
            shards AS (
              SELECT cluster, shard, sum(keys) AS keys, sum(allocated_bytes) AS allocated_bytes, sum(rounding_waste_bytes) AS waste,
                     sum(estimated_used_memory) AS estimated_used_memory
              FROM latest_data GROUP BY cluster, shard),
            data AS (
              SELECT cluster, count(*) AS shards, sum(keys) AS keys, sum(allocated_bytes) AS allocated_bytes,
                     sum(waste) AS rounding_waste_bytes, sum(estimated_used_memory) AS estimated_used_memory,
                     max(allocated_bytes) / nullif(percentile_approx(allocated_bytes, 0.5), 0) AS shard_skew,
                     max_by(concat(cluster, '/', shard), allocated_bytes) AS heaviest_shard
              FROM shards GROUP BY GROUPING SETS ((cluster), ())),
            slot_sums AS (
              SELECT s.cluster, s.slot, sum(s.bytes) AS bytes FROM slots s JOIN latest_data d ON s.path = d.path
              GROUP BY s.cluster, s.slot),
            slot_skew AS (
              SELECT cluster, max(bytes) / nullif(avg(bytes), 0) AS slot_skew, max_by(slot, bytes) AS heaviest_slot
              FROM slot_sums GROUP BY GROUPING SETS ((cluster), ())),
            files AS (
              SELECT cluster, count(*) AS files, sum(CASE WHEN status IN ('error', 'crashed') THEN 1 ELSE 0 END) AS files_failed,
                     sum(CASE WHEN status = 'partial' THEN 1 ELSE 0 END) AS files_partial, sum(size_bytes) AS input_bytes
              FROM inputs GROUP BY GROUPING SETS ((cluster), ()))
            SELECT CASE WHEN f.cluster IS NULL THEN 'fleet' ELSE 'cluster' END AS scope, f.*, d.instances, d.used_memory, d.used_memory_rss, d.fragmentation_bytes, d.allocator_frag_bytes,
                   d.allocator_rss_bytes, d.rss_overhead_bytes, d.mem_fragmentation_ratio, d.worst_fragmentation_ratio, d.worst_instance,
                   k.shards, k.keys, k.allocated_bytes, k.rounding_waste_bytes, k.estimated_used_memory, k.shard_skew, k.heaviest_shard,
                   s.slot_skew, s.heaviest_slot
            FROM files f LEFT JOIN dumps d ON f.cluster <=> d.cluster LEFT JOIN data k ON f.cluster <=> k.cluster
                 LEFT JOIN slot_skew s ON f.cluster <=> s.cluster
            ORDER BY f.cluster IS NULL DESC, d.worst_fragmentation_ratio DESC NULLS LAST, f.cluster
            """;

    /** The roll-up of the tables as written under {@code out} (a later run, or another job's tables). */
    static void write(SparkSession spark, String out) throws IOException {
        java.util.Map<FleetTables, Dataset<Row>> tables = new java.util.EnumMap<>(FleetTables.class);
        for (FleetTables t : FleetTables.values()) tables.put(t, table(spark, out, t));
        write(spark, out, tables);
    }

    /** The roll-up of the tables the job has just made (the same rows it wrote). */
    static void write(SparkSession spark, String out, java.util.Map<FleetTables, Dataset<Row>> tables) throws IOException {
        tables.forEach((t, df) -> df.createOrReplaceTempView(t.id));
        Dataset<Row> all = spark.sql(SQL);
        // Small (a row per cluster): computed once, then written as Parquet and JSON from the driver.
        List<Row> rows = all.collectAsList();
        List<Row> fleetRows = rows.stream().filter(r -> "fleet".equals(r.getAs("scope"))).toList();
        List<Row> clusterRows = rows.stream().filter(r -> "cluster".equals(r.getAs("scope"))).toList();
        spark.createDataFrame(clusterRows, all.schema()).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "rollup_clusters");
        spark.createDataFrame(fleetRows, all.schema()).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "rollup_fleet");
        List<String> lines = new java.util.ArrayList<>();
        for (Row r : fleetRows) lines.add(r.json());
        for (Row r : clusterRows) lines.add(r.json());
        Path json = new Path(out + "rollup.json");
        FileSystem fs = json.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream o = fs.create(json, true)) {
            o.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A table as written, or an empty one with its columns when no file gave it a row. */
    static Dataset<Row> table(SparkSession spark, String out, FleetTables t) throws IOException {
        Path dir = new Path(out + t.id);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        boolean any = fs.exists(dir) && java.util.Arrays.stream(fs.listStatus(dir)).anyMatch(s -> s.getPath().getName().startsWith("date="));
        return any ? spark.read().schema(t.schema).parquet(out + t.id) : spark.createDataFrame(List.of(), t.schema);
    }
}
