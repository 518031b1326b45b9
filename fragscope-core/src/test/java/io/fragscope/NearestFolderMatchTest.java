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
}
