package io.fragscope.cli;

import io.fragscope.testing.DamagedRdb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real RDB file (Debian's 7.0.15 ground truth) damaged inside one LZF-compressed listpack hash: by default the blob
 * is taken by its header, as a loading server takes it, and the CRC64 reports the damage (a partial analysis, every key
 * priced); with --sanitize-payload every blob is decoded, as redis-check-rdb does, and the one-line error names the
 * damaged key and its offset.
 */
class SanitizePayloadTest {
    @TempDir Path tmp;

    private record Run(int exit, String err) {}

    private Run analyze(Path rdb, String... extra) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] base = {"analyze", "-q", "-f", "json", "-o", tmp.resolve("out-" + extra.length).toString()};
        String[] args = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        args[args.length - 1] = rdb.toString();
        int exit;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             PrintStream out = new PrintStream(java.io.OutputStream.nullOutputStream())) {
            exit = Main.run(args, out, e);
        }
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDamagedListpackIsNamedOnlyWhenAskedToSanitize() throws Exception {
        DamagedRdb damaged = DamagedRdb.lastCompressedHash();
        String key = damaged.key();
        Path rdb = tmp.resolve("damaged.rdb");
        Files.write(rdb, damaged.bytes());

        Run byHeader = analyze(rdb);
        assertEquals(2, byHeader.exit(), byHeader.err());
        assertTrue(byHeader.err().contains("checksum mismatch"), byHeader.err());
        String summary = Files.readString(tmp.resolve("out-0").resolve("summary.json"));
        assertTrue(summary.contains("\"keys\" : 8020"), "every key priced");

        Run sanitized = analyze(rdb, "--sanitize-payload");
        assertEquals(2, sanitized.exit(), sanitized.err());
        assertTrue(sanitized.err().contains("damaged.rdb: offset "), sanitized.err());
        assertTrue(sanitized.err().contains("key '" + key + "'"), sanitized.err());
        assertFalse(sanitized.err().contains("checksum mismatch"), sanitized.err());
    }

    /**
     * The same file saved without a checksum (its 8 trailing bytes zero, as rdbchecksum no writes them): nothing vouches
     * for the blobs taken by their header, and the report says so, naming the option that checks them.
     */
    @Test
    void aFileWithoutAChecksumSaysItsBlobsWereCheckedByTheirHeader() throws Exception {
        Path rdb = tmp.resolve("nocrc.rdb");
        Files.write(rdb, DamagedRdb.withoutChecksum());
        String note = "the file has no CRC64 checksum (RDB version 4 or older, or saved with rdbchecksum no)";

        Run byHeader = analyze(rdb);
        assertEquals(0, byHeader.exit(), byHeader.err());
        String summary = Files.readString(tmp.resolve("out-0").resolve("summary.json"));
        assertTrue(summary.contains(note), summary);
        assertTrue(summary.contains("(--sanitize-payload checks every one entry by entry)"), summary);

        Run sanitized = analyze(rdb, "--sanitize-payload");
        assertEquals(0, sanitized.exit(), sanitized.err());
        assertFalse(Files.readString(tmp.resolve("out-1").resolve("summary.json")).contains(note));
    }
}
