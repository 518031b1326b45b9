package io.fragscope.source.rdb;

import io.fragscope.source.ReadLimits;
import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An AOF with an RDB preamble made by this machine's redis-server (7.0): appendonly turned on with
 * aof-use-rdb-preamble writes the RDB base of a multi-part AOF, later writes go to its incremental file. Their
 * concatenation is the single appendonly.aof that Redis before 7.0 wrote, and that 7.0 still loads (its old-style
 * AOF upgrade): the test proves that by loading it into a second server.
 */
class LiveAofPreambleTest {
    @TempDir Path tmp;

    private static String persistence(LocalRedis r) throws IOException {
        return r.text("INFO", "persistence").replace("\r", "");
    }

    @Test
    void theRdbPartIsReadAndTheTailCounted() throws IOException, InterruptedException {
        Path one = Files.createDirectories(tmp.resolve("one"));
        Path aof = tmp.resolve("two").resolve("appendonly.aof");
        Files.createDirectories(aof.getParent());
        long incrBytes;
        try (LocalRedis r = LocalRedis.start(one, null, "--aof-use-rdb-preamble", "yes", "--appendfsync", "always")) {
            List<Object[]> sets = new ArrayList<>();
            for (int i = 0; i < 100; i++) sets.add(new Object[] {"SET", "base:" + i, "value-" + i});
            r.pipeline(sets);
            r.call("CONFIG", "SET", "appendonly", "yes"); // rewrites the AOF: the RDB base with the 100 keys
            for (int i = 0; i < 400 && !persistence(r).matches("(?s).*aof_enabled:1.*aof_rewrite_in_progress:0.*aof_rewrite_scheduled:0.*"); i++) {
                Thread.sleep(25);
            }
            assertTrue(persistence(r).contains("aof_last_bgrewrite_status:ok"), persistence(r));
            for (int i = 0; i < 7; i++) r.call("SET", "tail:" + i, "x".repeat(i * 10));
            r.call("DEL", "base:0");
            List<String> manifest = Files.readAllLines(one.resolve("appendonlydir").resolve("appendonly.aof.manifest"));
            Path base = one.resolve("appendonlydir").resolve(manifest.stream().filter(l -> l.endsWith("type b")).findFirst().orElseThrow().split(" ")[1]);
            Path incr = one.resolve("appendonlydir").resolve(manifest.stream().filter(l -> l.endsWith("type i")).findFirst().orElseThrow().split(" ")[1]);
            assertTrue(base.toString().endsWith(".base.rdb"), base.toString());
            incrBytes = Files.size(incr);
            try (OutputStream o = Files.newOutputStream(aof)) {
                Files.copy(base, o);
                Files.copy(incr, o);
            }
        }

        RecordingVisitor v = new RecordingVisitor();
        RdbReader.read(aof, ReadLimits.DEFAULTS, v);
        assertEquals(100, v.keys.size(), "the keys of the RDB base");
        assertTrue(v.checksumOk);
        assertEquals("1", v.aux.get("aof-base"), "Redis marks the base");
        assertEquals(incrBytes, v.aofTailBytes, "the whole incremental part");
        assertEquals(1 + 7 + 1, v.aofTailCommands, "SELECT 0, the seven SETs and the DEL");
        assertTrue(v.aofTailClean);

        // The same file is a valid AOF for Redis: it loads the 100 keys, then replays the tail.
        try (LocalRedis r2 = LocalRedis.start(aof.getParent(), null, "--appendonly", "yes", "--appendfilename", "appendonly.aof")) {
            Object size = null;
            for (int i = 0; i < 400 && size == null; i++) {
                try {
                    size = r2.call("DBSIZE");
                } catch (IOException loading) { // "LOADING Redis is loading the dataset in memory"
                    if (!String.valueOf(loading.getMessage()).contains("LOADING")) throw loading;
                    Thread.sleep(25);
                }
            }
            assertEquals(100L + 7 - 1, size);
        }
    }
}
