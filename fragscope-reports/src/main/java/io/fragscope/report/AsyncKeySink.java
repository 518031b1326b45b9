package io.fragscope.report;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands key costs to a sink on a second thread, in batches through a small bounded queue: formatting
 * keys.csv costs about as much as reading and pricing the RDB, so the two halves run on both cores.
 * The queue bounds memory: at most {@code QUEUE} batches in flight, each of at most {@code BATCH} keys
 * and about {@code BATCH_BYTES} bytes of key names (a batch of 4,096 names of 1 KiB would be 4 MiB).
 */
final class AsyncKeySink implements KeyCostSink, AutoCloseable {
    static final int BATCH = 4096, QUEUE = 8;
    static final long BATCH_BYTES = 1L << 20;
    private static final List<KeyCost> END = List.of();

    private final BlockingQueue<List<KeyCost>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread worker;
    private volatile Throwable failure;
    private List<KeyCost> batch = new ArrayList<>(BATCH);
    private long batchBytes;

    AsyncKeySink(KeyCostSink target, String name) {
        worker = new Thread(() -> {
            try {
                while (true) {
                    List<KeyCost> b = queue.take();
                    if (b == END) return;
                    for (KeyCost c : b) target.accept(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
                queue.clear();
            }
        }, name);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void accept(KeyCost cost) {
        batch.add(cost);
        batchBytes += cost.key().heldLength() + 128L; // type and encoding are shared constants
        if (batch.size() == BATCH || batchBytes >= BATCH_BYTES) flushBatch();
    }

    private void flushBatch() {
        check();
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing keys", e);
        }
        batch = new ArrayList<>(BATCH);
        batchBytes = 0;
    }

    private void check() {
        Throwable f = failure;
        // A new exception each time: the same instance thrown by the body and again by close() cannot be suppressed.
        if (f instanceof UncheckedIOException u) throw new UncheckedIOException(u.getCause().getMessage(), u.getCause());
        if (f != null) throw new IllegalStateException("writing keys failed: " + f, f);
    }

    /** Waits until every key given so far has reached the target. */
    @Override
    public void close() throws IOException {
        if (!batch.isEmpty()) flushBatch();
        try {
            queue.put(END);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing keys", e);
        }
        check();
    }
}
