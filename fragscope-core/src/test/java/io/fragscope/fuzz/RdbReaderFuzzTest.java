package io.fragscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.source.rdb.RdbVisitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The RDB reader either reads or raises {@link InputException}: no other exception, no hang, and no
 * allocation sized by a length the input merely claims (the limits are small and the heap is the test's).
 * Seeds: small real RDB files of every era (zipmap, ziplist, intset, quicklist, listpack, streams, HFE).
 */
public class RdbReaderFuzzTest {
    private static final ReadLimits LIMITS = new ReadLimits(4096, 1 << 16, 1 << 20, 16);

    private static final RdbVisitor SINK = new RdbVisitor() {
        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) { }

        @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { }
    };

    @FuzzTest(maxDuration = "15s")
    public void read(byte[] data) throws IOException {
        try {
            RdbReader.read(new ByteArrayInputStream(data), Path.of("fuzz.rdb"), data.length, LIMITS, SINK);
        } catch (InputException expected) {
            // the one acceptable failure
        }
    }

    /** Entry point for Jazzer's standalone driver (scripts/fuzz-long.sh): the same target, run for hours. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        new RdbReaderFuzzTest().read(data);
    }
}
