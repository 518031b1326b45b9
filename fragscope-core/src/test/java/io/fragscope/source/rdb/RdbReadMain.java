package io.fragscope.source.rdb;

import io.fragscope.source.ReadLimits;

import java.nio.file.Path;

/** Reads one RDB file with a visitor that only counts, for tests that run it in a JVM with a small heap. */
public final class RdbReadMain {
    private RdbReadMain() {}

    public static void main(String[] args) throws Exception {
        long[] c = new long[4]; // keys, elements, highest db, blob bytes
        RdbReader.read(Path.of(args[0]), ReadLimits.DEFAULTS, new RdbVisitor() {
            @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
                c[2] = Math.max(c[2], db);
            }

            @Override public void blob(BlobKind kind, long rawBytes, long entries) { c[3] += rawBytes; }

            @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { c[1]++; }

            @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { c[0]++; }
        });
        System.out.println("keys=" + c[0] + " elements=" + c[1] + " maxdb=" + c[2] + " blobbytes=" + c[3]
                + " heapmax=" + Runtime.getRuntime().maxMemory());
    }
}
