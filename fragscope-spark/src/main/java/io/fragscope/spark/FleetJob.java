package io.fragscope.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fleet job: {@code spark-submit --class io.fragscope.spark.FleetJob fragscope-spark.jar --inputs GLOB_OR_MANIFEST
 * --out DIR}. The driver lists the files (a manifest, a glob or a folder, {@link FleetInputs}) and sorts them biggest
 * first; each file is one task that streams it from its Hadoop file system through the core at constant heap
 * ({@link FileAnalysis}); a file that fails is a row of {@code inputs} with its error, never a failed job. The
 * tables ({@link FleetTables}) are written as Parquet under {@code DIR/TABLE/date=…/cluster=…/}, then the roll-up
 * ({@link Rollup}) per cluster and for the fleet. Retries and speculation are Spark's.
 */
public final class FleetJob {
    private FleetJob() {}

    /**
     * The command line: {@code --inputs}, {@code --out}, optional {@code --master}, {@code --top}, {@code --allocator},
     * {@code --redis-version}, {@code --sanitize-payload}, {@code --keys}; or {@code --rollup DIR} alone: the roll-up
     * again from tables already written.
     */
    record Args(String inputs, String out, String master, JobOptions options, String rollupOnly, String lang) {
        static Args parse(String[] a) {
            String inputs = null, out = null, master = null, allocator = null, version = null, rollup = null, lang = "en";
            int top = JobOptions.DEFAULTS.topN();
            boolean keys = false, sanitize = false;
            for (int i = 0; i < a.length; i++) {
                String name = a[i];
                if (name.equals("--keys")) {
                    keys = true;
                    continue;
                }
                if (name.equals("--sanitize-payload")) {
                    sanitize = true;
                    continue;
                }
                if (i + 1 >= a.length) throw new IllegalArgumentException(name + " needs a value");
                String v = a[++i];
                switch (name) {
                    case "--inputs" -> inputs = v;
                    case "--out" -> out = v;
                    case "--master" -> master = v;
                    case "--rollup" -> rollup = v;
                    case "--allocator" -> allocator = v;
                    case "--redis-version" -> version = v;
                    case "--lang" -> lang = v;
                    case "--top" -> {
                        try {
                            top = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--top needs a whole number, got '" + v + "'");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            JobOptions o = new JobOptions(top, allocator, version).sanitizingPayload(sanitize); // checked here, before any task starts
            io.fragscope.report.Messages.forLanguage(lang); // --lang: en or zh, refused here otherwise
            if (rollup != null) {
                if (inputs != null || out != null) throw new IllegalArgumentException("--rollup DIR reads tables already written: no --inputs or --out");
                return new Args(null, null, master, o, rollup, lang);
            }
            if (inputs == null || out == null) throw new IllegalArgumentException("--inputs and --out are required");
            if (keys) o = o.withKeys(out.endsWith("/") ? out : out + "/");
            return new Args(inputs, out, master, o, null, lang);
        }
    }

    /**
     * What a run did.
     *
     * @param files   files listed
     * @param failed  files whose status is error or crashed
     * @param bytes   bytes of all files
     * @param seconds wall time of the analysis stage (every file read), before the tables are written
     */
    public record Summary(long files, long failed, long bytes, double seconds) {}

    public static void main(String[] argv) {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("fragscope-spark: " + e.getMessage());
            System.err.println("usage: FleetJob --inputs GLOB_OR_MANIFEST --out DIR [--master URL] [--top N] [--allocator NAME] [--redis-version VER] [--sanitize-payload] [--lang en|zh] [--keys]");
            System.err.println("       FleetJob --rollup DIR [--master URL] [--lang en|zh]");
            System.exit(2);
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("fragscope-fleet");
        if (args.master() != null) b.master(args.master());
        try (SparkSession spark = b.getOrCreate()) {
            // embedded in local mode the person at the terminal wants the job's lines, not Spark's INFO log
            if (args.master() != null && args.master().startsWith("local")) spark.sparkContext().setLogLevel("WARN");
            if (args.rollupOnly() != null) {
                String dir = args.rollupOnly().endsWith("/") ? args.rollupOnly() : args.rollupOnly() + "/";
                RollupStage.write(spark, dir, RollupStage.fromTables(spark, dir), args.lang());
                System.err.println("fragscope-spark: roll-up of " + dir + " in " + dir + "rollup.json, rollup.xlsx, rollup_clusters, rollup_fleet");
                return;
            }
            Summary s = run(spark, args, System.err);
            System.err.printf("fragscope-spark: %d files (%d failed, see inputs), %.1f MB analysed in %.1f s; tables in %s%n",
                    s.files(), s.failed(), s.bytes() / 1e6, s.seconds(), args.out());
        } catch (IOException e) {
            System.err.println("fragscope-spark: " + e.getMessage());
            System.exit(2);
        }
    }

    static Summary run(SparkSession spark, Args args, PrintStream log) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<FleetInput> inputs = FleetInputs.resolve(args.inputs(), conf);
        if (inputs.isEmpty()) throw new IOException(args.inputs() + ": no file matched");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> hadoop = jsc.broadcast(new HadoopConf(conf));
        JobOptions options = args.options();
        long start = System.nanoTime();
        // A light first stage: each file's kind from its head, so an RDB's task can be told its instance's INFO dumps.
        List<io.fragscope.source.InputKind> kinds = jsc.parallelize(new ArrayList<>(inputs), Math.max(1, Math.min(inputs.size(),
                jsc.defaultParallelism() * 4))).map(in -> InstancePairing.kind(in, hadoop.value().get())).collect();
        inputs = InstancePairing.pair(inputs, kinds);
        if (options.keysOut() != null) {
            // the keys of an earlier run into the same folder would mix with these: the table is this run's alone
            org.apache.hadoop.fs.Path keys = new org.apache.hadoop.fs.Path(options.keysOut() + KeysTable.ID);
            keys.getFileSystem(conf).delete(keys, true);
        }
        // One partition per file, in the driver's order (biggest first): Spark launches tasks in partition order.
        JavaRDD<FileAnalysis.Rows> results = jsc.parallelize(new ArrayList<>(inputs), inputs.size())
                .map(in -> FileAnalysis.run(in, hadoop.value().get(), options))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        results.count();
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf("fragscope-spark: %d files analysed in %.1f s%n", inputs.size(), seconds);
        String out = args.out().endsWith("/") ? args.out() : args.out() + "/";
        // A few writers per table, no shuffle: each takes the rows of about a hundred files and writes a file per
        // date and cluster it meets, so a table of 5,000 files is tens of files per partition, not thousands.
        // The tables are written by concurrent jobs: each is small, and most of a small job is the driver's overhead.
        int writers = Math.max(1, Math.min(inputs.size() / 100, 64));
        Map<FleetTables, Dataset<Row>> tables = new EnumMap<>(FleetTables.class);
        for (FleetTables t : FleetTables.values()) {
            tables.put(t, spark.createDataFrame(results.flatMap(r -> r.of(t).iterator()), t.schema).coalesce(writers));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (FleetTables t : FleetTables.values()) {
                writes.add(pool.submit(() -> tables.get(t).write().mode(SaveMode.Overwrite)
                        .partitionBy("date", "cluster").parquet(out + t.id)));
            }
            for (Future<?> w : writes) w.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the tables", e);
        } catch (ExecutionException e) {
            throw new IOException("writing the tables under " + out + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        log.printf("fragscope-spark: tables written at %.1f s%n", (System.nanoTime() - start) / 1e9);
        long failed = results.filter(FileAnalysis.Rows::failed).count();
        // The roll-up: each file's part (the core's FleetRollup, as analyze builds it) merged in a tree, then the slots of
        // each shard's chosen key file, reduced by cluster and sealed there, written once.
        io.fragscope.analysis.rollup.FleetRollup heads = results.map(r -> r.rollup).treeReduce(io.fragscope.analysis.rollup.FleetRollup::merge);
        RollupStage.write(spark, out, RollupStage.withSlots(jsc, heads, results.filter(r -> r.keyFile != null).map(r -> r.keyFile)).finish(),
                args.lang());
        results.unpersist();
        log.printf("fragscope-spark: roll-up written at %.1f s%n", (System.nanoTime() - start) / 1e9);
        long bytes = inputs.stream().mapToLong(i -> Math.max(0, i.sizeBytes())).sum();
        return new Summary(inputs.size(), failed, bytes, seconds);
    }
}
