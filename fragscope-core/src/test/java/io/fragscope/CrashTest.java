package io.fragscope;

import org.junit.jupiter.api.Test;

import java.io.Closeable;

import static org.junit.jupiter.api.Assertions.*;

/** How an unexpected failure is told, including the JVM's preallocated OutOfMemoryError thrown twice. */
class CrashTest {

    @Test
    void anOutOfMemoryErrorThrownByABodyAndItsCloseIsStillToldAsOutOfMemory() {
        OutOfMemoryError preallocated = new OutOfMemoryError("Java heap space");
        Throwable caught = null;
        try (Closeable c = () -> { throw preallocated; }) {
            throw preallocated;
        } catch (Throwable t) {
            caught = t;
        }
        assertInstanceOf(IllegalArgumentException.class, caught, "try-with-resources cannot suppress an exception into itself");
        assertTrue(Crash.isUnexpected(caught));
        String line = Crash.describe(caught);
        assertTrue(line.startsWith("OutOfMemoryError: Java heap space (heap limit "), line);
    }

    /** The JDK instantiating a charset provider on a full heap (seen in CI): the line names the heap, not the provider. */
    @Test
    void aServiceProviderThatRanOutOfMemoryIsToldAsOutOfMemory() {
        Error e = new java.util.ServiceConfigurationError("java.nio.charset.spi.CharsetProvider: Provider sun.nio.cs.ext.ExtendedCharsets could not be instantiated",
                new OutOfMemoryError("Java heap space"));
        assertTrue(Crash.isUnexpected(e));
        String line = Crash.describe(e);
        assertTrue(line.startsWith("OutOfMemoryError: Java heap space (heap limit "), line);
        assertTrue(Crash.describe(new java.util.ServiceConfigurationError("no provider")).startsWith("ServiceConfigurationError: no provider at "));
    }

    @Test
    void anInputProblemIsNotACrash() {
        assertFalse(Crash.isUnexpected(new java.io.IOException("cut")));
        assertFalse(Crash.isUnexpected(new IllegalArgumentException("--allocator foo")));
        assertTrue(Crash.describe(new IllegalStateException("bug")).startsWith("IllegalStateException: bug at CrashTest."));
    }
}
