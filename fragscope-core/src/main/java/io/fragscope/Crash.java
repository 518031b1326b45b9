package io.fragscope;

/**
 * An unexpected failure (out of memory, a bug) told in one line: what happened and, for memory, the heap
 * limit and how to raise it. Unexpected means anything but an input that could not be read or bad options;
 * the CLI ends such a run with exit status 3.
 */
public final class Crash {
    private Crash() {}

    /** Whether {@code t} is a crash rather than an input or usage problem. */
    public static boolean isUnexpected(Throwable t) {
        if (errorWithin(t) != null) return true;
        return !(t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException || t instanceof IllegalArgumentException);
    }

    /**
     * An Error in {@code t}'s cause chain, or null: the first virtual-machine error (out of memory above all), else the
     * first Error. The JVM may throw one preallocated OutOfMemoryError instance twice (a body, then its close());
     * try-with-resources then fails with "Self-suppression not permitted", an IllegalArgumentException whose cause is
     * that error. A service provider that ran out of memory while instantiated is a ServiceConfigurationError (an
     * Error) whose cause is the OutOfMemoryError: the latter is what the run's one line must name.
     */
    private static Throwable errorWithin(Throwable t) {
        VirtualMachineError vm = vmErrorWithin(t);
        if (vm != null) return vm;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) if (t instanceof Error) return t;
        return null;
    }

    /** The first virtual-machine error (out of memory above all) in {@code t}'s cause chain, or null. */
    public static VirtualMachineError vmErrorWithin(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) if (t instanceof VirtualMachineError e) return e;
        return null;
    }

    /** "OutOfMemoryError: Java heap space (heap limit 128 MiB; raise it with java -Xmx…)", on one line. */
    public static String describe(Throwable t) {
        Throwable error = errorWithin(t);
        if (error != null) t = error;
        String m = t.getMessage();
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (m != null && !m.isBlank()) sb.append(": ").append(m.length() > 300 ? m.substring(0, 300) + "…" : m);
        if (t instanceof OutOfMemoryError) {
            sb.append(" (heap limit ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB; raise it with java -Xmx…)");
        } else {
            StackTraceElement[] st = t.getStackTrace();
            if (st.length > 0) sb.append(" at ").append(st[0].getClassName().replaceFirst("^.*\\.", "")).append('.')
                    .append(st[0].getMethodName()).append(':').append(st[0].getLineNumber());
        }
        return io.fragscope.source.KeyName.escapeControls(sb.toString());
    }
}
