package io.fragscope.spark;

import io.fragscope.testing.DamagedRdb;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The job's {@code --sanitize-payload}, as {@code analyze}'s ({@code SanitizePayloadTest} in the CLI): a real RDB file
 * damaged inside one LZF-compressed listpack hash is by default taken blob by header and its CRC64 reports the damage (a
 * partial analysis, every key priced); sanitized, every blob is decoded and the file's row names the damaged key.
 */
class SanitizePayloadJobTest {
    @TempDir Path tmp;

    private static Object inputsCell(FileAnalysis.Rows rows, String column) {
        Row r = rows.of(FleetTables.INPUTS).get(0);
        return r.get(FleetTables.INPUTS.schema.fieldIndex(column));
    }

    private JobOptions options(String... extra) {
        String[] base = {"--inputs", tmp.resolve("fleet").toString(), "--out", tmp.resolve("out").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return FleetJob.Args.parse(args).options();
    }

    @Test
    void aDamagedListpackIsNamedOnlyWhenTheJobIsAskedToSanitize() throws Exception {
        DamagedRdb damaged = DamagedRdb.lastCompressedHash();
        Path dir = Files.createDirectories(tmp.resolve("fleet"));
        Files.write(dir.resolve("damaged.rdb"), damaged.bytes());
        Configuration conf = new Configuration();
        List<FleetInput> inputs = FleetInputs.resolve(dir.toString(), conf);
        assertEquals(1, inputs.size());

        JobOptions byHeaderOptions = options(), sanitizedOptions = options("--sanitize-payload");
        assertFalse(byHeaderOptions.sanitizePayload());
        assertTrue(sanitizedOptions.sanitizePayload());

        FileAnalysis.Rows byHeader = FileAnalysis.run(inputs.get(0), conf, byHeaderOptions);
        String error = (String) inputsCell(byHeader, "error");
        assertEquals("partial", inputsCell(byHeader, "status"), error);
        assertTrue(error.contains("checksum mismatch"), error);
        assertEquals(8020L, inputsCell(byHeader, "keys"), "every key priced");

        FileAnalysis.Rows sanitized = FileAnalysis.run(inputs.get(0), conf, sanitizedOptions);
        String named = (String) inputsCell(sanitized, "error");
        assertTrue(named.contains("damaged.rdb: offset "), named);
        assertTrue(named.contains("key '" + damaged.key() + "'"), named);
        assertFalse(named.contains("checksum mismatch"), named);
    }

    /** A file saved without a checksum: the datasets row says nothing vouches for the blobs, naming the job's option. */
    @Test
    void aFileWithoutAChecksumNamesTheJobsOption() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fleet"));
        Files.write(dir.resolve("nocrc.rdb"), DamagedRdb.withoutChecksum());
        Configuration conf = new Configuration();
        FleetInput in = FleetInputs.resolve(dir.toString(), conf).get(0);

        Row byHeader = FileAnalysis.run(in, conf, options()).of(FleetTables.DATASETS).get(0);
        String note = (String) byHeader.get(FleetTables.DATASETS.schema.fieldIndex("note"));
        assertTrue(note.contains("the file has no CRC64 checksum"), note);
        assertTrue(note.contains("(--sanitize-payload checks every one entry by entry)"), note);

        Row sanitized = FileAnalysis.run(in, conf, options("--sanitize-payload")).of(FleetTables.DATASETS).get(0);
        String none = (String) sanitized.get(FleetTables.DATASETS.schema.fieldIndex("note"));
        assertFalse(none != null && none.contains("the file has no CRC64 checksum"), none);
    }

    @Test
    void theOptionTakesNoValueAndKeepsTheOthers() {
        JobOptions o = options("--sanitize-payload", "--top", "7", "--keys");
        assertTrue(o.sanitizePayload());
        assertEquals(7, o.topN());
        assertNotNull(o.keysOut());
        assertTrue(o.request().limits().sanitizeBlobs());
        assertFalse(options().request().limits().sanitizeBlobs());
    }
}
