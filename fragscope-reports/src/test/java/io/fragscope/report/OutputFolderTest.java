package io.fragscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class OutputFolderTest {
    @TempDir Path dir;

    @Test
    void aFailedWriteLeavesTheOldReportAndNoTemporaryFile() throws IOException {
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.write("summary.json", o -> o.write("old".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IOException.class, () -> f.write("summary.json", o -> {
                o.write("half".getBytes(StandardCharsets.UTF_8));
                throw new IOException("crash mid-write");
            }));
            assertEquals("old", Files.readString(dir.resolve("summary.json")));
            try (var files = Files.list(dir)) {
                assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
            }
        }
    }

    /** A second run aimed at the same folder waits for the first to finish writing instead of interleaving. */
    @Test
    void twoRunsOnOneFolderDoNotInterleave() throws Exception {
        CountDownLatch firstHoldsLock = new CountDownLatch(1);
        AtomicLong firstReleased = new AtomicLong(), secondAcquired = new AtomicLong();
        Thread first = new Thread(() -> {
            try (OutputFolder f = OutputFolder.prepare(dir)) {
                f.lock();
                firstHoldsLock.countDown();
                Thread.sleep(300);
                firstReleased.set(System.nanoTime());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        first.start();
        assertTrue(firstHoldsLock.await(5, TimeUnit.SECONDS));
        // Another process blocks on the file lock; inside one JVM a second channel's lock throws
        // OverlappingFileLockException instead, so this stand-in for the second run retries until it is free.
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            while (true) {
                try {
                    f.lock();
                    break;
                } catch (java.nio.channels.OverlappingFileLockException busy) {
                    Thread.sleep(10);
                }
            }
            secondAcquired.set(System.nanoTime());
        }
        first.join();
        assertTrue(secondAcquired.get() >= firstReleased.get(), "the second run started writing only after the first finished");
    }

    @Test
    void aFolderThatCannotBeCreatedIsAPlainError() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException e = assertThrows(IOException.class, () -> OutputFolder.prepare(file.resolve("reports")));
        assertTrue(e.getMessage().startsWith("output folder " + file.resolve("reports") + " is not writable"), e.getMessage());
        assertFalse(e.getMessage().contains(".probe") || e.getMessage().contains("Exception"), "in words, about the folder: " + e.getMessage());
        // -o naming a file
        IOException onFile = assertThrows(IOException.class, () -> OutputFolder.prepare(file));
        assertEquals("output folder " + file + " is a file, not a folder", onFile.getMessage());
        // a folder that exists but takes no file (Linux's /proc/self): said in words, not as a Java exception
        IOException proc = assertThrows(IOException.class, () -> OutputFolder.prepare(Path.of("/proc/self")));
        assertEquals("output folder /proc/self is not writable (no file can be created in it)", proc.getMessage());
    }

    /** A run killed before it commits (here: closed without commitAll) leaves every old report, not a mix. */
    @Test
    void stagedReportsMoveTogetherOrNotAtAll() throws IOException {
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.write("report.xlsx", o -> o.write("old x".getBytes(StandardCharsets.UTF_8)));
            f.write("summary.json", o -> o.write("old s".getBytes(StandardCharsets.UTF_8)));
        }
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.lock();
            f.deferCommits();
            f.write("report.xlsx", o -> o.write("new x".getBytes(StandardCharsets.UTF_8)));
            f.write("summary.json", o -> o.write("new s".getBytes(StandardCharsets.UTF_8)));
            assertEquals("old x", Files.readString(dir.resolve("report.xlsx")), "nothing moves before commitAll");
        }
        assertEquals("old x", Files.readString(dir.resolve("report.xlsx")));
        assertEquals("old s", Files.readString(dir.resolve("summary.json")));
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.lock();
            f.deferCommits();
            f.write("report.xlsx", o -> o.write("new x".getBytes(StandardCharsets.UTF_8)));
            f.write("summary.json", o -> o.write("new s".getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, f.commitAll().size());
        }
        assertEquals("new x", Files.readString(dir.resolve("report.xlsx")));
        assertEquals("new s", Files.readString(dir.resolve("summary.json")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary file and no lock file left");
        }
    }

    @Test
    void aWriteErrorNamesTheFile() throws IOException {
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            IOException e = assertThrows(IOException.class, () -> f.write("report.xlsx", o -> {
                throw new IOException("No space left on device");
            }));
            assertEquals("writing " + dir.resolve("report.xlsx") + ": No space left on device", e.getMessage());
        }
    }

    /** What a kill -9 left (this version's names and the older .NAME.NUMBER.tmp) goes once the next run holds the lock. */
    @Test
    void temporaryFilesOfKilledRunsAreRemovedUnderTheLock() throws IOException {
        Files.writeString(dir.resolve(".keys.csv.8412734412.tmp"), "385 MB once");
        Files.writeString(dir.resolve(".report.xlsx.fragscope-99-1.tmp"), "x");
        Files.writeString(dir.resolve(".fragscope.lock"), "");
        Files.writeString(dir.resolve(".keep-me"), "not ours");
        Files.writeString(dir.resolve("report.xlsx"), "the last report");
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.lock();
            try (var files = Files.list(dir)) {
                assertEquals(List.of(".fragscope.lock", ".keep-me", "report.xlsx"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
        assertFalse(Files.exists(dir.resolve(".fragscope.lock")), "the lock file goes with the run");
    }
    private List<String> hiddenFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    /**
     * A Ctrl-C or a kill before the commit (the shutdown hook, called here as the JVM calls it): the run's temporary
     * files go, and the thread still writing the reports can neither create another nor commit; the old reports stay.
     */
    @Test
    void afterTheShutdownHookNoTemporaryFileAppearsAndNothingMoves() throws IOException {
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.write("summary.json", o -> o.write("old s".getBytes(StandardCharsets.UTF_8)));
            f.write("keys.csv", o -> o.write("old k".getBytes(StandardCharsets.UTF_8)));
        }
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.lock();
            f.deferCommits();
            f.write("summary.json", o -> o.write("new s".getBytes(StandardCharsets.UTF_8)));
            OutputFolder.Pending keys = f.begin("keys.csv");
            keys.stream().write("new k".getBytes(StandardCharsets.UTF_8));
            assertEquals(3, hiddenFiles().size(), "two temporary files and the lock: " + hiddenFiles());

            f.shutDown();
            assertEquals(List.of(), hiddenFiles(), "temporary files and the lock file removed");
            IOException write = assertThrows(IOException.class, () -> f.write("datasets.csv", o -> o.write('x')));
            assertEquals("writing " + dir.resolve("datasets.csv") + ": the run was stopped (a signal or an exit); the previous reports are kept",
                    write.getMessage());
            assertThrows(IOException.class, () -> f.begin("top-keys.csv"));
            assertThrows(IOException.class, () -> f.scratchFile("poi-sxssf-sheet", ".xml"));
            keys.stage();   // the file was open: its bytes went to a file no longer in the folder
            assertThrows(IOException.class, f::commitAll);
            assertEquals(List.of(), hiddenFiles(), "nothing was created after the hook");
            assertEquals("old s", Files.readString(dir.resolve("summary.json")));
            assertEquals("old k", Files.readString(dir.resolve("keys.csv")));
        }
        assertEquals(List.of(), hiddenFiles());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("keys.csv", "summary.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * A Ctrl-C or a kill during the commit: the shutdown hook waits until every staged file is in place and the
     * stale one removed (it once deleted the temporary file the commit was about to rename, leaving old and new side by
     * side).
     */
    @Test
    void theShutdownHookWaitsForTheCommitUnderWay() throws Exception {
        for (String n : List.of("datasets.csv", "summary.json", "keys.csv", "report.xlsx")) Files.writeString(dir.resolve(n), "old");
        System.setProperty(OutputFolder.PAUSE_BETWEEN_RENAMES, "150");
        try (OutputFolder f = OutputFolder.prepare(dir)) {
            f.lock();
            f.deferCommits();
            for (String n : List.of("datasets.csv", "summary.json", "keys.csv")) f.write(n, o -> o.write("new".getBytes(StandardCharsets.UTF_8)));
            java.util.concurrent.atomic.AtomicReference<Object> committed = new java.util.concurrent.atomic.AtomicReference<>();
            Thread commit = new Thread(() -> {
                try {
                    committed.set(f.commitAll(() -> Files.delete(dir.resolve("report.xlsx"))));
                } catch (Throwable t) {
                    committed.set(t);
                }
            });
            commit.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.readString(dir.resolve("datasets.csv")).equals("old") && System.nanoTime() < end) Thread.sleep(2);
            assertEquals("new", Files.readString(dir.resolve("datasets.csv")), "the first rename is done");
            assertEquals("old", Files.readString(dir.resolve("keys.csv")), "the last is not");

            f.shutDown();
            // As the process would be halted now: every report is the new one, the stale one gone.
            for (String n : List.of("datasets.csv", "summary.json", "keys.csv")) assertEquals("new", Files.readString(dir.resolve(n)), n);
            assertFalse(Files.exists(dir.resolve("report.xlsx")), "the stale workbook went with the commit");
            assertEquals(List.of(), hiddenFiles(), "no temporary file, no lock file");
            commit.join();
            assertEquals(List.of(dir.resolve("datasets.csv"), dir.resolve("summary.json"), dir.resolve("keys.csv")), committed.get());
        } finally {
            System.clearProperty(OutputFolder.PAUSE_BETWEEN_RENAMES);
        }
        assertEquals(List.of(), hiddenFiles());
    }
}
