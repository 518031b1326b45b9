package io.fragscope.source.rdb;

import io.fragscope.source.InputException;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.Json;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every RDB file in shared/corpus, each its own test: parses to the end, or fails cleanly where it must. */
class RdbCorpusTest {

    /** Files that must fail, and the words their error must contain. */
    static final Map<String, String> MUST_FAIL = Map.of(
            "redis-tests/corrupt_ziplist.rdb", "ziplist of 5 bytes",
            // A 4.0 release-candidate module value (type 6) has no opcodes to skip it by; Redis itself needs the module.
            "redis-replicator/module.rdb", "cannot be skipped without its module");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.walk(SharedFiles.root().resolve("corpus"))) {
            return s.filter(p -> p.toString().endsWith(".rdb")).sorted().toList();
        }
    }

    static String id(Path p) {
        return SharedFiles.root().resolve("corpus").relativize(p).toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesToTheEndOrFailsWithAPositionedError(Path file) throws IOException {
        RecordingVisitor v = new RecordingVisitor();
        String mustFail = MUST_FAIL.get(id(file));
        if (mustFail != null) {
            InputException e = assertThrows(InputException.class, () -> RdbReader.read(file, ReadLimits.DEFAULTS, v));
            assertTrue(e.getMessage().startsWith(file + ": offset "), e.getMessage());
            assertTrue(e.getMessage().contains(mustFail), e.getMessage());
            assertTrue(e.getMessage().contains("(key '"), "names the key: " + e.getMessage());
            assertFalse(v.keys.isEmpty(), "keys before the error are delivered");
            return;
        }
        RdbReader.read(file, ReadLimits.DEFAULTS, v);
        assertTrue(v.ended, "reached the EOF marker");
        for (RecordingVisitor.Key k : v.keys) {
            // The reader gives every key its cluster slot (keyHashSlot over the name's bytes).
            if (!k.longName) assertEquals(io.fragscope.source.ClusterSlot.slot(k.bytes, k.bytes.length), k.slot, k.name.escaped());
        }
        assertEquals(List.of(), v.warnings, "nothing left unread");
        assertEquals(-1, v.aofTailBytes, "no AOF tail");
        // redis-rdb-tools' module dump has 40 ASCII bytes after its checksum; Redis stops at the EOF opcode too.
        assertEquals(id(file).equals("rdb-tools/redis_40_with_module.rdb") ? 40 : -1, v.trailingBytes, "bytes after the checksum");
        if (v.checksumPresent) assertTrue(v.checksumOk, "checksum matches");
        if (v.version >= 5 && v.version < 80 && !id(file).contains("rdb_version_5")) {
            // Redis 2.6+ always writes a checksum unless rdbchecksum is off; either way the trailer was read.
            assertTrue(v.ended);
        }
    }

    static List<Path> decoded() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : corpus()) {
            Path json = p.resolveSibling(p.getFileName().toString().replace(".rdb", ".json"));
            if (Files.exists(json)) out.add(p);
        }
        return out;
    }

    /** HDT3213/rdb's own decodings beside its files: same keys, types, element counts, lengths and expiries. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("decoded")
    @SuppressWarnings("unchecked")
    void agreesWithTheReferenceDecoding(Path file) throws IOException {
        RecordingVisitor v = new RecordingVisitor();
        RdbReader.read(file, ReadLimits.DEFAULTS, v);
        List<Map<String, Object>> all = (List<Map<String, Object>>) Json.read(file.resolveSibling(file.getFileName().toString().replace(".rdb", ".json")));
        // The reference lists AUX fields and functions as entries too: check those apart from keys.
        List<Map<String, Object>> expected = all.stream().filter(e -> !List.of("aux", "function", "functions").contains(e.get("type"))).toList();
        for (Map<String, Object> e : all) {
            if ("aux".equals(e.get("type"))) assertEquals(e.get("value"), v.aux.get((String) e.get("key")), "aux " + e.get("key"));
        }
        assertEquals(expected.size(), v.keys.size(), "key count");
        Map<String, RecordingVisitor.Key> byName = new HashMap<>();
        // A name over KeyName.MAX_HELD bytes reaches a visitor cut (its head, full length and hash): compare those.
        for (RecordingVisitor.Key k : v.keys) {
            byName.put(k.db + "\u0000" + (k.longName ? k.name.escaped() : new String(k.bytes, StandardCharsets.UTF_8)), k);
        }
        for (Map<String, Object> e : expected) {
            String key = (String) e.get("key");
            String name = ((Number) e.get("db")).intValue() + "\u0000"
                    + (key.getBytes(StandardCharsets.UTF_8).length > io.fragscope.source.KeyName.MAX_HELD ? io.fragscope.source.KeyName.ofUtf8(key).escaped() : key);
            RecordingVisitor.Key k = byName.get(name);
            assertNotNull(k, "key " + e.get("key"));
            String type = (String) e.get("type");
            assertEquals(type, RdbFormat.typeName(k.type), "type of " + k);
            assertEquals(e.containsKey("expiration"), k.expireAt >= 0, "expiry of " + k);
            switch (type) {
                case "string" -> {
                    String value = (String) e.get("value");
                    if (value.chars().allMatch(c -> c < 128)) assertEquals(value.length(), k.stringLength, "length of " + k);
                }
                case "list" -> assertLengths((List<Object>) e.get("values"), k);
                case "set" -> assertLengths((List<Object>) e.get("members"), k);
                case "zset" -> assertEquals(((List<Object>) e.get("entries")).size(), RecordingVisitor.elements(k), "members of " + k);
                case "hash" -> assertEquals(((Map<String, Object>) e.get("hash")).size(), RecordingVisitor.elements(k), "fields of " + k);
                case "stream" -> assertEquals(((Number) e.get("len")).longValue(), k.streamLength, "length of " + k);
                default -> { }
            }
        }
    }

    private static void assertLengths(List<Object> values, RecordingVisitor.Key k) {
        assertEquals(values.size(), RecordingVisitor.elements(k), "elements of " + k);
        if (values.stream().allMatch(o -> o.toString().chars().allMatch(c -> c < 128))) {
            List<Long> want = values.stream().map(o -> (long) o.toString().length()).sorted().toList();
            assertEquals(want, k.elementLengths.stream().sorted().toList(), "element lengths of " + k);
        }
    }

    /** The ten groundtruth builds: every key of keys.csv, with TYPE and its element count (STRLEN, HLEN, …). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.fragscope.testing.SharedFiles#groundTruthBuilds")
    void groundTruthRdbHasEveryKeyWithItsElementCount(Path build) throws IOException {
        RecordingVisitor v = new RecordingVisitor();
        RdbReader.read(build.resolve("dump.rdb"), ReadLimits.DEFAULTS, v);
        assertTrue(v.checksumOk);
        Map<String, RecordingVisitor.Key> read = new HashMap<>();
        for (RecordingVisitor.Key k : v.keys) read.put(k.db + ":" + k.name.escaped(), k);
        List<String> lines = Files.readAllLines(build.resolve("keys.csv"));
        assertEquals(lines.size() - 1, v.keys.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = parseCsv(line);
            RecordingVisitor.Key k = read.get(f[0] + ":" + KeyName.unescape(f[1]).escaped());
            assertNotNull(k, "key " + f[1]);
            assertEquals(f[2], k.typeName(), "type of " + k);
            assertEquals(Long.parseLong(f[5]), RecordingVisitor.elements(k), "elements of " + k);
            assertEquals(!f[6].equals("-1"), k.expireAt >= 0, "TTL of " + k);
        }
    }

    /** keys.csv quotes only names with commas or quotes. */
    static String[] parseCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') q = false;
                else cur.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
