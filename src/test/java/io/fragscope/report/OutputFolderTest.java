package io.fragscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
