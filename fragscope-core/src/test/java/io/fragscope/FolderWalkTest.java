package io.fragscope;

import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A folder walk says what it did not read: links to nothing or to folders, and pipes, are listed, not dropped. */
class FolderWalkTest {

    @Test
    void entriesThatAreNotRegularFilesAreListedAsLeftOut(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(SharedFiles.groundTruth().resolve("7.0.15-debian/info-reloaded.txt"), in.resolve("info-reloaded.txt"));
        Files.createSymbolicLink(in.resolve("dangling"), dir.resolve("gone.txt"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(SharedFiles.groundTruth().resolve("7.0.15-debian/info-empty.txt"), other.resolve("info-empty.txt"));
        Files.createSymbolicLink(in.resolve("linked-folder"), other);
        Files.createSymbolicLink(in.resolve("linked-file.txt"), other.resolve("info-empty.txt"));
        assertEquals(0, new ProcessBuilder("mkfifo", in.resolve("fifo").toString()).start().waitFor());

        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(in))).run();
        Map<String, String> byName = new TreeMap<>();
        for (InputReport i : r.inputs()) byName.put(i.path().getFileName().toString(), i.status().id() + ": " + i.message().replace(i.path() + ": ", ""));
        assertEquals(Map.of(
                "dangling", "skipped: a link to nothing (dangling): not read",
                "fifo", "skipped: not a regular file (a pipe, a socket or a device): not read",
                "info-reloaded.txt", "ok: ",
                "linked-file.txt", "ok: ",
                "linked-folder", "skipped: a link to a folder: not followed in a folder walk (name it on the command line to read it)"), byName);
        assertEquals(2, r.dumps().size(), "the file and the link to a file are read");
    }

    /**
     * A run over more RDB files than the memory map draws keeps the prefix tree of the first ones only (the others keep
     * its root: their bytes and keys), so hundreds of files do not hold 2,000 tree nodes each.
     */
    @Test
    void pastTheMemoryMapsFilesAFilesPrefixTreeKeepsItsRootAlone(@TempDir Path dir) throws IOException {
        int files = Analyzer.PREFIX_MAPS_KEPT + 2;
        for (int i = 0; i < files; i++) {
            Path shard = Files.createDirectories(dir.resolve(String.format("s%02d", i)));
            Files.copy(SharedFiles.groundTruth().resolve("7.2.6-jemalloc/dump.rdb"), shard.resolve("dump.rdb"));
        }
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir))).run();
        assertEquals(files, r.datasets().size());
        var first = r.datasets().get(0).profile().where().prefixes();
        for (int i = 0; i < files; i++) {
            var tree = r.datasets().get(i).profile().where().prefixes();
            assertEquals(first.bytes(), tree.bytes(), "the root's bytes, kept or not");
            assertEquals(8020, tree.keys());
            if (i < Analyzer.PREFIX_MAPS_KEPT) assertEquals(first, tree, "file " + i + " keeps its whole tree");
            else assertEquals(List.of(), tree.children(), "file " + i + " keeps the root alone");
        }
        assertTrue(first.children().size() > 1, "the kept tree has levels: " + first.children().size());
    }
}
