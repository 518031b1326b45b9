package io.fragscope.source.rdb;

import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A visitor run ahead on the reader's thread and its {@link RdbEventPipe.Lane}: what it sends at a key's end reaches
 * the calling thread between that key's events and the next key's, in the order of a read on one thread.
 */
class RdbEventPipeLaneTest {

    /** The sequence the calling thread sees: each key's begin and end, and each object sent, with the receiving thread. */
    private static List<String> trace(Path rdb, int threads, List<Thread> receivers, List<Thread> pricers) throws IOException {
        List<String> seen = new ArrayList<>();
        RdbEventPipe.Lane<String> lane = new RdbEventPipe.Lane<>(s -> {
            seen.add(s);
            receivers.add(Thread.currentThread());
        }, s -> 64 + 2L * s.length());
        RdbVisitor ahead = new RdbVisitor() {
            private String name;
            private long elements;

            @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return false; }

            @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
                name = new String(key, 0, keyLength, java.nio.charset.StandardCharsets.ISO_8859_1);
                elements = 0;
            }

            @Override public void entriesCounted(long entries) { elements += entries; }

            @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { elements++; }

            @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) {
                pricers.add(Thread.currentThread());
                lane.send("cost " + name + " " + elements);
            }
        };
        RdbVisitor behind = new RdbVisitor() {
            @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return false; }

            @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
                seen.add("begin " + new String(key, 0, keyLength, java.nio.charset.StandardCharsets.ISO_8859_1));
            }

            @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { seen.add("end"); }
        };
        RdbEventPipe.read(rdb, v -> RdbReader.read(rdb, ReadLimits.DEFAULTS, v), ahead, lane, behind, threads);
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.2.6-jemalloc", "8.6.3-jemalloc", "valkey-9.1.2-jemalloc"})
    void objectsSentAheadArriveInPlaceOnTheCallingThread(String build) throws IOException {
        Path rdb = SharedFiles.groundTruth().resolve(build).resolve("dump.rdb");
        List<Thread> receivers1 = new ArrayList<>(), pricers1 = new ArrayList<>(), receivers2 = new ArrayList<>(), pricers2 = new ArrayList<>();
        List<String> one = trace(rdb, 1, receivers1, pricers1);
        List<String> two = trace(rdb, 2, receivers2, pricers2);
        assertEquals(one, two);
        assertTrue(one.size() > 3 * 8000, "every key: begin, cost, end");
        for (int i = 0; i < one.size(); i += 3) {
            assertTrue(one.get(i).startsWith("begin "), one.get(i));
            assertEquals("cost " + one.get(i).substring(6), one.get(i + 1).substring(0, one.get(i + 1).lastIndexOf(' ')));
            assertEquals("end", one.get(i + 2));
        }
        Thread me = Thread.currentThread();
        assertTrue(receivers2.stream().allMatch(t -> t == me), "the lane delivers on the calling thread");
        assertTrue(pricers2.stream().noneMatch(t -> t == me), "the visitor ahead ran on the reader's thread");
        assertTrue(pricers1.stream().allMatch(t -> t == me), "one thread: all on the calling thread");
    }
}
