package io.fragscope.source.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.info.FindingThresholds;
import io.fragscope.analysis.info.InfoFindings;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.ServerFacts;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A cut INFO paste is partial and says where, whatever the cut: inside a number, mid-line, or {@code head -N}. */
class CutInfoTest {

    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);

    @Test
    void everyHeadMinusNOfEveryRealDumpBeforeItsKeyspaceIsPartial() throws IOException {
        int cuts = 0;
        List<String> wronglyOk = new ArrayList<>();
        for (Path build : SharedFiles.groundTruthBuilds()) {
            Path real = build.resolve("info-reloaded.txt");
            List<String> lines = Arrays.asList(Files.readString(real, StandardCharsets.UTF_8).split("(?<=\n)"));
            int keyspace = indexOfLine(lines, "# Keyspace");
            for (int n = 1; n <= keyspace; n++) {
                String head = String.join("", lines.subList(0, n));
                if (!head.contains("used_memory") && !head.contains("redis_version")) continue;
                cuts++;
                InfoDump d = parse(head);
                if (!d.partial()) wronglyOk.add(build.getFileName() + " head -" + n);
            }
        }
        assertTrue(cuts > 3000, "cuts: " + cuts);
        assertEquals(List.of(), wronglyOk);
    }

    @Test
    void headMinus40OfARealDumpNamesTheSectionItStopsIn() throws IOException {
        Path real = SharedFiles.groundTruth().resolve("7.2.6-jemalloc/info-reloaded.txt");
        List<String> lines = Arrays.asList(Files.readString(real).split("(?<=\n)"));
        InfoDump d = parse(String.join("", lines.subList(0, 40)));
        assertTrue(d.partial());
        assertTrue(d.warnings().stream().anyMatch(w -> w.equals("line 40: the dump ends in its Memory section without the "
                + "# Keyspace section every full INFO ends with: cut short")), d.warnings().toString());
    }

    @Test
    void everyCutInsideALineOfARealDumpIsPartial() throws IOException {
        int cuts = 0;
        List<String> wronglyOk = new ArrayList<>();
        for (String build : List.of("3.2.13-jemalloc", "7.0.15-debian", "8.6.3-jemalloc", "valkey-9.1.2-jemalloc")) {
            byte[] all = Files.readAllBytes(SharedFiles.groundTruth().resolve(build).resolve("info-reloaded.txt"));
            for (int at = 1; at < all.length; at += 3) { // every third byte: all kinds of cut, a fraction of the time
                if (all[at - 1] == '\n' || all[at - 1] == '\r') continue; // a cut at a line end is the head -N case
                String cut = new String(all, 0, at, StandardCharsets.UTF_8);
                if (!cut.contains("used_memory")) continue;
                cuts++;
                if (!parse(cut).partial()) wronglyOk.add(build + " cut at byte " + at);
            }
        }
        assertTrue(cuts > 5_000, "cuts: " + cuts);
        assertEquals(List.of(), wronglyOk);
    }

    /** Issue 15: cut inside the number (18399232 pasted as 18) gave a ratio of 1e-6 and a false swapping finding. */
    @Test
    void aPasteCutInsideTheRssNumberIsPartialWithTheLineAndNeverSwapping() throws IOException {
        String text = Files.readString(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt"));
        String cut = text.substring(0, text.indexOf("used_memory_rss:") + "used_memory_rss:18".length());
        InfoDump d = parse(cut);
        assertTrue(d.partial());
        assertTrue(d.warnings().get(0).matches("line 40: the last line 'used_memory_rss:18' has no line end: .*"), d.warnings().toString());
        assertTrue(d.bytes("used_memory_rss").isEmpty());
        MemoryBreakdown b = MemoryBreakdown.of(d);
        List<Finding> f = new InfoFindings(FindingThresholds.DEFAULTS).evaluate(d, b, ServerFacts.of(d));
        assertTrue(f.stream().noneMatch(x -> x.code() == FindingCode.SWAPPING), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.code() == FindingCode.PARTIAL_INPUT));
    }

    @Test
    void aCutRssValueThatStillEndsItsLineIsLeftOutNotReadAsSwapping() throws IOException {
        String text = Files.readString(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt"));
        String damaged = text.replaceFirst("used_memory_rss:\\d+", "used_memory_rss:12");
        InfoDump d = parse(damaged);
        assertTrue(d.partial());
        assertTrue(d.bytes("used_memory_rss").isEmpty());
        assertTrue(d.warnings().get(0).startsWith("line 40: used_memory_rss 12 is below what any running server maps"), d.warnings().toString());
    }

    private static int indexOfLine(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(start)) return i;
        throw new AssertionError("no " + start);
    }

    private InfoDump parse(String text) throws IOException {
        return parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Path.of("paste.txt"));
    }
}
