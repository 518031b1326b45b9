package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * The N keys with the largest value of one metric, kept in a min-heap of N. Ties go to the lower
 * db, then the smaller key bytes, so the result does not depend on arrival order.
 */
final class TopKeys {
    private final int n;
    /** Best first. */
    private final Comparator<KeyCost> order;
    private final PriorityQueue<KeyCost> heap;
    private final ToLongFunction<KeyCost> metric;

    TopKeys(int n, ToLongFunction<KeyCost> metric) {
        this.n = n;
        this.metric = metric;
        this.order = Comparator.comparingLong(metric).reversed()
                .thenComparingInt(KeyCost::db)
                .thenComparing(KeyCost::key);
        this.heap = new PriorityQueue<>(Math.max(1, n), order.reversed());   // worst on top
    }

    void offer(KeyCost c) {
        if (n == 0) return;
        if (heap.size() < n) {
            heap.add(c);
        } else if (metric.applyAsLong(c) >= metric.applyAsLong(heap.peek()) && order.compare(c, heap.peek()) < 0) {
            // A key below the worst kept cannot enter: most keys are turned away by their metric, not the comparator chain.
            heap.poll();
            heap.add(c);
        }
    }

    /** The {@code n} best of both lists (each best first, as {@link #snapshot()} gives them), best first. */
    static List<KeyCost> merge(List<KeyCost> a, List<KeyCost> b, int n, ToLongFunction<KeyCost> metric) {
        TopKeys t = new TopKeys(n, metric);
        a.forEach(t::offer);
        b.forEach(t::offer);
        return t.snapshot();
    }

    /** Best first. */
    List<KeyCost> snapshot() {
        List<KeyCost> out = new ArrayList<>(heap);
        out.sort(order);
        return List.copyOf(out);
    }
}
