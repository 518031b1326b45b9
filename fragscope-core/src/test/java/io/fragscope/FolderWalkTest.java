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
}
