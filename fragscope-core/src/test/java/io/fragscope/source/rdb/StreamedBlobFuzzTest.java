package io.fragscope.source.rdb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The RDB reader with every blob streamed through {@link BlobFeed} (the path of blobs over 8 MiB and of LZF values
 * that claim that much): it reads or raises {@link InputException}, nothing else, never hangs. Seeds: small real
 * files with listpacks, ziplists, intsets, zipmaps, quicklists, streams and LZF-compressed blobs.
 */
public class StreamedBlobFuzzTest {
    private static final ReadLimits LIMITS = new ReadLimits(4096, 1 << 16, 1 << 20, 16);

    private static final RdbVisitor SINK = new RdbVisitor() {
        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) { }

        @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { }
    };

    @FuzzTest(maxDuration = "10s")
    public void read(byte[] data) throws IOException {
        try {
            RdbReader.read(new ByteArrayInputStream(data), Path.of("fuzz.rdb"), data.length, LIMITS, SINK, 0);
        } catch (InputException expected) {
            // the one acceptable failure
        }
    }

    /** Entry point for Jazzer's standalone driver, for runs of hours (as scripts/fuzz-long.sh runs the other targets). */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        new StreamedBlobFuzzTest().read(data);
    }
}
