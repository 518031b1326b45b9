package io.fragscope.source.rdb;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A listpack or intset that is a key's whole value, whose entries no visitor wants, is taken by its header and skipped
 * (RdbReader.headerOnly), not decompressed nor walked: the checks a loading server makes with sanitize-dump-payload at
 * its default. What that leaves unchecked, the CRC64 covers.
 */
class HeaderOnlyBlobTest {

    /** Records the blob events; wants no entries unless told to. */
    static final class Blobs extends RecordingVisitor {
        final boolean wants;
        final List<String> events = new ArrayList<>();
        final List<long[]> keySpans = new ArrayList<>();
        private long begin;

        Blobs(boolean wants) { this.wants = wants; }

        @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return wants; }

        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
            super.beginKey(db, key, keyLength, slot, rdbType, declaredLength, expireAtMs, offset);
            begin = offset;
        }

        @Override public void blob(BlobKind kind, long rawBytes, long entries) {
            super.blob(kind, rawBytes, entries);
            events.add("blob " + kind + " " + rawBytes + " " + entries);
        }

        @Override public void entriesCounted(long entries) { events.add("counted " + entries); }

        @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {
            super.element(role, length, integer, value, inBlob);
            events.add("element " + length);
        }

        @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) {
            super.endKey(endOffset, lruIdleSeconds, lfuFreq);
            keySpans.add(new long[] {begin, endOffset});
        }
    }

    static <V extends RecordingVisitor> V read(byte[] data, V v) throws IOException {
        RdbReader.read(new ByteArrayInputStream(data), Path.of("blobs.rdb"), data.length, ReadLimits.DEFAULTS, v);
        return v;
    }

    /** A listpack of short strings (listpack.c: 6-byte header, 0x80|len, bytes, 1-byte back-length, 0xFF). */
    static byte[] listpack(String... entries) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes(new byte[6]);
        for (String e : entries) {
            byte[] b = e.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            o.write(0x80 | b.length);
            o.writeBytes(b);
            o.write(1 + b.length);
        }
        o.write(0xff);
        byte[] lp = o.toByteArray();
        for (int i = 0; i < 4; i++) lp[i] = (byte) (lp.length >>> (8 * i));
        lp[4] = (byte) entries.length;
        return lp;
    }

    private static byte[] real() throws IOException {
        return Files.readAllBytes(SharedFiles.groundTruth().resolve("7.4.1-jemalloc").resolve("dump.rdb"));
    }

    @Test
    void aCompressedListpackNobodyWantsIsPricedByItsHeaderWithoutDecoding() throws IOException {
        byte[] lp = listpack("field-one", "value-number-one", "field-two", "value-number-two");
        assertTrue(lp.length > 32, "two literal runs");
        byte[] lzf = RdbBytes.lzfPeriodic(lp, new byte[0], 0, new byte[0]);
        assertEquals(31, lzf[0], "the first run holds 32 bytes, the header among them");
        lzf[33] = (byte) 0xe0;   // the second run's control byte: now a back-reference far before the start
        byte[] file = RdbBytes.beforeEof(real()).u8(RdbFormat.RDB_TYPE_HASH_LISTPACK).string("h").lzf(lzf, lp.length).finish();

        Blobs skipped = read(file, new Blobs(false));
        assertTrue(skipped.ended, "read to the end");
        assertEquals(List.of("blob LISTPACK " + lp.length + " 4", "counted 4"),
                skipped.events.subList(skipped.events.size() - 2, skipped.events.size()));
        assertEquals("h", skipped.keys.get(skipped.keys.size() - 1).name.escaped());

        // Wanted, or with every blob sanitized (as redis-check-rdb does), the same blob is decompressed and its damage
        // found where it lies.
        String lzfError = "LZF data of " + lzf.length + " bytes does not decompress to the declared " + lp.length + " bytes";
        InputException e = assertThrows(InputException.class, () -> read(file, new Blobs(true)));
        assertTrue(e.getMessage().contains(lzfError), e.getMessage());
        InputException s = assertThrows(InputException.class, () -> RdbReader.read(new ByteArrayInputStream(file), Path.of("blobs.rdb"),
                file.length, ReadLimits.DEFAULTS.sanitizingBlobs(true), new Blobs(false)));
        assertTrue(s.getMessage().contains(lzfError), s.getMessage());
    }

    @Test
    void aHeaderThatDisagreesWithTheBlobIsWalkedAndItsErrorNamed() throws IOException {
        byte[] lp = listpack("a", "b", "c");
        lp[0]++;   // total bytes one more than the blob holds
        byte[] file = RdbBytes.beforeEof(real()).u8(RdbFormat.RDB_TYPE_SET_LISTPACK).string("s").string(lp).finish();
        InputException e = assertThrows(InputException.class, () -> read(file, new Blobs(false)));
        assertTrue(e.getMessage().contains("listpack header says " + (lp.length + 1) + " bytes but the blob has " + lp.length), e.getMessage());
    }

    @Test
    void aPlainListpackWithoutItsEndByteIsWalkedAndItsErrorNamed() throws IOException {
        byte[] lp = listpack("a", "b", "c");
        lp[lp.length - 1] = 0x7f;
        byte[] file = RdbBytes.beforeEof(real()).u8(RdbFormat.RDB_TYPE_SET_LISTPACK).string("s").string(lp).finish();
        InputException e = assertThrows(InputException.class, () -> read(file, new Blobs(false)));
        assertTrue(e.getMessage().contains("listpack does not end with 0xFF"), e.getMessage());
    }

    @Test
    void anIntsetNobodyWantsIsCountedByItsHeader() throws IOException {
        byte[] intset = {2, 0, 0, 0, 3, 0, 0, 0, 1, 0, 2, 0, 3, 0};   // int16 encoding, 3 members: 1, 2, 3
        byte[] file = RdbBytes.beforeEof(real()).u8(RdbFormat.RDB_TYPE_SET_INTSET).string("i").string(intset).finish();
        Blobs skipped = read(file, new Blobs(false));
        assertEquals(List.of("blob INTSET 14 3", "counted 3"), skipped.events.subList(skipped.events.size() - 2, skipped.events.size()));
        Blobs walked = read(file, new Blobs(true));
        assertEquals(List.of("blob INTSET 14 3", "element 1", "element 1", "element 1"),
                walked.events.subList(walked.events.size() - 4, walked.events.size()));
    }

    /**
     * A real file's compressed listpack hashes, each damaged in its last compressed byte: read by header, every one is
     * still caught, by the checksum (the file is then reported with a checksum mismatch).
     */
    @Test
    void damageInsideASkippedBlobOfARealFileIsCaughtByTheChecksum() throws IOException {
        byte[] full = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.0.15-debian").resolve("dump.rdb"));
        Blobs clean = read(full, new Blobs(false));
        assertTrue(clean.checksumPresent && clean.checksumOk);
        int damaged = 0;
        for (int i = 0; i < clean.keys.size() && damaged < 20; i++) {
            RecordingVisitor.Key k = clean.keys.get(i);
            long[] span = clean.keySpans.get(i);
            int p = (int) span[0] + 1;                              // after the type byte: the name's 6-bit length
            if (k.type != RdbFormat.RDB_TYPE_HASH_LISTPACK || (full[p] & 0xc0) != 0) continue;
            p += 1 + (full[p] & 0x3f);
            if ((full[p] & 0xff) != 0xc3) continue;                 // the value is LZF-compressed
            byte[] d = full.clone();
            d[(int) span[1] - 1] ^= 0x20;
            Blobs v = read(d, new Blobs(false));
            assertTrue(v.ended && v.checksumPresent && !v.checksumOk, "key " + k);
            assertEquals(clean.keys.size(), v.keys.size());
            damaged++;
        }
        assertTrue(damaged > 0, "the file has compressed listpack hashes");
    }
}
