package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.KeyType;
import io.fragscope.source.KeyName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which key types and key prefixes allocate in each small size class: the per-type split of the dataset's size-class
 * histogram that lets a MEMORY MALLOC-STATS capture's holes be laid at the door of the keys that use those classes.
 * Only jemalloc's small classes (up to {@link #MAX_CLASS} bytes, the ones its {@code bins:} table lists) are counted.
 * Bounded: one row of counters per type and per prefix, at most {@link #MAX_PREFIXES} prefixes (the first seen; later
 * ones are counted under {@link #OTHER}), and {@link #owners} keeps the top few of each per class. The allocations of
 * keys the server drops on load (empty collections) are not laid at any key's door, though the histogram counts them.
 */
public final class SizeClassOwners implements SizeClassObserver {
    /** jemalloc 5's largest small class with 4 KiB pages (SC_SMALL_MAXCLASS); larger allocations have no bin. */
    public static final long MAX_CLASS = 14336;
    static final int MAX_PREFIXES = 128;
    /** The name of the prefixes past {@link #MAX_PREFIXES}, and of keys without a prefix. */
    public static final String OTHER = "(other keys)";
    private static final int SLOTS = (int) (MAX_CLASS / 8) + 1;

    private final KeyPrefixes prefixes;
    private final long[] keyTimes = new long[SLOTS];
    private final int[] touched = new int[SLOTS];
    private int touchedCount;
    private final Map<String, long[]> byType = new HashMap<>();
    /** Keyed by the prefix's bytes (escaped only at the end: a string per key would cost more than the counting). */
    private final Map<KeyName, long[]> byPrefix = new HashMap<>();
    private final long[] otherPrefixes = new long[SLOTS];

    public SizeClassOwners(AggregationOptions options) {
        this.prefixes = new KeyPrefixes(options.prefixSeparators(), options.prefixDepth());
    }

    @Override public void allocated(long sizeClassBytes, long times) {
        if (sizeClassBytes <= 0 || sizeClassBytes > MAX_CLASS || (sizeClassBytes & 7) != 0) return;
        int i = (int) (sizeClassBytes >>> 3);
        if (keyTimes[i] == 0) touched[touchedCount++] = i;
        keyTimes[i] += times;
    }

    @Override public void keyDiscarded() { reset(); }

    /** The key whose allocations were just observed: they are counted under its type and prefix. */
    public void key(KeyCost c) {
        if (touchedCount == 0) return;
        long[] t = byType.computeIfAbsent(c.type() == KeyType.UNKNOWN ? "?" : c.type().redisName(), k -> new long[SLOTS]);
        KeyName p = prefixes.prefixOf(c.key());
        long[] q = p == null ? otherPrefixes : byPrefix.get(p);
        if (q == null) q = byPrefix.size() < MAX_PREFIXES ? byPrefix.computeIfAbsent(p, k -> new long[SLOTS]) : otherPrefixes;
        for (int j = 0; j < touchedCount; j++) {
            int i = touched[j];
            t[i] += keyTimes[i];
            q[i] += keyTimes[i];
        }
        reset();
    }

    private void reset() {
        for (int j = 0; j < touchedCount; j++) keyTimes[touched[j]] = 0;
        touchedCount = 0;
    }

    /** Per size class, the {@code top} types and {@code top} prefixes with the most allocations in it, largest first. */
    public List<SizeClassHistogram.Owner> owners(int top) {
        List<SizeClassHistogram.Owner> out = new ArrayList<>();
        Map<String, long[]> prefixRows = new HashMap<>();
        byPrefix.forEach((k, v) -> prefixRows.put(k.escaped(), v));
        prefixRows.put(OTHER, otherPrefixes);
        for (int i = 1; i < SLOTS; i++) {
            out.addAll(topOf(byType, i, "type", top));
            out.addAll(topOf(prefixRows, i, "prefix", top));
        }
        return out;
    }

    private static List<SizeClassHistogram.Owner> topOf(Map<String, long[]> rows, int slot, String kind, int top) {
        List<SizeClassHistogram.Owner> all = new ArrayList<>();
        rows.forEach((name, counts) -> {
            if (counts[slot] > 0) all.add(new SizeClassHistogram.Owner(slot * 8L, kind, name, counts[slot]));
        });
        all.sort(Comparator.comparingLong(SizeClassHistogram.Owner::allocations).reversed().thenComparing(SizeClassHistogram.Owner::name));
        return all.size() > top ? all.subList(0, top) : all;
    }
}
