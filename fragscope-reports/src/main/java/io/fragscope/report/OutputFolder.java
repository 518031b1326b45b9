package io.fragscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The report folder. Checked for writability before any work starts; while reports are written it
 * holds an exclusive lock, so two runs aimed at one folder cannot interleave their files.
 *
 * <p>Each file is written to a hidden temporary name beside its target ({@code .NAME.fragscope-PID-N.tmp},
 * created with the process's umask, like any file the user's tools write) and {@linkplain #stage staged};
 * {@link #commitAll()} renames every staged file into place at the very end, so a crash or a kill leaves
 * the old reports or the new ones, not half of one. Temporary files are removed on every exit path: errors,
 * {@link #close()}, and a shutdown hook for Ctrl-C and {@code kill}; those a {@code kill -9} left behind are
 * removed by the next run once it holds the lock (no other run can own them then). The lock file is removed
 * when the run ends.
 *
 * <p>The commit and the shutdown hook exclude each other ({@link #commitLock}): a signal that arrives while the
 * files are renamed into place (and while what an earlier run left is removed) waits until that is done, and the run
 * exits with every report new; a signal that arrives earlier ends the folder for good ({@link #shutDown()}): its
 * temporary files are removed and from then on no temporary file is created and nothing is committed, so the old
 * reports stay whole while the rest of the run winds down. Only a {@code kill -9} in the middle of the renames can
 * leave old and new reports side by side.
 */
public final class OutputFolder implements AutoCloseable {
    static final String LOCK_NAME = ".fragscope.lock";
    /** POI's streamed sheets spill here (see {@link #scratchDir()}). */
    static final String SCRATCH_NAME = ".fragscope-tmp";
    /** Temporary names of this and earlier versions: {@code .keys.csv.123.tmp}, {@code .report.xlsx.fragscope-77-3.tmp}. */
    static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(?:-?\\d+|fragscope-\\d+-\\d+)\\.tmp|\\.fragscope-probe.*\\.tmp");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;
    /** Temporary files this run has open or staged; what the shutdown hook removes. */
    private final Set<Path> temporaries = ConcurrentHashMap.newKeySet();
    /** Target name → staged temporary file, in staging order. */
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private Thread cleaner;
    private boolean deferred;
    /**
     * Held while staged files are renamed into place and while the shutdown hook removes the temporary files, and
     * while a temporary file is created: so the hook never deletes a file the commit is about to rename, and no
     * temporary file appears after the hook cleaned up.
     */
    private final Object commitLock = new Object();
    /** Set, under {@link #commitLock}, by the shutdown hook: the process is exiting and this folder takes no more files. */
    private volatile boolean ending;

    /**
     * Test-only: milliseconds {@link #commitAll()} waits between two renames (never in a real run), so that a test can
     * send a signal while a commit is half done. Read at each commit; 0 or unset: no wait.
     */
    static final String PAUSE_BETWEEN_RENAMES = "fragscope.test.pauseBetweenRenamesMillis";

    private OutputFolder(Path dir) { this.dir = dir; }

    /** Creates the folder if needed and proves it writable; throws with a plain reason otherwise. */
    public static OutputFolder prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("output folder " + dir + " is a file, not a folder");
        OutputFolder f = new OutputFolder(dir);
        f.installCleaner();   // from the first temporary file on: a kill at any point leaves none
        try {
            Files.createDirectories(dir);
            Path probe = f.temporary("probe");
            Files.delete(probe);
            f.temporaries.remove(probe);
        } catch (IOException | SecurityException e) {
            f.uninstallCleaner();
            throw new IOException("output folder " + dir + " is not writable (" + reason(e) + ")", e);
        }
        return f;
    }

    /**
     * Why a folder could not be written, in words: "permission denied", "read-only file system", "a file stands in its
     * path"; never the name of the probe file this class made up, which the user never asked for.
     */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException x) return "a file stands in its path: " + x.getFile();
        if (e instanceof java.nio.file.FileSystemException x && x.getReason() != null) return x.getReason();
        // /proc/self and the like: a folder that exists but where no file can be made
        if (e instanceof NoSuchFileException) return "no file can be created in it";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public Path dir() { return dir; }

    /**
     * Blocks until no other fragscope run writes here, then removes what earlier runs that were killed left
     * behind. The lock file is deleted by the holder when it finishes; a waiter that then holds a lock on the
     * deleted file notices (the name no longer points to it) and locks the new one instead.
     */
    public void lock() throws IOException {
        if (lock != null) return;
        Path path = dir.resolve(LOCK_NAME);
        while (true) {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Object opened = fileKey(path);
            FileLock l;
            try {
                l = ch.lock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (opened != null && Objects.equals(opened, fileKey(path))) {
                lockChannel = ch;
                lock = l;
                locked = true;
                break;
            }
            l.release();
            ch.close();
        }
        installCleaner();
        removeStale();
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Temporary files of earlier runs (only called under the lock, when none can be in use). */
    private void removeStale() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (temporaries.contains(p)) continue;
                if (TEMPORARY.matcher(n).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort: a file we cannot remove stays, and does no harm beyond its size.
        }
        Path scratch = dir.resolve(SCRATCH_NAME);
        if (Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(scratch)) {
                for (Path p : ds) if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    /**
     * A folder for the spill files of streamed workbook sheets, inside the report folder, so that a killed run's
     * spill is found and removed by the next run like any other temporary file.
     */
    public Path scratchDir() throws IOException {
        return Files.createDirectories(dir.resolve(SCRATCH_NAME));
    }

    /**
     * A new spill file in {@link #scratchDir()} (for POI's streamed sheets), refused once the shutdown hook has run:
     * a file made after it would be left behind.
     */
    public java.io.File scratchFile(String prefix, String suffix) throws IOException {
        synchronized (commitLock) {
            if (ending) throw stopped(dir.resolve(SCRATCH_NAME));
            return Files.createTempFile(scratchDir(), prefix, suffix).toFile();
        }
    }

    /** As {@link #scratchFile}, a folder. */
    public java.io.File scratchFolder(String prefix) throws IOException {
        synchronized (commitLock) {
            if (ending) throw stopped(dir.resolve(SCRATCH_NAME));
            return Files.createTempDirectory(scratchDir(), prefix).toFile();
        }
    }

    /** Ctrl-C, SIGTERM or an exit from another thread: remove this run's temporary files, never a final one. */
    private void installCleaner() {
        if (cleaner != null) return;
        cleaner = new Thread(this::shutDown, "fragscope temporary files");
        try {
            Runtime.getRuntime().addShutdownHook(cleaner);
        } catch (IllegalStateException alreadyExiting) {
            cleaner = null;
        }
    }

    private void uninstallCleaner() {
        if (cleaner == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(cleaner);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
        cleaner = null;
    }

    /**
     * The shutdown hook: waits for a commit under way to finish, then ends the folder for good (no temporary file is
     * created nor anything committed after it) and removes this run's temporary files, and the lock file when this run
     * holds the lock (deleted before the process ends and the lock is released, as {@link #close()} does, so a waiting
     * run locks a new one). Package-private for tests: it is what a Ctrl-C or a {@code kill} does to the folder.
     */
    void shutDown() {
        synchronized (commitLock) {
            ending = true;
            removeTemporaries();
            if (locked) {
                try {
                    Files.deleteIfExists(dir.resolve(LOCK_NAME));
                } catch (IOException ignored) {
                    // the next run finds it unlocked and reuses it
                }
            }
        }
    }

    /** What every write, commit or new temporary file throws once the shutdown hook ran. */
    private static IOException stopped(Path target) {
        return new IOException("writing " + target + ": the run was stopped (a signal or an exit); the previous reports are kept");
    }

    /** {@link #writing}, or {@link #stopped} when the error came from the shutdown hook deleting the file. */
    private IOException failed(Path target, IOException e) {
        return ending ? stopped(target) : writing(target, e);
    }

    /** Whether this run holds the lock; read by the shutdown hook. */
    private volatile boolean locked;

    private void removeTemporaries() {
        for (Path p : List.copyOf(temporaries)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // nothing more to do while exiting
            }
            temporaries.remove(p);
        }
        try {
            Path scratch = dir.resolve(SCRATCH_NAME);
            if (Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(scratch)) {
                    for (Path p : ds) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(scratch);
            }
        } catch (IOException ignored) {
            // a file still open elsewhere; the next run removes it
        }
    }

    /** A new, empty, hidden file beside the reports, created with the umask's permissions. */
    private Path temporary(String name) throws IOException {
        synchronized (commitLock) {
            if (ending) throw stopped(dir.resolve(name));
            return newTemporary(name);
        }
    }

    private Path newTemporary(String name) throws IOException {
        while (true) {
            Path p = dir.resolve("." + name + ".fragscope-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".tmp");
            temporaries.add(p);   // before it exists: the shutdown hook must know it as soon as it does
            try {
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return p;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                temporaries.remove(p);   // a file of a killed run with the same pid: try the next number
            } catch (IOException | RuntimeException e) {
                temporaries.remove(p);
                throw e;
            }
        }
    }

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code name} through a temporary file and renames it into place at once, or, after
     * {@link #deferCommits()}, at {@link #commitAll()}.
     */
    public Path write(String name, Writer writer) throws IOException {
        stage(name, writer);
        return deferred ? dir.resolve(name) : commit(name);
    }

    /** From now on {@link #write} only stages: the files move into place together at {@link #commitAll()}. */
    public void deferCommits() { deferred = true; }

    /**
     * Writes {@code name} to a temporary file and keeps it there until {@link #commitAll()}. An error leaves no
     * temporary file and names the file being written ("writing DIR/report.xlsx: No space left on device").
     */
    public Path stage(String name, Writer writer) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = temporary(name);
        boolean ok = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Path old = staged.put(name, tmp);
            if (old != null) discard(old);
            ok = true;
            return target;
        } catch (IOException e) {
            throw failed(target, e);
        } finally {
            if (!ok) discard(tmp);
        }
    }

    /** Moves every staged file into place, in the order staged. */
    public List<Path> commitAll() throws IOException {
        return commitAll(() -> { });
    }

    /** Work done with the staged files in place, before a signal may end the process. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    /**
     * Moves every staged file into place, in the order staged, then runs {@code thenRemoveStale} (the removal of what
     * an earlier run wrote that this one did not), all of it before the shutdown hook may run: a Ctrl-C or a
     * {@code kill} meanwhile waits for it, so the folder never holds the new reports beside an earlier run's.
     *
     * @throws IOException naming the file, when a rename fails (the files renamed before it stay) or the run was
     *                     stopped before the commit began (then nothing moved)
     */
    public List<Path> commitAll(Step thenRemoveStale) throws IOException {
        synchronized (commitLock) {
            if (ending) throw stopped(dir);
            long pause = Long.getLong(PAUSE_BETWEEN_RENAMES, 0);
            List<Path> done = new ArrayList<>();
            for (String name : List.copyOf(staged.keySet())) {
                if (pause > 0 && !done.isEmpty()) pauseForTest(pause);
                done.add(commit(name));
            }
            thenRemoveStale.run();
            return done;
        }
    }

    private static void pauseForTest(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path commit(String name) throws IOException {
        synchronized (commitLock) {
            Path target = dir.resolve(name);
            if (ending) throw stopped(target);
            Path tmp = staged.remove(name);
            if (tmp == null) return target;
            try {
                move(tmp, target);
            } catch (IOException e) {
                discard(tmp);
                throw writing(target, e);
            }
            temporaries.remove(tmp);
            return target;
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
            temporaries.remove(tmp);
        } catch (IOException ignored) {
            // stays in temporaries: the shutdown hook or the next run removes it
        }
    }

    /** One line that names the file: the operating system's reason alone ("No space left on device") does not. */
    static IOException writing(Path target, IOException e) {
        String m = e.getMessage();
        if (m != null && m.startsWith("writing ")) return e;
        String reason = e instanceof NoSuchFileException ? "no such file or folder" : m == null ? e.getClass().getSimpleName() : m;
        return new IOException("writing " + target + ": " + reason, e);
    }

    /** A file being streamed during the analysis; invisible under its final name until {@link #stage()}d and committed. */
    public final class Pending implements AutoCloseable {
        private final String name;
        private final Path tmp;
        private final OutputStream out;
        private boolean done;

        private Pending(String name) throws IOException {
            this.name = name;
            this.tmp = temporary(name);
            try {
                this.out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16);
            } catch (IOException e) {
                discard(tmp);
                throw failed(dir.resolve(name), e);
            }
        }

        public OutputStream stream() { return out; }

        /** The bytes written so far, readable once the stream is flushed. */
        public Path temporaryPath() { return tmp; }

        /** Finishes the file and stages it: it moves into place with the other reports at {@link #commitAll()}. */
        public Path stage() throws IOException {
            Path target = dir.resolve(name);
            try {
                out.close();
            } catch (IOException e) {
                close();
                throw failed(target, e);
            }
            Path old = staged.put(name, tmp);
            if (old != null && !old.equals(tmp)) discard(old);
            done = true;
            return target;
        }

        /** Finishes the file and moves it into place now. */
        public Path commit() throws IOException {
            stage();
            return OutputFolder.this.commit(name);
        }

        @Override public void close() throws IOException {
            if (done) return;
            done = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is discarded anyway (a full disk fails the flush)
            } finally {
                discard(tmp);
            }
        }
    }

    public Pending begin(String name) throws IOException { return new Pending(name); }

    /**
     * Discards whatever was staged but not committed, removes the lock file and releases the lock. After the shutdown
     * hook it only releases the lock: the hook removed the files, and the lock file now at that name may already be
     * the next run's.
     */
    @Override public void close() throws IOException {
        boolean cleaned;
        synchronized (commitLock) {
            cleaned = ending;
            if (!cleaned) {
                for (Path p : staged.values()) discard(p);
                removeTemporaries();
            }
            staged.clear();
        }
        uninstallCleaner();
        try {
            locked = false;
            if (lock != null && !cleaned) Files.deleteIfExists(dir.resolve(LOCK_NAME));
        } finally {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
            lock = null;
            lockChannel = null;
        }
    }
}
