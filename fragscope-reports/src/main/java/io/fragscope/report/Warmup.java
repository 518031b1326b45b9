package io.fragscope.report;

/**
 * Report code loaded and first run on a daemon thread, ahead of the thread that will need it ({@link ReportWarmup},
 * {@link WorkbookWarmup}). A class being initialised by one thread is waited for by another, never initialised twice;
 * so when a warm-up runs out of memory inside a class's initialiser (the heap is shared with the read and the reports),
 * that class stays unusable for the rest of the run, and the report that needs it fails with
 * {@code NoClassDefFoundError: Could not initialize class …}, which names neither the heap nor its limit. A warm-up
 * therefore keeps the virtual-machine error it met, and {@link #explain} gives it back as the report's failure.
 */
final class Warmup {
    /**
     * Below this heap limit (bytes) no warm-up runs: on a heap that small the read and the reports fill it, and a warm-up
     * that meets the out-of-memory error first would only turn it into a poisoned class. fragscope's stated heap is 128 MiB.
     */
    static final long MIN_HEAP = 64L << 20;

    private final Thread thread;
    private volatile VirtualMachineError met;

    private Warmup(String name, Runnable work) {
        this.thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                // Only a warm-up: the report that needs the code meets any real failure itself; a VM error is kept for it.
                met = io.fragscope.Crash.vmErrorWithin(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code work} on a daemon thread named {@code name}, unless the heap limit is below {@link #MIN_HEAP}. */
    static Warmup start(String name, Runnable work) {
        Warmup w = new Warmup(name, work);
        if (Runtime.getRuntime().maxMemory() >= MIN_HEAP) w.thread.start();
        return w;
    }

    /** The out-of-memory (or other virtual-machine) error the warm-up met, else null. */
    VirtualMachineError met() { return met; }

    /**
     * What a report's {@code failure} (a class that could not be loaded or initialised, a service that could not be
     * instantiated) comes from: the error this warm-up met, when it met one, else {@code failure} itself.
     */
    Error explain(Error failure) {
        VirtualMachineError cause = met;
        if (cause == null) return failure;
        if (cause != failure) cause.addSuppressed(failure);   // a no-op on the VM's preallocated instances
        return cause;
    }

    /** Waits for the warm-up to end (tests). */
    void join() throws InterruptedException { thread.join(); }
}
