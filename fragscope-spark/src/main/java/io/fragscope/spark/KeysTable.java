package io.fragscope.spark;

import io.fragscope.KeyListener;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.source.InputKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The opt-in {@code keys} table ({@code --keys}): one row per key, the columns of keys.csv, written by the task as it
 * prices the keys (a Parquet writer streaming row groups of 8 MB: constant heap for any number of keys). The task
 * writes under {@code keys/_pending/} and moves the file under {@code keys/date=…/cluster=…/} once the file's date is
 * known (an RDB's ctime is read with its keys); the file name is a hash of the input's path, so a retried task
 * replaces its own file.
 */
final class KeysTable implements KeyListener, AutoCloseable {
    static final String ID = "keys";

    /** After date and cluster (the partition folders): as keys.csv, with the input's path in place of its dataset number. */
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message key {
              required binary shard (STRING); required binary instance (STRING); required binary path (STRING);
              required int32 db; required binary key (STRING); optional binary type (STRING); optional binary encoding (STRING);
              required int64 elements; required int64 requested_bytes; required int64 allocated_bytes;
              required int64 rounding_waste_bytes; required int64 prefix_overhead_bytes; required int64 memory_usage_bytes;
              optional int64 expire_at_ms; required binary exactness (STRING);
            }""");

    private final String out;
    private final FleetInput in;
    private final Configuration conf;
    private final Path pending;
    private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    private ParquetWriter<Group> writer;
    private long rows;

    KeysTable(String out, FleetInput in, Configuration conf) {
        this.out = out;
        this.in = in;
        this.conf = conf;
        this.pending = new Path(out + ID + "/_pending/" + name(in.path()));
    }

    @Override
    public KeyCostSink open(java.nio.file.Path source, InputKind kind) throws IOException {
        writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(pending, conf)).withType(SCHEMA).withConf(conf)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(8L << 20).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
        return this::write;
    }

    private void write(KeyCost c) {
        Group g = groups.newGroup().append("shard", in.shard()).append("instance", in.instance()).append("path", in.path())
                .append("db", c.db()).append("key", c.key().escaped());
        g.append("type", c.type().redisName()).append("encoding", c.encoding().redisName());
        g.append("elements", c.elements()).append("requested_bytes", c.requestedBytes()).append("allocated_bytes", c.allocatedBytes())
                .append("rounding_waste_bytes", c.roundingWasteBytes()).append("prefix_overhead_bytes", c.prefixOverheadBytes())
                .append("memory_usage_bytes", c.memoryUsageBytes());
        if (c.ttlMs() >= 0) g.append("expire_at_ms", c.ttlMs());
        g.append("exactness", c.exactness().name().toLowerCase(java.util.Locale.ROOT));
        try {
            writer.write(g);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the file and moves it under its date and cluster (a file without keys leaves none). */
    void finish(String date) throws IOException {
        close();
        FileSystem fs = pending.getFileSystem(conf);
        if (!fs.exists(pending)) return;
        if (rows == 0) {
            fs.delete(pending, false);
            return;
        }
        Path dir = new Path(out + ID + "/date=" + date + "/cluster=" + in.cluster());
        fs.mkdirs(dir);
        Path target = new Path(dir, pending.getName());
        fs.delete(target, false);
        if (!fs.rename(pending, target)) throw new IOException("cannot move " + pending + " to " + target);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** A stable file name per input: a retried task replaces its own file. */
    private static String name(String path) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "part-" + HexFormat.of().formatHex(h, 0, 12) + ".snappy.parquet";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
