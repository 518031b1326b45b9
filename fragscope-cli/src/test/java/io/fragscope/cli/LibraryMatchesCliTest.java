package io.fragscope.cli;

import io.fragscope.AnalysisRequest;
import io.fragscope.InputAnalyzer;
import io.fragscope.InputResult;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.KeySummary;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.source.InputSource;
import io.fragscope.testing.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library driven directly (no CLI: {@link InputAnalyzer} over each file of samples/ as a stream) gives the
 * numbers the CLI writes to summary.json for that file, and the merged key summaries give the totals of the CLI's
 * run over the whole folder.
 */
class LibraryMatchesCliTest {
    @TempDir Path out;

    @SuppressWarnings("unchecked")
    private Map<String, Object> cli(Path input, String run) throws IOException {
        Path dir = out.resolve(run);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "-f", "json", "-o", dir.toString(), input.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(code == 0 || code == 2, input + ": exit " + code + " " + err.toString(StandardCharsets.UTF_8));
        return Files.exists(dir.resolve("summary.json")) ? (Map<String, Object>) Json.read(dir.resolve("summary.json")) : null;
    }

    private static long n(Map<String, Object> m, String field) {
        return ((Number) m.get(field)).longValue();
    }

    private static void sameTotals(String what, Map<String, Object> json, Totals t) {
        assertEquals(n(json, "keys"), t.keys(), what + " keys");
        assertEquals(n(json, "requested_bytes"), t.requestedBytes(), what + " requested_bytes");
        assertEquals(n(json, "allocated_bytes"), t.allocatedBytes(), what + " allocated_bytes");
        assertEquals(n(json, "rounding_waste_bytes"), t.roundingWasteBytes(), what + " rounding_waste_bytes");
        assertEquals(n(json, "prefix_overhead_bytes"), t.prefixOverheadBytes(), what + " prefix_overhead_bytes");
        assertEquals(n(json, "memory_usage_bytes"), t.memoryUsageBytes(), what + " memory_usage_bytes");
        assertEquals(n(json, "keys_without_ttl"), t.keysWithoutTtl(), what + " keys_without_ttl");
    }

    @Test
    @SuppressWarnings("unchecked")
    void perFileResultsEqualTheCliAndTheirMergeEqualsTheFolderRun() throws IOException {
        InputAnalyzer library = new InputAnalyzer(AnalysisRequest.of(List.of()));
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("samples"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        KeySummary merged = null;
        int datasets = 0, dumps = 0, i = 0;
        List<io.fragscope.source.info.InfoDump> infoDumps = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            InputResult r = library.analyze(InputSource.of(f, bytes.length, Files.getLastModifiedTime(f).toMillis(),
                    () -> new java.io.ByteArrayInputStream(bytes)));
            Map<String, Object> json = cli(f, "file-" + i++);
            if (r.report().kind() == io.fragscope.source.InputKind.UNKNOWN) {
                // samples/README.md: skipped as one input among many, an error when named alone (no report written)
                assertEquals(io.fragscope.InputReport.Status.SKIPPED, r.report().status());
                assertEquals(null, json, f + ": the CLI writes no report when its only input is unusable");
                continue;
            }
            Map<String, Object> input = ((List<Map<String, Object>>) json.get("inputs")).get(0);
            assertEquals(input.get("status"), r.report().status().id(), f.toString());
            assertEquals(input.get("kind"), r.report().kind().id(), f.toString());
            if (r.dump().isPresent()) {
                dumps++;
                infoDumps.add(r.dump().get().dump());
                Map<String, Object> d = ((List<Map<String, Object>>) json.get("dumps")).get(0);
                var b = r.dump().get().breakdown();
                assertEquals(n(d, "used_memory"), b.usedMemory(), f.toString());
                assertEquals(n(d, "used_memory_rss"), b.rss(), f.toString());
                Map<String, Object> jb = (Map<String, Object>) d.get("breakdown");
                assertEquals(n(jb, "allocator_frag_bytes"), b.allocatorFragBytes(), f.toString());
                List<String> codes = new ArrayList<>();
                for (Map<String, Object> fi : (List<Map<String, Object>>) d.get("findings")) codes.add((String) fi.get("code"));
                assertEquals(codes, r.dump().get().findings().stream().map(x -> x.code().id()).toList(), f.toString());
            }
            if (r.dataset().isPresent()) {
                datasets++;
                Map<String, Object> d = ((List<Map<String, Object>>) json.get("datasets")).get(0);
                KeySummary k = r.keys().orElseThrow();
                sameTotals(f.toString(), d, k.totals());
                assertEquals(n(d, "estimated_used_memory"), r.dataset().get().summary().estimatedUsedMemory(), f.toString());
                assertEquals(d.get("allocator"), r.dataset().get().summary().allocator(), f.toString());
                Map<String, Object> byType = (Map<String, Object>) d.get("by_type");
                assertEquals(byType.size(), k.byType().groups().size(), f.toString());
                for (Group<io.fragscope.model.KeyType> g : k.byType().groups()) {
                    sameTotals(f + " " + g.key(), (Map<String, Object>) byType.get(g.key().redisName()), g.totals());
                }
                merged = merged == null ? k : merged.merge(k);
            }
        }
        assertEquals(10, dumps, "samples/ holds ten INFO dumps");
        assertEquals(2, datasets, "samples/ holds an RDB file and a listing");

        // The CLI over the whole folder matches the key files with the instance's INFO dumps (its allocator is Debian's
        // jemalloc, not the bundled one a file alone is priced with); given those dumps, the library prices them the same.
        Map<String, Object> folder = cli(Path.of("samples"), "folder");
        KeySummary folderMerged = null;
        long keys = 0;
        for (Map<String, Object> d : (List<Map<String, Object>>) folder.get("datasets")) {
            Path f = Path.of((String) d.get("source"));
            InputResult r = library.analyze(InputSource.of(f), infoDumps, io.fragscope.KeyListener.NONE);
            sameTotals(f + " with its instance's dumps", d, r.keys().orElseThrow().totals());
            assertEquals(d.get("allocator"), r.dataset().get().summary().allocator(), f.toString());
            assertEquals(n(d, "estimated_used_memory"), r.dataset().get().summary().estimatedUsedMemory(), f.toString());
            keys += n(d, "keys");
            folderMerged = folderMerged == null ? r.keys().get() : folderMerged.merge(r.keys().get());
        }
        assertEquals(keys, merged.totals().keys());
        assertEquals(keys, folderMerged.totals().keys());
        assertEquals(merged.totals().keysWithoutTtl(), folderMerged.totals().keysWithoutTtl());
        assertTrue(folderMerged.totals().allocatedBytes() != merged.totals().allocatedBytes(), "the allocator model matters");
        assertEquals(folderMerged.totals(), folderMerged.byType().total(), "the merged by-type table counts every key once");
    }
}
