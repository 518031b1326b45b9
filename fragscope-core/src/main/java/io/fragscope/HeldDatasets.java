package io.fragscope;

import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.reclaim.KeyspaceProfile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A run's key datasets, bounded in the heap whatever their number: the first {@link #IN_HEAP} are held as they are;
 * from then on each dataset's {@link DatasetSummary} and {@link KeyspaceProfile} (its tables, top keys, cluster slots:
 * about 160 KiB for an RDB of 8,000 keys over 6,581 slots) go to a temporary file as the dataset is added. The list holds
 * each such dataset's file, kind, series and findings ({@link Dataset#keptBy}); its summary and profile are read back
 * each time they are asked for, the last {@link #RECENT} read kept (a table asks for one dataset at a time). Before
 * this, a {@code -Xmx128m} run over 1,200 copies of the 7.2.6 ground truth ran out of memory. Soft references to the
 * datasets were tried instead of reading them back: G1 still ran out of memory at 128 MiB with them.
 *
 * <p>The file is created in {@code java.io.tmpdir} and unlinked at once: nothing is left behind, even after
 * {@code kill -9}; its space is freed when this list is unreachable (a {@link Cleaner}) or the process ends. It is
 * read back only by this process, through a filter that admits fragscope's own classes and the JDK's collections.
 *
 * <p>Adding is for one thread (the analysis); once handed to an {@link AnalysisResult} the list is read-only and may
 * be read by several threads.
 */
final class HeldDatasets extends AbstractList<Dataset> implements RandomAccess {
    /** Datasets held in the heap as they are before any is written to disk: runs of a few files never touch the disk. */
    static final int IN_HEAP = 16;
    /** Datasets read back from disk and kept, the most recent. */
    static final int RECENT = 4;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final ObjectInputFilter OWN_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;io.fragscope.**;java.util.*;java.lang.*;!*");

    private final int inHeap;
    private final List<Dataset> datasets = new ArrayList<>();
    private Spill spill;
    private boolean frozen;
    /** The datasets read back last, most recent first: at most {@link #RECENT}, shared by the threads that read. */
    private final java.util.Deque<Loaded> recent = new java.util.ArrayDeque<>();

    HeldDatasets() { this(IN_HEAP); }

    /** @param inHeap datasets held in the heap before the rest go to disk (0: none, every one goes to disk) */
    HeldDatasets(int inHeap) { this.inHeap = inHeap; }

    private record Loaded(OnDisk where, DatasetSummary summary, KeyspaceProfile profile) {}

    /** Where one dataset's summary and profile are in the file. */
    private final class OnDisk implements Dataset.Kept {
        final long at;
        final int length;

        OnDisk(long at, int length) {
            this.at = at;
            this.length = length;
        }

        @Override public DatasetSummary summary() { return load(this).summary(); }

        @Override public KeyspaceProfile profile() { return load(this).profile(); }
    }

    /** The open temporary file: closed by the cleaner once the list is unreachable. */
    private static final class Spill implements Runnable {
        final FileChannel channel;
        long end;

        Spill() throws IOException {
            Path f = Files.createTempFile("fragscope-datasets-", ".bin");
            try {
                channel = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } finally {
                Files.deleteIfExists(f);   // unlinked: the open channel still reads and writes it
            }
        }

        @Override public void run() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is already unlinked: nothing to leave behind
            }
        }
    }

    @Override public boolean add(Dataset d) {
        if (frozen) throw new UnsupportedOperationException("the datasets of a result are read-only");
        if (datasets.size() < inHeap) {
            datasets.add(d);
            modCount++;
            return true;
        }
        byte[] bytes = serialize(d);
        try {
            if (spill == null) {
                spill = new Spill();
                CLEANER.register(this, spill);
            }
            long at = spill.end;
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) spill.channel.write(b, at + b.position());
            spill.end += bytes.length;
            datasets.add(d.keptBy(new OnDisk(at, bytes.length)));
        } catch (IOException e) {
            throw new UncheckedIOException("the run's key datasets could not be kept in a temporary file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        modCount++;
        return true;
    }

    @Override public Dataset get(int i) { return datasets.get(i); }

    @Override public int size() { return datasets.size(); }

    /** This list, read-only from now on: what an {@link AnalysisResult} holds. */
    HeldDatasets frozen() {
        frozen = true;
        return this;
    }

    /** Datasets whose summary and profile are on disk (0 for runs of at most {@link #IN_HEAP} key files). */
    int onDisk() { return Math.max(0, datasets.size() - inHeap); }

    /** Dataset {@code i}'s summary and profile as read from disk now (tests); {@code i} must be a dataset on disk. */
    Dataset readFromDisk(int i) {
        Dataset shell = datasets.get(i);
        Loaded l = read((OnDisk) shell.kept());
        return new Dataset(shell.source(), shell.kind(), shell.series(), shell.findings(), l.summary(), l.profile(), shell.id());
    }

    private Loaded load(OnDisk where) {
        synchronized (recent) {
            for (Loaded l : recent) if (l.where() == where) return l;
        }
        Loaded l = read(where);
        synchronized (recent) {
            recent.addFirst(l);
            if (recent.size() > RECENT) recent.removeLast();
        }
        return l;
    }

    private static byte[] serialize(Dataset d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 << 10);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d.summary());
            out.writeObject(d.profile());
        } catch (IOException e) {
            throw new IllegalStateException("a dataset could not be serialized (a bug): " + e, e);
        }
        return bytes.toByteArray();
    }

    private Loaded read(OnDisk o) {
        ByteBuffer b = ByteBuffer.allocate(o.length);
        try {
            while (b.hasRemaining()) {
                if (spill.channel.read(b, o.at + b.position()) < 0) throw new IOException("the temporary file ended early");
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.array()))) {
                in.setObjectInputFilter(OWN_CLASSES);
                return new Loaded(o, (DatasetSummary) in.readObject(), (KeyspaceProfile) in.readObject());
            }
        } catch (InvalidClassException | ClassNotFoundException e) {
            throw new IllegalStateException("a dataset kept on disk could not be read back (a bug): " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("a dataset kept in a temporary file could not be read back: " + e.getMessage(), e);
        }
    }
}
