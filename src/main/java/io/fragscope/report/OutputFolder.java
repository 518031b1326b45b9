package io.fragscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The report folder. Checked for writability before any work starts; while reports are written it
 * holds an exclusive lock, so two runs aimed at one folder cannot interleave their files; each file
 * is written to a temporary name beside its target and moved into place, so a crash leaves the old
 * report or the new one, never half of one.
 */
public final class OutputFolder implements AutoCloseable {
    static final String LOCK_NAME = ".fragscope.lock";

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    private OutputFolder(Path dir) { this.dir = dir; }

    /** Creates the folder if needed and proves it writable; throws with a plain reason otherwise. */
    public static OutputFolder prepare(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".fragscope-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("output folder " + dir + " is not writable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return new OutputFolder(dir);
    }

    public Path dir() { return dir; }

    /** Blocks until no other fragscope run writes here. */
    public void lock() throws IOException {
        if (lock != null) return;
        lockChannel = FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.lock();
    }

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code name} through a temporary file and an atomic rename. */
    public Path write(String name, Writer writer) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A file being streamed during the analysis; invisible under its final name until {@link #commit()}. */
    public final class Pending implements AutoCloseable {
        private final String name;
        private final Path tmp;
        private final OutputStream out;
        private boolean done;

        private Pending(String name) throws IOException {
            this.name = name;
            this.tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16);
        }

        public OutputStream stream() { return out; }

        /** The bytes written so far, readable once the stream is flushed. */
        public Path temporaryPath() { return tmp; }

        public Path commit() throws IOException {
            out.close();
            Path target = dir.resolve(name);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return target;
        }

        @Override public void close() throws IOException {
            if (done) return;
            out.close();
            Files.deleteIfExists(tmp);
            done = true;
        }
    }

    public Pending begin(String name) throws IOException { return new Pending(name); }

    @Override public void close() throws IOException {
        if (lock != null) lock.release();
        if (lockChannel != null) lockChannel.close();
        lock = null;
        lockChannel = null;
    }
}
