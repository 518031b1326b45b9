package io.fragscope.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A warm-up that runs out of memory inside a class's initialiser leaves that class unusable for the run: the report that
 * needs it then fails with NoClassDefFoundError, and {@link Warmup#explain} gives back the out-of-memory error instead.
 */
class WarmupTest {
    /** Initialised by the warm-up only; its initialiser fails as a class's does on a full heap. */
    static final class FullHeapOnInit {
        static final int VALUE;
        static {
            if (true) throw new OutOfMemoryError("Java heap space (in a class initialiser)");
            VALUE = 1;
        }
    }

    @Test
    void aClassTheWarmupCouldNotInitialiseFailsAsTheWarmupsOutOfMemoryError() throws Exception {
        Warmup w = Warmup.start("test warm-up", () -> System.identityHashCode(FullHeapOnInit.VALUE));
        w.join();
        assertNotNull(w.met(), "the warm-up kept its error");
        NoClassDefFoundError poisoned = assertThrows(NoClassDefFoundError.class, () -> System.identityHashCode(FullHeapOnInit.VALUE));
        assertTrue(poisoned.getMessage().contains("Could not initialize class"), poisoned.getMessage());
        Error told = w.explain(poisoned);
        assertInstanceOf(OutOfMemoryError.class, told);
        assertEquals("Java heap space (in a class initialiser)", told.getMessage());
        assertSame(poisoned, told.getSuppressed()[0], "the class named too");
    }

    @Test
    void aWarmupThatMetNothingExplainsNothing() throws Exception {
        Warmup w = Warmup.start("test warm-up", () -> { throw new IllegalStateException("a bug in a warm-up"); });
        w.join();
        assertNull(w.met(), "only VM errors are kept: a bug is met again by the report itself");
        NoClassDefFoundError other = new NoClassDefFoundError("x");
        assertSame(other, w.explain(other));
    }
}
