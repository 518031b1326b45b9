package io.fragscope.source.rdb;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Format versions and dialects on real files: Redis 8.6 (RDB 13), Redis 8.0 vector sets, Valkey 8.1 (REDIS0011 with
 * valkey-ver) and 9.1 (VALKEY080), versions newer than known (librdb's REDIS0099, Valkey's own REDIS0075 and VALKEY987
 * test assets), Redis Enterprise opcodes (librdb's RAM_LRU dump) and an AOF with an RDB preamble (Redis's test asset).
 * The small files are copied into src/test/resources from redis/librdb test/dumps and valkey 9.1.2 tests/assets.
 */
class RdbFormatVersionsTest {

    static Path resource(String name) {
        try {
            return Path.of(RdbFormatVersionsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RecordingVisitor read(Path file) throws IOException {
        RecordingVisitor v = new RecordingVisitor();
        RdbReader.read(file, ReadLimits.DEFAULTS, v);
        return v;
    }

    static Map<Integer, Integer> types(RecordingVisitor v) {
        Map<Integer, Integer> t = new TreeMap<>();
        for (RecordingVisitor.Key k : v.keys) t.merge(k.type, 1, Integer::sum);
        return t;
    }

    @Test
    void redis86StreamsOfType26ReadWithTheirIdsAndEmptyIdmpSections() throws IOException {
        for (String build : List.of("8.6.3-jemalloc", "8.6.3-libc")) {
            RecordingVisitor v = read(SharedFiles.groundTruth().resolve(build).resolve("dump.rdb"));
            assertEquals(13, v.version);
            assertTrue(v.ended && v.checksumOk, build);
            assertEquals(List.of(), v.warnings, build);
            assertEquals(8716, v.keys.size(), build);
            assertEquals(5, types(v).get(RdbFormat.RDB_TYPE_STREAM_LISTPACKS_4), build);
            long nodes = 0, pel = 0, cpel = 0;
            for (RecordingVisitor.Key k : v.keys) {
                if (k.type != RdbFormat.RDB_TYPE_STREAM_LISTPACKS_4) continue;
                // This dataset uses no XADD IDMP: every type-26 stream has an IDMP section with no producer.
                assertEquals(0, k.idmpProducers, k.toString());
                assertEquals(0, k.idmpEntries, k.toString());
                nodes += k.streamNodeIds.size();
                pel += k.pendingEntries;
                cpel += k.consumerPendingIds;
                // Node master IDs ascend: they are the keys of the stream's radix tree, in tree order.
                for (int i = 1; i < k.streamNodeIds.size(); i++) {
                    long[] a = k.streamNodeIds.get(i - 1), b = k.streamNodeIds.get(i);
                    assertTrue(a[0] < b[0] || a[0] == b[0] && a[1] < b[1], "node ids ascend in " + k);
                }
            }
            assertEquals(43, nodes, build);
            // Every global PEL entry is owned by exactly one consumer (rdb.c checks each consumer PEL id in the group PEL).
            assertEquals(965, pel, build);
            assertEquals(pel, cpel, build);
        }
    }

    @Test
    void vectorSetsOfRedis8AreDecodedAndNamedAsTypeSaysThem() throws IOException {
        for (String build : List.of("8.0.6-jemalloc", "8.0.6-libc", "8.6.3-jemalloc", "8.6.3-libc")) {
            RecordingVisitor v = read(SharedFiles.groundTruth().resolve(build).resolve("dump.rdb"));
            List<RecordingVisitor.Key> sets = v.keys.stream().filter(k -> "vectorset".equals(k.typeName())).toList();
            assertEquals(10, sets.size(), build);
            long nodes = 0, layers = 0;
            for (RecordingVisitor.Key k : sets) {
                assertEquals(k.vectorSetElements, k.vectorSetNodes, "one node event per element of " + k);
                assertTrue(k.vectorSetLayers >= k.vectorSetNodes, "every node has layer 0: " + k);
                nodes += k.vectorSetNodes;
                layers += k.vectorSetLayers;
            }
            assertEquals(1480, nodes, build);
            // Levels are random per build (hnsw.c hnsw_random_level), so layers only have a floor and a plausible ceiling.
            assertTrue(layers > nodes && layers < nodes * 2, build + ": " + layers);
        }
    }

    @Test
    void valkeyFilesTakeTheirMeaningsFromTheMagic() throws IOException {
        RecordingVisitor v91 = read(SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc").resolve("dump.rdb"));
        assertEquals(80, v91.version);
        assertEquals("9.1.2", v91.aux.get("valkey-ver"));
        assertEquals(List.of(), v91.warnings);
        assertEquals(542, types(v91).get(RdbFormat.VALKEY_RDB_TYPE_HASH_2), "Valkey's type 22: hashes with field expiry");
        RecordingVisitor r86 = read(SharedFiles.groundTruth().resolve("8.6.3-jemalloc").resolve("dump.rdb"));
        // The same dataset written by Redis 8.6 as types 24 and 25: the same fields carry a TTL in both files.
        long valkeyTtls = v91.keys.stream().mapToLong(k -> k.fieldsWithTtl).sum();
        long redisTtls = r86.keys.stream().mapToLong(k -> k.fieldsWithTtl).sum();
        assertTrue(valkeyTtls > 1000, "field TTLs read: " + valkeyTtls);
        assertEquals(redisTtls, valkeyTtls);

        RecordingVisitor v81 = read(SharedFiles.groundTruth().resolve("valkey-8.1.1-jemalloc").resolve("dump.rdb"));
        assertEquals(11, v81.version, "Valkey 8.1 writes REDIS0011");
        assertEquals("8.1.1", v81.aux.get("valkey-ver"));
        assertEquals(8164, v81.keys.size());

        // Valkey's own asset: REDIS0012 written by Valkey ("foreign version" that Valkey loads when relaxed): key foo.
        RecordingVisitor rdb12 = read(resource("valkey-encodings-rdb12.rdb"));
        assertEquals(1, rdb12.keys.size());
        assertEquals("foo", rdb12.keys.get(0).name.escaped());
        assertEquals(List.of(), rdb12.warnings);
    }

    @Test
    void aFutureVersionIsReadAsFarAsKnownAndSaysSo() throws IOException {
        // librdb's future_v19.rdb is REDIS0099 with one string key; its trailer is the checksum of the original file.
        RecordingVisitor v = read(resource("librdb-future_v19.rdb"));
        assertEquals(99, v.version);
        assertEquals(1, v.keys.size());
        assertEquals(1, v.warnings.size());
        assertTrue(v.warnings.get(0).startsWith("RDB version 99 is newer than the newest this reader knows (13)"), v.warnings.get(0));
        // The magic, not the number, says whose file it is: REDIS0099 and REDIS0075 are Redis's, VALKEY987 Valkey's.
        for (var f : java.util.Map.of("librdb-future_v19.rdb", false, "valkey-encodings-rdb75-unknown-types.rdb", false,
                "valkey-encodings-rdb987.rdb", true).entrySet()) {
            io.fragscope.analysis.dataset.RdbHeader h = io.fragscope.analysis.dataset.RdbHeader.read(io.fragscope.source.InputSource.of(resource(f.getKey())));
            assertEquals(f.getValue(), h.valkeyMagic(), f.getKey());
        }

        // Valkey's VALKEY987 asset holds only known types: all 13 keys, flagged.
        RecordingVisitor v987 = read(resource("valkey-encodings-rdb987.rdb"));
        assertEquals(13, v987.keys.size());
        assertTrue(v987.ended);
        assertTrue(v987.warnings.get(0).startsWith("Valkey RDB version 987 is newer than the newest this reader knows (80)"), v987.warnings.get(0));

        // Its twins with an unknown type 150: a positioned error that names both versions.
        for (String f : List.of("valkey-encodings-rdb987-unknown-types.rdb", "valkey-encodings-rdb75-unknown-types.rdb")) {
            RecordingVisitor u = new RecordingVisitor();
            InputException e = assertThrows(InputException.class, () -> RdbReader.read(resource(f), ReadLimits.DEFAULTS, u));
            assertEquals("offset 91", e.position(), e.getMessage());
            assertTrue(e.getMessage().contains("unknown RDB type or opcode 0x96"), e.getMessage());
            assertTrue(e.getMessage().contains(f.contains("987") ? "Valkey RDB version 987, newer than the newest this reader knows (80)"
                    : "RDB version 75, newer than the newest this reader knows (13)"), e.getMessage());
            assertEquals(1, u.warnings.size());
        }
    }

    @Test
    void keysBeforeAnUnknownTypeOfAFutureVersionAreKept() throws IOException {
        // VALKEY987 with its 13 known keys, then an unknown type: a file derived from Valkey's asset.
        byte[] b = Files.readAllBytes(resource("valkey-encodings-rdb987.rdb"));
        int eof = b.length - 9;
        assertEquals((byte) 0xff, b[eof]);
        byte[] cut = java.util.Arrays.copyOf(b, eof + 1 + 9);
        cut[eof] = (byte) 0x96;
        RecordingVisitor v = new RecordingVisitor();
        InputException e = assertThrows(InputException.class, () -> RdbReader.read(
                new java.io.ByteArrayInputStream(cut), Path.of("derived.rdb"), cut.length, ReadLimits.DEFAULTS, v));
        assertEquals(13, v.keys.size(), "the keys before the unknown type");
        assertTrue(e.getMessage().contains("the 13 keys before it were read"), e.getMessage());
    }

    @Test
    void redisEnterpriseOpcodesAreSkippedByTheirLength() throws IOException {
        // librdb's dump from Redis Enterprise 7.4.2: three string keys, each after a RAM_LRU opcode (107) and its length.
        RecordingVisitor v = read(resource("librdb-redis_ent_opcode_ram_lru.rdb"));
        assertEquals(List.of("a", "e", "c"), v.keys.stream().map(k -> k.name.escaped()).toList());
        assertEquals(List.of("107:3", "107:3", "107:2"), v.skipped, "opcode and bytes: 0x6b 0x40 0x43, 0x6b 0x40 0x5c, 0x6b 0x32");
        assertTrue(v.ended && v.checksumOk);
        assertEquals(List.of(), v.warnings);
    }

    @Test
    void anAofWithAnRdbPreambleHasItsTailCounted() throws IOException {
        // Redis's (and Valkey's) tests/assets/rdb-preamble.aof: an RDB with k1, k2, then "SELECT 0" and "set k3 v3".
        RecordingVisitor v = read(resource("valkey-rdb-preamble.aof"));
        assertEquals(2, v.keys.size());
        assertTrue(v.checksumOk);
        assertEquals(52, v.aofTailBytes);
        assertEquals(2, v.aofTailCommands);
        assertTrue(v.aofTailClean);

        // Cut inside the last command: one complete command, an unclean end, all bytes still counted.
        byte[] b = Files.readAllBytes(resource("valkey-rdb-preamble.aof"));
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 4);
        RecordingVisitor c = new RecordingVisitor();
        RdbReader.read(new java.io.ByteArrayInputStream(cut), Path.of("cut.aof"), cut.length, ReadLimits.DEFAULTS, c);
        assertEquals(48, c.aofTailBytes);
        assertEquals(1, c.aofTailCommands);
        assertFalse(c.aofTailClean);
    }

    /** Collects the IDMP and key metadata events in order, as text. */
    static final class Log extends RecordingVisitor {
        final List<String> log = new java.util.ArrayList<>();

        @Override public void streamIdmp(long d, long max, long producers) {
            super.streamIdmp(d, max, producers);
            log.add("idmp " + d + " " + max + " " + producers);
        }

        @Override public void streamIdmpProducer(byte[] pid, int len, long entries) {
            log.add("producer " + new String(pid, 0, len, java.nio.charset.StandardCharsets.UTF_8) + " " + entries);
        }

        @Override public void streamIdmpEntry(long iid, long ms, long seq) {
            super.streamIdmpEntry(iid, ms, seq);
            log.add("entry " + iid + " " + ms + "-" + seq);
        }

        @Override public void streamIdmpEnd(long added, long duplicates) { log.add("end " + added + " " + duplicates); }

        @Override public void keyMetadata(String cls, int version, int flags, long bytes) {
            super.keyMetadata(cls, version, flags, bytes);
            log.add("meta " + cls + " " + version + " " + flags + " " + bytes);
        }
    }

    /**
     * No real file here has IDMP producers (this machine has no Redis 8.6 server): a type-26 stream written as rdb.c
     * rdbSaveObject and rdbSaveStreamIdmpEntries write it, appended to the real 8.6.3 file.
     */
    @Test
    void idmpProducersAndEntriesOfType26AreReported() throws IOException {
        byte[] real = Files.readAllBytes(SharedFiles.groundTruth().resolve("8.6.3-libc").resolve("dump.rdb"));
        RdbBytes b = RdbBytes.beforeEof(real).u8(RdbFormat.RDB_TYPE_STREAM_LISTPACKS_4).string("stream:idmp")
                .len(0) // no listpack node: an empty stream
                .len(0).len(0).len(0) // length, last id
                .len(0).len(0).len(0).len(0).len(0) // first id, max deleted id, entries added
                .len(0) // consumer groups
                .len(120).len(1000).len(2) // IDMP duration, max entries, producers
                .string("producer-1").len(2).string("iid-a").len(1700000000000L).len(0).string("iid-bb").len(1700000000001L).len(3)
                .string("p2").len(1).string("x").len(5).len(1)
                .len(3).len(1); // iids added, duplicates
        byte[] file = b.finish();
        Log v = new Log();
        RdbReader.read(new java.io.ByteArrayInputStream(file), Path.of("idmp.rdb"), file.length, ReadLimits.DEFAULTS, v);
        assertEquals(8717, v.keys.size());
        assertEquals(List.of("idmp 120 1000 2", "producer producer-1 2", "entry 5 1700000000000-0", "entry 6 1700000000001-3",
                "producer p2 1", "entry 1 5-1", "end 3 1"), v.log.subList(v.log.size() - 7, v.log.size()));
    }

    /**
     * No real file here has key metadata (it needs a module that registers a metadata class): a KEY_META opcode as
     * keymeta.c rdbSaveKeyMetadata writes it (class count, 32-bit class spec, module-opcode value, EOF) before a
     * string key, appended to the real 8.6.3 file.
     */
    @Test
    void keyMetadataBeforeAKeyIsSkippedAndReported() throws IOException {
        byte[] real = Files.readAllBytes(SharedFiles.groundTruth().resolve("8.6.3-libc").resolve("dump.rdb"));
        String charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        long name = 0;
        for (char c : "KMT1".toCharArray()) name = name << 6 | charset.indexOf(c);
        long spec = name << 8 | 3 << 3 | 1; // version 3, flags 1 (ALLOW_IGNORE)
        byte[] file = RdbBytes.beforeEof(real).u8(RdbFormat.RDB_OPCODE_KEY_META).len(1)
                .u8((int) spec & 0xff).u8((int) (spec >> 8) & 0xff).u8((int) (spec >> 16) & 0xff).u8((int) (spec >> 24) & 0xff)
                .u8(2).len(42).u8(0) // RDB_MODULE_OPCODE_UINT 42, RDB_MODULE_OPCODE_EOF
                .u8(RdbFormat.RDB_TYPE_STRING).string("with:meta").string("v").finish();
        Log v = new Log();
        RdbReader.read(new java.io.ByteArrayInputStream(file), Path.of("meta.rdb"), file.length, ReadLimits.DEFAULTS, v);
        assertEquals(8717, v.keys.size());
        RecordingVisitor.Key k = v.keys.get(v.keys.size() - 1);
        assertEquals("with:meta", k.name.escaped());
        assertEquals(List.of("KMT1/3/1/3"), k.keyMetadata);
        assertTrue(v.keys.subList(0, 8716).stream().allMatch(x -> x.keyMetadata.isEmpty()));
    }

    /**
     * No source or file of RDB 14 (Redis 8.8) or VALKEY081 (Valkey 9.2) is here: the real 8.6.3 and 9.1.2 files with
     * the magic's version raised read every key with the known layouts and say the version is newer than known.
     */
    @Test
    void rdb14AndValkey081AreNewerThanKnownAndReadAsFarAsKnown() throws IOException {
        for (String[] c : new String[][] {{"8.6.3-jemalloc", "REDIS0014", "RDB version 14 is newer than the newest this reader knows (13)", "8716"},
                {"valkey-9.1.2-jemalloc", "VALKEY081", "Valkey RDB version 81 is newer than the newest this reader knows (80)", "8706"}}) {
            byte[] b = Files.readAllBytes(SharedFiles.groundTruth().resolve(c[0]).resolve("dump.rdb"));
            System.arraycopy(c[1].getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, 9);
            RecordingVisitor v = new RecordingVisitor();
            RdbReader.read(new java.io.ByteArrayInputStream(b), Path.of(c[1]), b.length, ReadLimits.DEFAULTS, v);
            assertEquals(Long.parseLong(c[3]), v.keys.size(), c[1]);
            assertTrue(v.warnings.get(0).startsWith(c[2]), v.warnings.get(0));
            assertTrue(v.ended, c[1]);
            assertFalse(v.checksumOk, "the trailer is the checksum of the unchanged file");
        }
    }
}
