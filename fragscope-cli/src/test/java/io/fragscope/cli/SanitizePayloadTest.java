package io.fragscope.cli;

import io.fragscope.testing.SharedFiles;
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

    /** rdbLoadLen of a 6- or 14-bit length at {@code p}: {value, bytes}; null for a longer one. */
    private static int[] len(byte[] d, int p) {
        int b = d[p] & 0xff;
        if ((b & 0xc0) == 0) return new int[] {b & 0x3f, 1};
        if ((b & 0xc0) == 0x40) return new int[] {(b & 0x3f) << 8 | d[p + 1] & 0xff, 2};
        return null;
    }

    /**
     * The last listpack hash of the file whose value is LZF-compressed, with a short ASCII name: {offset of its last
     * compressed byte, name offset, name length}. The last, because a key early in a file may enter the top keys, whose
     * entries are always read.
     */
    private static int[] lastCompressedHash(byte[] d) {
        int[] found = null;
        for (int i = 0; i + 48 < d.length; i++) {
            int n = d[i + 1];
            if (d[i] != 16 || n < 4 || n > 40) continue;     // RDB_TYPE_HASH_LISTPACK, then the name's 6-bit length
            boolean ascii = true;
            for (int j = 0; j < n && ascii; j++) ascii = d[i + 2 + j] >= 0x21 && d[i + 2 + j] < 0x7f && d[i + 2 + j] != '\'';
            int p = i + 2 + n;
            if (!ascii || (d[p] & 0xff) != 0xc3) continue;  // RDB_ENC_LZF: compressed length, length, bytes
            int[] clen = len(d, p + 1);
            if (clen == null) continue;
            int[] ulen = len(d, p + 1 + clen[1]);
            if (ulen == null) continue;
            found = new int[] {p + 1 + clen[1] + ulen[1] + clen[0] - 1, i + 2, n};
        }
        assertNotNull(found, "a compressed listpack hash");
        return found;
    }

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
        byte[] d = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.0.15-debian").resolve("dump.rdb"));
        int[] h = lastCompressedHash(d);
        String key = new String(d, h[1], h[2], StandardCharsets.US_ASCII);
        d[h[0]] ^= 0x20;
        Path rdb = tmp.resolve("damaged.rdb");
        Files.write(rdb, d);

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
        byte[] d = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.0.15-debian").resolve("dump.rdb"));
        java.util.Arrays.fill(d, d.length - 8, d.length, (byte) 0);
        Path rdb = tmp.resolve("nocrc.rdb");
        Files.write(rdb, d);
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
