package io.fragscope.analysis.where;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogHistogramTest {
    @Test
    void percentilesWithinOneBucketOfTheExactValue() {
        LogHistogram h = new LogHistogram();
        for (long v = 1; v <= 100_000; v++) h.add(v);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            long exact = Math.round(q * 100_000);
            long got = h.percentile(q);
            assertTrue(got >= exact && got <= exact * 1.126, q + ": " + got + " vs " + exact);
        }
        assertEquals(100_000, h.percentile(1.0));
        assertEquals(100_000, h.max());
        LogHistogram one = new LogHistogram();
        one.add(0);
        assertEquals(0, one.percentile(0.99));
        assertEquals(0, new LogHistogram().percentile(0.5));
    }
}
