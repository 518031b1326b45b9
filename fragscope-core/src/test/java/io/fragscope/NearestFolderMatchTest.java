package io.fragscope;

import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.source.InputKind;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A folder per build, analysed in one run, as an operator points fragscope at a tree of captures: two real builds of
 * the same version (Redis 8.6.3 with jemalloc and with glibc malloc), each folder holding its RDB, its INFO dumps and its
 * MEMORY USAGE listing. Each RDB and each listing must take its own folder's dumps, not the sibling build's of the same
 * version (the folder rule keeps the nearest folder that has dumps), so each is priced with its own allocator.
 */
class NearestFolderMatchTest {

    @Test
    void eachBuildsFilesTakeTheirOwnFoldersDumps(@TempDir Path dir) throws IOException {
        Map<String, String> allocator = Map.of("8.6.3-jemalloc", "jemalloc", "8.6.3-libc", "libc");
        for (String build : allocator.keySet()) {
            Path from = SharedFiles.groundTruth().resolve(build), to = Files.createDirectories(dir.resolve(build));
            for (String f : List.of("dump.rdb", "info-empty.txt", "info-reloaded.txt", "keys.csv")) Files.copy(from.resolve(f), to.resolve(f));
        }
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir))).run();
        int checked = 0;
        for (Dataset d : r.datasets()) {
            String build = d.source().getParent().getFileName().toString();
            DatasetSummary s = d.summary();
            assertEquals(allocator.get(build), s.allocator(), d.source() + ": " + s.modelReason());
            if (d.kind() == InputKind.RDB) {
                assertNotNull(s.reconciliation(), d.source() + " matched no dump");
                assertEquals(dir.resolve(build).resolve("info-reloaded.txt").toString(), s.reconciliation().infoSource(), d.source().toString());
                // its own build's used_memory after loading this very file, as the build's notes state it
                assertEquals(SharedFiles.noteNumber(SharedFiles.groundTruth().resolve(build), "used_memory, after loading"),
                        s.reconciliation().usedMemory(), d.source().toString());
            } else {
                assertEquals(InputKind.LISTING, d.kind());
                assertTrue(s.modelReason().contains(dir.resolve(build).toString()), "the listing's model names its own folder's dump: " + s.modelReason());
            }
            checked++;
        }
        assertEquals(4, checked, "two RDB files and two listings");
    }

    @Test
    void aListingBesideTwoServersHoldingItsKeyCountIsReconciledWithNeither(@TempDir Path dir) throws IOException {
        // 7.2.6 with jemalloc and with libc both hold the dataset's 8,020 keys: which one wrote the listing is not known.
        for (String build : List.of("7.2.6-jemalloc", "7.2.6-libc")) {
            Files.copy(SharedFiles.groundTruth().resolve(build).resolve("info-reloaded.txt"), dir.resolve(build + "-info.txt"));
        }
        Files.copy(SharedFiles.groundTruth().resolve("7.2.6-libc").resolve("keys.csv"), dir.resolve("keys.csv"));
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir))).run();
        Dataset listing = r.datasets().stream().filter(d -> d.kind() == InputKind.LISTING).findFirst().orElseThrow();
        assertEquals(8020, listing.summary().keys().totals().keys());
        assertEquals(null, listing.summary().reconciliation(), "two servers hold 8,020 keys");
        // With one of them alone beside it, that one
        Files.delete(dir.resolve("7.2.6-jemalloc-info.txt"));
        Dataset alone = new Analyzer(AnalysisRequest.of(List.of(dir))).run().datasets().stream()
                .filter(d -> d.kind() == InputKind.LISTING).findFirst().orElseThrow();
        assertEquals(dir.resolve("7.2.6-libc-info.txt").toString(), alone.summary().reconciliation().infoSource());
    }
    /**
     * A folder per shard: a shard whose folder holds only a listing is not priced with the sibling shard's dumps (that
     * shard's RDB sits beside them: they are its server's), while a folder per kind of one instance (info/, keys/) still
     * pairs its listing with the INFO dumps in the sibling folder.
     */
    @Test
    void aSiblingShardsDumpsAreNotAListingsButAFolderPerKindsAre(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("c/a")), b = Files.createDirectories(dir.resolve("c/b"));
        Files.copy(SharedFiles.groundTruth().resolve("7.2.6-jemalloc/keys.csv"), a.resolve("keys.csv"));
        for (String f : List.of("dump.rdb", "info-reloaded.txt")) Files.copy(SharedFiles.groundTruth().resolve("8.6.3-libc").resolve(f), b.resolve(f));
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir))).run();
        Dataset listing = r.datasets().stream().filter(d -> d.kind() == InputKind.LISTING).findFirst().orElseThrow();
        assertEquals("jemalloc", listing.summary().allocator(), listing.summary().modelReason());
        assertEquals("Redis 7.0", listing.summary().redisVersion(), listing.summary().modelReason());
        assertEquals(null, listing.summary().reconciliation(), "the sibling shard's dump is not this listing's");
        Dataset rdb = r.datasets().stream().filter(d -> d.kind() == InputKind.RDB).findFirst().orElseThrow();
        assertEquals("libc", rdb.summary().allocator(), "the RDB keeps its own folder's dump: " + rdb.summary().modelReason());

        // One instance's captures by kind: keys/ and info/ side by side, no key file among the dumps.
        Path keys = Files.createDirectories(dir.resolve("byKind/keys")), info = Files.createDirectories(dir.resolve("byKind/info"));
        Files.copy(SharedFiles.groundTruth().resolve("8.6.3-libc/keys.csv"), keys.resolve("keys.csv"));
        Files.copy(SharedFiles.groundTruth().resolve("8.6.3-libc/info-reloaded.txt"), info.resolve("info-reloaded.txt"));
        Dataset byKind = new Analyzer(AnalysisRequest.of(List.of(dir.resolve("byKind")))).run().datasets().get(0);
        assertEquals("libc", byKind.summary().allocator(), byKind.summary().modelReason());
        assertEquals(info.resolve("info-reloaded.txt").toString(), byKind.summary().reconciliation().infoSource());
    }
}
