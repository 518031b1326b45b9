package io.fragscope.source.info;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class InfoParserTest {

    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);

    static List<Path> builds() throws IOException { return SharedFiles.groundTruthBuilds(); }

    /** notes.md of each build states used_memory of both captures, measured by the tool that made them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void readsUsedMemoryOfEveryRealBuildAsItsNotesState(Path build) throws IOException {
        InfoDump empty = parser.parse(build.resolve("info-empty.txt"));
        InfoDump loaded = parser.parse(build.resolve("info-reloaded.txt"));
        assertEquals(SharedFiles.noteNumber(build, "used_memory, empty server"), empty.bytes("used_memory").getAsLong());
        assertEquals(SharedFiles.noteNumber(build, "used_memory, after loading"), loaded.bytes("used_memory").getAsLong());
        assertFalse(loaded.partial(), () -> "warnings: " + loaded.warnings());
        // Valkey names itself in server_name and valkey_version; its redis_version is a fixed 7.2.4 for clients.
        String dir = build.getFileName().toString();
        boolean valkey = dir.startsWith("valkey-");
        String version = dir.replaceFirst("^valkey-", "").split("-")[0];
        assertEquals(valkey ? "valkey" : "redis", loaded.product());
        assertEquals(version, loaded.serverVersion());
        assertEquals(version, empty.serverVersion());
        if (valkey) {
            assertEquals("valkey", loaded.text("server_name").orElseThrow());
            assertEquals("7.2.4", loaded.text("redis_version").orElseThrow());
        } else {
            assertEquals(version, loaded.text("redis_version").orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void keyspaceLinesCountTheKeysTheNotesState(Path build) throws IOException {
        InfoDump loaded = parser.parse(build.resolve("info-reloaded.txt"));
        long keys = loaded.keyspace().stream().mapToLong(KeyspaceEntry::keys).sum();
        assertEquals(SharedFiles.noteNumber(build, "Keys"), keys);
        assertEquals(2, loaded.keyspace().size());
    }

    /** Every field of the real dump, with section and all, survives each way people mangle a paste. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("manglings")
    void manglingsOfARealDumpParseToTheSameFields(String name, UnaryOperator<String> mangle) throws IOException {
        Path real = SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt");
        String text = Files.readString(real);
        Map<String, String> expected = parser.parse(real).asMap();
        InfoDump mangled = parse(mangle.apply(text));
        assertEquals(expected, mangled.asMap());
        assertEquals(2, mangled.keyspace().size());
    }

    static List<Object[]> manglings() {
        return List.of(
                new Object[] {"LF instead of CRLF", (UnaryOperator<String>) s -> s.replace("\r\n", "\n")},
                new Object[] {"no section headers", (UnaryOperator<String>) s -> s.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n", "", "\n"))},
                new Object[] {"blank line after every line", (UnaryOperator<String>) s -> s.lines().collect(Collectors.joining("\n\n", "", "\n"))},
                new Object[] {"indented", (UnaryOperator<String>) s -> s.lines().map(l -> "    " + l).collect(Collectors.joining("\n", "", "\n"))},
                new Object[] {"redis-cli prompt first", (UnaryOperator<String>) s -> "127.0.0.1:6379> info all\n" + s + "\n127.0.0.1:6379> "},
                new Object[] {"space after the colon", (UnaryOperator<String>) s -> s.lines().map(l -> l.replaceFirst("^([a-z_0-9]+):", "$1: ")).collect(Collectors.joining("\n", "", "\n"))},
                new Object[] {"ticket prose around it", (UnaryOperator<String>) s -> "Hi team, here is the INFO from prod:\n\n" + s + "\nThanks, Bob\n"});
    }

    @Test
    void aPasteCutInTheMemorySectionIsPartialAndSaysWhy() throws IOException {
        String text = Files.readString(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt"));
        String cut = text.substring(0, text.indexOf("used_memory_rss:"));
        InfoDump d = parse(cut);
        assertTrue(d.partial());
        assertTrue(d.warnings().get(0).contains("used_memory_rss"), d.warnings().toString());
        assertEquals(6808248L, d.bytes("used_memory").getAsLong());
    }

    /** The real 7.0.15 dump with its lines matching {@code regex} replaced. */
    private InfoDump realDumpWith(String regex, String replacement) throws IOException {
        return parse(Files.readString(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt")).replaceAll(regex, replacement));
    }

    @Test
    void aByteFieldThatIsNotANumberIsAPositionedWarningNotAGuess() throws IOException {
        InfoDump d = realDumpWith("used_memory_peak:", "used_memory_peak:x");
        assertTrue(d.partial());
        assertTrue(d.bytes("used_memory_peak").isEmpty());
        assertTrue(d.warnings().get(0).matches("line \\d+: used_memory_peak is not a byte count.*"), d.warnings().toString());
    }

    /** used_memory present but no number: said once, at its line, not also "no used_memory field" (the section is there). */
    @Test
    void usedMemoryThatIsNotANumberIsNotAlsoAMissingField() throws IOException {
        InfoDump d = realDumpWith("(?m)^used_memory:\\d+", "used_memory:12x34");
        assertTrue(d.partial());
        assertEquals(1, d.warnings().size(), d.warnings().toString());
        assertTrue(d.warnings().get(0).matches("line \\d+: used_memory is not a byte count \\('12x34'\\)"), d.warnings().toString());
    }

    @Test
    void humanFieldsNeverReplaceByteFields() throws IOException {
        InfoDump d = parse(Files.readString(SharedFiles.groundTruth().resolve("3.2.13-jemalloc/info-reloaded.txt")));
        assertEquals("6.55M", d.text("used_memory_human").orElseThrow());
        assertEquals(6870048L, d.bytes("used_memory").getAsLong());
    }

    /** A plain dump needs no normalising: every value read is the text after its line's colon ({@code 232B}, {@code 00000000} too). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void everyValueOfARealDumpIsTheTextTheServerWrote(Path build) throws IOException {
        for (String name : List.of("info-empty.txt", "info-reloaded.txt")) {
            Path file = build.resolve(name);
            List<String> lines = Files.readAllLines(file);
            InfoDump d = parser.parse(file);
            assertFalse(d.fields().isEmpty());
            for (InfoField f : d.fields()) {
                String line = lines.get((int) f.line() - 1);
                assertEquals(line.substring(line.indexOf(':') + 1).strip(), f.value(), file + ": line " + f.line());
            }
        }
    }

    @Test
    void aSpacedByteAnnotationIsDroppedButTheServersOwnSuffixIsKept() throws IOException {
        InfoDump d = parse("used_memory: 1024 B\nused_memory_scripts_human:232B\nmaxmemory_human:0B\n");
        assertEquals(1024L, d.bytes("used_memory").getAsLong());
        assertEquals("232B", d.text("used_memory_scripts_human").orElseThrow());
        assertEquals("0B", d.text("maxmemory_human").orElseThrow());
    }

    @Test
    void aHundredMegabyteLineIsAnErrorNamingTheLimit(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.txt");
        byte[] line = new byte[3 << 20];
        java.util.Arrays.fill(line, (byte) 'a');
        Files.write(f, ("redis_version:7.0.15\nused_memory:" + new String(line, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
        InputException e = assertThrows(InputException.class, () -> parser.parse(f));
        assertEquals("line 2", e.position());
        assertTrue(e.getMessage().contains("ReadLimits.maxLineBytes"), e.getMessage());
    }

    @Test
    void textWithoutAnyFieldIsNotAnInfoDump(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "just some words\nand more words\n");
        InputException e = assertThrows(InputException.class, () -> parser.parse(f));
        assertTrue(e.getMessage().startsWith(f + ": line 2: no INFO field found"), e.getMessage());
    }

    @Test
    void oneByteAtATimeGivesTheSameFields() throws IOException {
        Path real = SharedFiles.groundTruth().resolve("6.2.16-jemalloc/info-reloaded.txt");
        byte[] bytes = Files.readAllBytes(real);
        InputStream trickle = new io.fragscope.testing.TrickleInputStream(bytes);
        assertEquals(parser.parse(real).asMap(), parser.parse(trickle, real).asMap());
    }

    private InfoDump parse(String text) throws IOException {
        return parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Path.of("paste.txt"));
    }

    /** Found by the fuzzer (InfoParserFuzzTestInputs/parse/keyspace-db-number-overflows-int): a db number past int. */
    @Test
    void aKeyspaceLineWithAnImpossibleDbNumberIsAWarningNotACrash() throws IOException {
        InfoDump d = parse("used_memory:1024\ndb555555555555555555555555555555555550:keys=1,expires=0,avg_ttl=0\n");
        assertTrue(d.keyspace().isEmpty());
        assertTrue(d.warnings().get(0).startsWith("line 2: keyspace line"), d.warnings().toString());
    }
}
