package io.fragscope.report;

import io.fragscope.analysis.KeyCost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first keys of the run, kept while they are read, for the workbook's Keys sheet: the sheet never reads
 * keys.csv back. Bounded twice: at most {@code maxRows} keys and about {@link #MAX_BYTES} of heap (a key name
 * holds at most {@link io.fragscope.source.KeyName#MAX_HELD} bytes, so 100,000 keys of long names stop earlier).
 * Filled by one thread (keys.csv's writer, or without that file the thread that gives the keys); read on that thread, or
 * after it was joined.
 */
public final class KeySample {
    /** Heap the sample may take: about 160 bytes a key besides its name's bytes. */
    static final long MAX_BYTES = 32L << 20;
    static final long ROW_BYTES = 160;

    private final int maxRows;
    private final List<KeyCost> costs = new ArrayList<>();
    private int[] dataset = new int[1024];
    private final List<String> sources = new ArrayList<>();
    private long bytes;
    private boolean full;

    public KeySample(int maxRows) { this.maxRows = maxRows; }

    /** @return the index of {@code source} for {@link #add}; sources are the datasets' paths as keys.csv used to name them */
    int source(String source) {
        sources.add(source);
        return sources.size() - 1;
    }

    /** Keeps the key if the sample has room; once full it stays full, so the sample is always a prefix of the run's keys. */
    void add(int source, KeyCost c) {
        if (full) return;
        long b = ROW_BYTES + c.key().heldLength();
        if (costs.size() >= maxRows || bytes + b > MAX_BYTES) {
            complete();
            return;
        }
        int i = costs.size();
        if (i == dataset.length) dataset = Arrays.copyOf(dataset, i * 2);
        dataset[i] = source;
        costs.add(c);
        bytes += b;
        if (costs.size() == maxRows) complete();
    }

    private void complete() {
        full = true;
        Runnable r = whenFull;
        whenFull = null;
        if (r != null) r.run();
    }

    private Runnable whenFull;
    private volatile KeysSheet.Draft draft;

    /**
     * Runs {@code r} on the filling thread as soon as the sample is full and can no longer change (not at all when the
     * run's keys all fit).
     */
    void whenFull(Runnable r) { this.whenFull = r; }

    /** The workbook begun from this sample while the run was still reading, if any ({@link KeysSheet.Draft}). */
    KeysSheet.Draft draft() { return draft; }

    void attach(KeysSheet.Draft d) { this.draft = d; }

    public int size() { return costs.size(); }

    public KeyCost cost(int i) { return costs.get(i); }

    /** The source of row {@code i}, as text (the dataset's path). */
    public String source(int i) { return sources.get(dataset[i]); }
}
