package io.fragscope.source.info;

import io.fragscope.source.InputKind;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that hold INFO in shapes a capture script makes by accident, from a real server's replies (Debian's 7.0.15,
 * empty then reloaded): two replies appended to one file, a reply saved as UTF-16 by Windows PowerShell, and a reply
 * followed by far more fields than any reply has.
 */
class InfoFileShapesTest {
    private static final Path BUILD = SharedFiles.groundTruth().resolve("7.0.15-debian");
    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);

    @Test
    void twoRepliesAppendedToOneFileReadTheFirstAndSaySo(@TempDir Path dir) throws IOException {
        Path both = dir.resolve("appended.txt");
        byte[] empty = Files.readAllBytes(BUILD.resolve("info-empty.txt")), reloaded = Files.readAllBytes(BUILD.resolve("info-reloaded.txt"));
        byte[] joined = new byte[empty.length + reloaded.length];
        System.arraycopy(empty, 0, joined, 0, empty.length);
        System.arraycopy(reloaded, 0, joined, empty.length, reloaded.length);
        Files.write(both, joined);
        InfoDump d = parser.parse(both);
        InfoDump first = parser.parse(BUILD.resolve("info-empty.txt"));
        assertEquals(first.fields().size(), d.fields().size(), "the first reply's fields, once each");
        assertEquals(965872, d.bytes("used_memory").getAsLong());
        assertTrue(d.partial());
        int second = (int) new String(empty, StandardCharsets.UTF_8).lines().count() + 1; // the second reply's "# Server"
        assertEquals(List.of("line " + second + ": redis_version again: another INFO reply begins here (replies appended to one file); "
                + "only the first is read, save each reply in a file of its own"), d.warnings());
    }

    @Test
    void aReplySavedAsUtf16ReadsAsTheSameFields(@TempDir Path dir) throws IOException {
        String text = Files.readString(BUILD.resolve("info-reloaded.txt"));
        for (boolean little : new boolean[] {true, false}) {
            Path utf16 = dir.resolve(little ? "le.txt" : "be.txt");
            byte[] body = text.getBytes(little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            byte[] file = new byte[body.length + 2];
            file[0] = (byte) (little ? 0xFF : 0xFE);
            file[1] = (byte) (little ? 0xFE : 0xFF);
            System.arraycopy(body, 0, file, 2, body.length);
            Files.write(utf16, file);
            assertEquals(InputKind.INFO, InputKind.detect(utf16, head -> false), utf16.toString());
            InfoDump d = parser.parse(utf16), plain = parser.parse(BUILD.resolve("info-reloaded.txt"));
            assertEquals(plain.fields().stream().map(f -> f.name() + "=" + f.value()).toList(), d.fields().stream().map(f -> f.name() + "=" + f.value()).toList());
            assertFalse(d.partial(), d.warnings().toString());
        }
    }

    @Test
    void farMoreFieldsThanAnyReplyHasAreLeftOutAndSaid(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(Files.readString(BUILD.resolve("info-reloaded.txt")));
        for (int i = 0; i < InfoParser.MAX_FIELDS; i++) sb.append("custom_field_").append(i).append(':').append(i).append("\r\n");
        Path big = dir.resolve("big.txt");
        Files.writeString(big, sb);
        InfoDump d = parser.parse(big);
        assertEquals(InfoParser.MAX_FIELDS, d.fields().size());
        assertEquals(6808248, d.bytes("used_memory").getAsLong());
        long realLines = Files.readString(BUILD.resolve("info-reloaded.txt")).lines().count();
        int fieldsOfReply = parser.parse(BUILD.resolve("info-reloaded.txt")).fields().size();
        long cutAt = realLines + (InfoParser.MAX_FIELDS - fieldsOfReply) + 1;
        assertEquals(List.of("line " + cutAt + ": more than 20000 fields, more than any INFO reply has: the rest is not read"), d.warnings());
    }

    /** A line is read only up to the limit: the message says it is longer, not a length it never counted. */
    @Test
    void aLineOverTheLimitIsSaidLongerThanTheLimit(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.txt");
        Files.writeString(f, "used_memory:" + "9".repeat(3_000_000) + "\n");
        io.fragscope.source.InputException e = org.junit.jupiter.api.Assertions.assertThrows(io.fragscope.source.InputException.class, () -> parser.parse(f));
        assertEquals(f + ": line 1: line longer than ReadLimits.maxLineBytes=" + ReadLimits.DEFAULTS.maxLineBytes()
                + " (raise it with ReadLimits.maxLineBytes)", e.getMessage());
    }
}
