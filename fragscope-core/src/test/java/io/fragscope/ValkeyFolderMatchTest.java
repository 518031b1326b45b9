package io.fragscope;

import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.source.InputKind;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Valkey build's files analysed as a user hands them over, one folder with no options: its RDB (which states
 * {@code valkey-ver}, not {@code redis-ver}) finds its INFO dumps ({@code valkey_version}) by the folder rule, so a
 * libc build is priced as libc; and a MEMORY USAGE listing beside dumps of one build across a restart (two instances)
 * is priced with that build. Ground truth: the build's own MEMORY USAGE sum (notes.md).
 */
class ValkeyFolderMatchTest {

    @ParameterizedTest
    @ValueSource(strings = {"valkey-8.1.1-libc", "valkey-9.1.2-libc"})
    void aValkeyRdbAndAListingFindTheirBuildInTheFolder(String build, @TempDir Path dir) throws IOException {
        Path gt = SharedFiles.groundTruth().resolve(build);
        for (String f : List.of("dump.rdb", "info-empty.txt", "info-reloaded.txt")) Files.copy(gt.resolve(f), dir.resolve(f));
        Files.copy(gt.resolve("keys.csv"), Files.createDirectories(dir.resolve("keys")).resolve("keys.csv"));
        String version = build.split("-")[1];
        long memoryUsage = SharedFiles.noteNumber(gt, "Sum of memory_usage");

        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir))).run();
        DatasetSummary rdb = summary(r, InputKind.RDB);
        assertNotNull(rdb.reconciliation(), "the RDB matched no dump: " + r.inputs());
        assertEquals("same folder and version " + version + "; of its dumps, the one whose keyspace is closest to the keys read",
                rdb.reconciliation().matchedBy());
        assertEquals(dir.resolve("info-reloaded.txt").toString(), rdb.reconciliation().infoSource(), "the dump with the keys, not the empty one");
        assertEquals("libc", rdb.allocator(), rdb.modelReason());
        assertTrue(rdb.modelReason().contains("valkey_version=" + version), rdb.modelReason());
        // libc prices this build to within 0.5 % of its MEMORY USAGE sum; the jemalloc assumed before was 1.4 % short on both
        double err = Math.abs(rdb.keys().totals().memoryUsageBytes() - memoryUsage) / (double) memoryUsage;
        assertTrue(err < 0.005, "MEMORY USAGE sum " + rdb.keys().totals().memoryUsageBytes() + " against " + memoryUsage);

        DatasetSummary listing = summary(r, InputKind.LISTING);
        assertEquals(memoryUsage, listing.keys().totals().memoryUsageBytes(), "a MEMORY USAGE listing's own sizes");
        assertEquals("libc", listing.allocator(), listing.modelReason());
        assertEquals("Valkey " + version.substring(0, version.lastIndexOf('.')), listing.redisVersion(), listing.modelReason());
        // two instances (a restart), but only the reloaded one's keyspace holds the listing's keys: that one
        assertNotNull(listing.reconciliation(), "the listing matched no dump");
        assertEquals(dir.resolve("info-reloaded.txt").toString(), listing.reconciliation().infoSource());
        assertEquals("same folder, dumps of several instances; the only one whose keyspace holds the keys read (within 1 %)",
                listing.reconciliation().matchedBy());
    }

    private static DatasetSummary summary(AnalysisResult r, InputKind kind) {
        return r.datasets().stream().filter(d -> d.kind() == kind).findFirst().orElseThrow().summary();
    }
}
