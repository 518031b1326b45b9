package io.fragscope.source.rdb;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Real RDB files, damaged on purpose: every outcome is a clean result or a positioned InputException. */
class RdbDamageTest {

    static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(SharedFiles.root().resolve("corpus").resolve(name));
    }

    static RecordingVisitor read(byte[] data, ReadLimits limits) throws IOException {
        RecordingVisitor v = new RecordingVisitor();
        RdbReader.read(new ByteArrayInputStream(data), Path.of("damaged.rdb"), data.length, limits, v);
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdt3213-rdb/listpack.rdb", "rdb-tools/ziplist_with_integers.rdb", "hdt3213-rdb/stream_listoacks_3.rdb",
            "redis-replicator/dumpV9.rdb", "rdb-tools/zipmap_that_compresses_easily.rdb", "hdt3213-rdb/hash_with_hfe.rdb"})
    void everyTruncationPointIsATruncatedErrorAfterTheKeysBeforeIt(String name) throws IOException {
        byte[] full = corpus(name);
        int total = read(full, ReadLimits.DEFAULTS).keys.size();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            RecordingVisitor v = new RecordingVisitor();
            InputException e = assertThrows(InputException.class,
                    () -> RdbReader.read(new ByteArrayInputStream(part), Path.of("cut.rdb"), part.length, ReadLimits.DEFAULTS, v),
                    "cut at " + cut);
            if (cut >= 9) {
                assertTrue(e.truncated(), "cut at " + cut + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("cut.rdb: offset "), e.getMessage());
            } else {
                // inside the header: where the file ends and what it held
                assertTrue(e.truncated(), "cut at " + cut + ": " + e.getMessage());
                assertEquals("cut.rdb: offset " + cut + ": truncated: the file ends after " + cut + " bytes ('"
                        + new String(part, java.nio.charset.StandardCharsets.US_ASCII) + "'), inside the 9-byte header ('REDIS' and a 4-digit version)",
                        e.getMessage());
            }
            assertTrue(v.keys.size() <= total);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdt3213-rdb/listpack.rdb", "redis-replicator/dumpV10.rdb", "rdb-tools/ziplist_that_compresses_easily.rdb",
            "redis-tests/encodings.rdb", "hdt3213-rdb/set_listpack.rdb", "redis-replicator/dump-stream.rdb"})
    void singleByteFlipsNeverEscapeAsAnotherException(String name) throws IOException {
        byte[] full = corpus(name);
        Random rnd = new Random(name.hashCode());
        int clean = 0, rejected = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] d = full.clone();
            int at = 9 + rnd.nextInt(d.length - 9);
            d[at] ^= (byte) (1 << rnd.nextInt(8));
            try {
                read(d, ReadLimits.DEFAULTS);
                clean++;
            } catch (InputException e) {
                assertTrue(e.getMessage().startsWith("damaged.rdb: offset "), e.getMessage());
                rejected++;
            }
        }
        assertEquals(2000, clean + rejected);
        assertTrue(rejected > 0, "some flips must be caught");
    }

    @Test
    void aChecksumMismatchIsReportedNotIgnored() throws IOException {
        byte[] d = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.0.15-debian/dump.rdb"));
        assertTrue(read(d, ReadLimits.DEFAULTS).checksumOk);
        d[d.length - 1] ^= 0x40;
        RecordingVisitor v = read(d, ReadLimits.DEFAULTS);
        assertTrue(v.ended);
        assertTrue(v.checksumPresent);
        assertFalse(v.checksumOk);
        assertEquals(8020, v.keys.size());
    }

    @Test
    void aLengthThatClaimsMoreThanTheFileHoldsIsCaughtBeforeAllocating() throws IOException {
        // encodings.rdb (Redis test assets): turn the first key's 6-bit length into a 32-bit claim of 100 MB.
        byte[] full = corpus("redis-tests/encodings.rdb");
        RecordingVisitor probe = read(full, ReadLimits.DEFAULTS);
        assertFalse(probe.keys.isEmpty());
        byte[] d = new byte[full.length + 4];
        // Find the SELECTDB opcode (0xFE, db) and the first type byte after it.
        int p = 9;
        while ((full[p] & 0xff) != 0xfe) p++;
        int typeAt = p + 2;
        while ((full[typeAt] & 0xff) >= 0xf0) typeAt++; // skip RESIZEDB/AUX-free opcodes if any
        System.arraycopy(full, 0, d, 0, typeAt + 1);
        d[typeAt + 1] = (byte) 0x80;
        d[typeAt + 2] = 0x05; d[typeAt + 3] = (byte) 0xf5; d[typeAt + 4] = (byte) 0xe1; d[typeAt + 5] = 0x00;
        System.arraycopy(full, typeAt + 2, d, typeAt + 6, full.length - typeAt - 2);
        InputException e = assertThrows(InputException.class, () -> read(d, ReadLimits.DEFAULTS));
        assertTrue(e.truncated(), e.getMessage());
        assertTrue(e.getMessage().contains("claims 100000000 bytes"), e.getMessage());
    }

    @Test
    void aKeyOverTheLimitNamesTheOptionThatRaisesIt() throws IOException {
        byte[] full = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.4.1-jemalloc/dump.rdb"));
        InputException e = assertThrows(InputException.class, () -> read(full, new ReadLimits(1 << 20, 100, 1L << 30, 64)));
        assertTrue(e.getMessage().contains("exceeds ReadLimits.maxKeyBytes=100 (raise it with ReadLimits.maxKeyBytes)"), e.getMessage());
    }

    @Test
    void oneByteAtATimeGivesTheSameKeys() throws IOException {
        byte[] full = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.2.6-jemalloc/dump.rdb"));
        RecordingVisitor whole = read(full, ReadLimits.DEFAULTS);
        RecordingVisitor trickled = new RecordingVisitor();
        InputStream trickle = new io.fragscope.testing.TrickleInputStream(full);
        RdbReader.read(trickle, Path.of("trickle.rdb"), full.length, ReadLimits.DEFAULTS, trickled);
        assertEquals(whole.keys.size(), trickled.keys.size());
        for (int i = 0; i < whole.keys.size(); i++) {
            assertEquals(whole.keys.get(i).name, trickled.keys.get(i).name);
            assertEquals(whole.keys.get(i).elementLengths, trickled.keys.get(i).elementLengths);
            assertEquals(whole.keys.get(i).blobBytes, trickled.keys.get(i).blobBytes);
        }
        assertTrue(trickled.checksumOk);
    }

    @Test
    void notAnRdbFileSaysWhatItFound() {
        byte[] d = "REDISXXXX and more".getBytes();
        InputException e = assertThrows(InputException.class, () -> read(d, ReadLimits.DEFAULTS));
        assertEquals("damaged.rdb: offset 0: not an RDB file: expected 'REDIS' and a 4-digit version, found 'REDISXXXX'", e.getMessage());
    }

    @Test
    void aListpackWhoseHeaderCountLiesIsCaughtLikeSanitizeDumpPayload() throws IOException {
        byte[] d = corpus("hdt3213-rdb/set_listpack.rdb");
        assertEquals(0x13, d[0x5e]);      // listpack total bytes (19) ...
        assertEquals(0x04, d[0x62]);      // ... and its entry count (4)
        d[0x62] = 0x05;
        InputException e = assertThrows(InputException.class, () -> read(d, ReadLimits.DEFAULTS));
        assertTrue(e.getMessage().contains("listpack header counts 5 entries but holds 4"), e.getMessage());
        assertTrue(e.getMessage().contains("(key 's', set, RDB type 20)"), e.getMessage());
    }

    @Test
    void anLzfBlockWhoseDeclaredSizeLiesIsAnError() throws IOException {
        byte[] d = corpus("rdb-tools/easily_compressible_string_key.rdb");
        assertEquals((byte) 0xc3, d[0x0c]);   // LZF-encoded key: clen 9, ulen 0x40c8 = 200
        assertEquals((byte) 0xc8, d[0x0f]);
        d[0x0f] = (byte) 0xd0;                // now it claims 208 bytes
        InputException e = assertThrows(InputException.class, () -> read(d, ReadLimits.DEFAULTS));
        assertTrue(e.getMessage().contains("LZF data of 9 bytes does not decompress to the declared 208 bytes (damaged compressed bytes)"), e.getMessage());
        assertFalse(e.truncated());
    }

    /**
     * An LZF block cut short must not be completed by what an earlier block left in the reader's buffers: here the
     * second key's 33 compressed bytes are the first 33 of the first key's 42, and the first key's last 9 would
     * complete its 40 declared bytes. The decoder must see that the block ran out and fail.
     */
    @Test
    void anLzfBlockCutShortIsAnErrorEvenWhereStaleBytesWouldCompleteIt() throws IOException {
        byte[] name = "0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] lzf = new byte[42];                 // liblzf literal runs: control byte (length - 1), then the bytes
        lzf[0] = 31;
        System.arraycopy(name, 0, lzf, 1, 32);
        lzf[33] = 7;
        System.arraycopy(name, 32, lzf, 34, 8);
        byte[] real = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.4.1-jemalloc").resolve("dump.rdb"));
        byte[] whole = RdbBytes.beforeEof(real).u8(RdbFormat.RDB_TYPE_STRING).lzf(lzf, 40).string("v").finish();
        RecordingVisitor v = read(whole, ReadLimits.DEFAULTS);
        assertArrayEquals(name, v.keys.get(v.keys.size() - 1).bytes, "the whole block decodes to the name");
        byte[] cut = RdbBytes.beforeEof(real).u8(RdbFormat.RDB_TYPE_STRING).lzf(lzf, 40).string("v")
                .u8(RdbFormat.RDB_TYPE_STRING).lzf(java.util.Arrays.copyOf(lzf, 33), 40).string("w").finish();
        InputException e = assertThrows(InputException.class, () -> read(cut, ReadLimits.DEFAULTS));
        assertTrue(e.getMessage().contains("LZF data of 33 bytes does not decompress to the declared 40 bytes (damaged compressed bytes)"), e.getMessage());
    }

    /** Small files of the newer formats (the RDB fuzz seeds: single keys cut from the 8.x and Valkey 9 groundtruth, and crafted records). */
    static byte[] seed(String name) throws IOException {
        return Files.readAllBytes(Path.of("fragscope-core/src/test/resources/io/fragscope/fuzz/RdbReaderFuzzTestInputs/read").resolve(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"groundtruth-8.0.6-vectorset-rdb", "groundtruth-8.6.3-stream-type26-rdb", "groundtruth-valkey-9.1.2-hash2-rdb",
            "crafted-8.6-idmp-keymeta-rdb", "librdb-redis_ent_opcode_ram_lru-rdb"})
    void newerFormatsCutAnywhereAreTruncatedErrors(String name) throws IOException {
        byte[] full = seed(name);
        int total = read(full, ReadLimits.DEFAULTS).keys.size();
        for (int cut = 9; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            RecordingVisitor v = new RecordingVisitor();
            InputException e = assertThrows(InputException.class,
                    () -> RdbReader.read(new ByteArrayInputStream(part), Path.of("cut.rdb"), part.length, ReadLimits.DEFAULTS, v), "cut at " + cut);
            assertTrue(e.truncated(), "cut at " + cut + ": " + e.getMessage());
            assertTrue(v.keys.size() <= total);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"groundtruth-8.0.6-vectorset-rdb", "groundtruth-8.6.3-stream-type26-rdb", "groundtruth-valkey-9.1.2-hash2-rdb",
            "crafted-8.6-idmp-keymeta-rdb", "valkey-rdb-preamble-aof"})
    void newerFormatsWithFlippedBitsAreReadOrRejectedWithAnOffset(String name) throws IOException {
        byte[] full = seed(name);
        Random rnd = new Random(name.hashCode());
        int rejected = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] d = full.clone();
            int at = 9 + rnd.nextInt(d.length - 9);
            d[at] ^= (byte) (1 << rnd.nextInt(8));
            try {
                read(d, ReadLimits.DEFAULTS);
            } catch (InputException e) {
                assertTrue(e.getMessage().startsWith("damaged.rdb: offset "), e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 0, "some flips must be caught");
    }
}
