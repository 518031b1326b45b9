package io.fragscope.source.rdb;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15's reader cases, each a real file (groundtruth 7.4.1) with one crafted record appended, read in a JVM of
 * {@code -Xmx128m}: an LZF value whose header claims 130 MB from 1.5 MB of input, and a SELECTDB of db 5,000,000.
 */
class BoundedReadTest {
    @TempDir Path tmp;

    static final long ENTRIES = 65_000_000;

    /** A hash listpack of 65 million one-byte integer entries (0x05 and its back-length 0x01), LZF-compressed. */
    static byte[] lzfBomb() throws IOException {
        byte[] real = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.4.1-jemalloc").resolve("dump.rdb"));
        long total = 6 + 2 * ENTRIES + 1;
        byte[] header = {(byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24), (byte) 0xff, (byte) 0xff};
        byte[] compressed = RdbBytes.lzfPeriodic(header, new byte[] {0x05, 0x01}, 2 * ENTRIES - 2, new byte[] {(byte) 0xff});
        return RdbBytes.beforeEof(real).u8(RdbFormat.RDB_TYPE_HASH_LISTPACK).string("lzf:bomb").lzf(compressed, total).finish();
    }

    private String runIn128m(Path file) throws Exception {
        Path log = tmp.resolve("run.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), RdbReadMain.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void anLzfValueClaiming130MegabytesIsWalkedWithoutAllocatingTheClaim() throws Exception {
        byte[] bomb = lzfBomb();
        assertTrue(bomb.length < 4_000_000, "the file is small: " + bomb.length);
        Path file = Files.write(tmp.resolve("lzf-bomb.rdb"), bomb);
        String out = runIn128m(file);
        // 8020 keys of the real file and the bomb; its 65 million entries are read as elements, the blob's full size reported.
        assertTrue(out.contains("keys=8021 "), out);
        assertTrue(out.contains(" blobbytes="), out);
        long blob = Long.parseLong(out.replaceAll("(?s).*blobbytes=(\\d+).*", "$1"));
        assertTrue(blob >= 6 + 2 * ENTRIES + 1, out);
        long elements = Long.parseLong(out.replaceAll("(?s).*elements=(\\d+).*", "$1"));
        assertTrue(elements >= ENTRIES, out);
    }

    @Test
    void anLzfClaimBeyondLzfsExpansionIsStillRejected() throws IOException {
        byte[] real = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.4.1-jemalloc").resolve("dump.rdb"));
        byte[] lie = RdbBytes.beforeEof(real).u8(RdbFormat.RDB_TYPE_HASH_LISTPACK).string("lzf:lie")
                .lzf(new byte[1000], 200_000_000).finish();
        InputException e = assertThrows(InputException.class, () -> RdbReader.read(new java.io.ByteArrayInputStream(lie),
                Path.of("lie.rdb"), lie.length, ReadLimits.DEFAULTS, new RecordingVisitor()));
        assertTrue(e.getMessage().contains("more than LZF can expand"), e.getMessage());
    }

    @Test
    void aDatabaseNumberOfFiveMillionAllocatesNothingByIt() throws Exception {
        byte[] real = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.4.1-jemalloc").resolve("dump.rdb"));
        byte[] b = RdbBytes.beforeEof(real).u8(RdbFormat.RDB_OPCODE_SELECTDB).len(5_000_000)
                .u8(RdbFormat.RDB_TYPE_STRING).string("far:away").string("value").finish();
        Path file = Files.write(tmp.resolve("db5m.rdb"), b);
        String out = runIn128m(file);
        assertTrue(out.contains("keys=8021 "), out);
        assertTrue(out.contains("maxdb=5000000 "), out);
    }
}
