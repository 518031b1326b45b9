package io.fragscope.source.rdb;

import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The reader's own events on an RDB this machine's redis-server writes: every type, against what the server says. */
class LiveRdbReaderTest {
    @TempDir Path dir;

    @Test
    void everyKeyOfARealSaveHasTheTypeLengthAndElementsTheServerReports() throws IOException {
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            List<Object[]> c = new ArrayList<>();
            c.add(new Object[] {"SET", "s:int", "12345"});
            c.add(new Object[] {"SET", "s:raw", "v".repeat(300)});
            c.add(new Object[] {"SET", "s:lzf", "abc".repeat(5000)});
            c.add(new Object[] {"SET", new byte[] {'b', 0, (byte) 0xfe}, "binary name"});
            c.add(new Object[] {"HSET", "h:lp", "a", "1", "b", "two"});
            Object[] big = new Object[2 + 2 * 600];
            big[0] = "HSET";
            big[1] = "h:ht";
            for (int i = 0; i < 600; i++) { big[2 + 2 * i] = "f" + i; big[3 + 2 * i] = "value-" + i; }
            c.add(big);
            c.add(new Object[] {"SADD", "set:int", "1", "2", "300000"});
            c.add(new Object[] {"SADD", "set:str", "x", "yy", "zzz"});
            c.add(new Object[] {"ZADD", "z:lp", "1", "a", "2.5", "b"});
            Object[] zs = new Object[2 + 2 * 300];
            zs[0] = "ZADD";
            zs[1] = "z:sl";
            for (int i = 0; i < 300; i++) { zs[2 + 2 * i] = String.valueOf(i); zs[3 + 2 * i] = "m" + i; }
            c.add(zs);
            Object[] list = new Object[2 + 3000];
            list[0] = "RPUSH";
            list[1] = "l:ql";
            for (int i = 0; i < 3000; i++) list[2 + i] = "item-" + i;
            c.add(list);
            for (int i = 0; i < 50; i++) c.add(new Object[] {"XADD", "x:s", "*", "k", "v" + i});
            c.add(new Object[] {"PEXPIREAT", "s:raw", "2400000000000"});
            r.pipeline(c);
            r.call("SAVE");

            RecordingVisitor v = new RecordingVisitor();
            RdbReader.read(dir.resolve("dump.rdb"), ReadLimits.DEFAULTS, v);
            assertTrue(v.ended && v.checksumOk);
            assertEquals(((Long) r.call("DBSIZE")).intValue(), v.keys.size());
            Map<KeyName, RecordingVisitor.Key> byName = new HashMap<>();
            for (RecordingVisitor.Key k : v.keys) byName.put(k.name, k);
            for (RecordingVisitor.Key k : v.keys) {
                byte[] name = k.bytes;
                String type = r.text("TYPE", name);
                assertEquals(type, RdbFormat.typeName(k.type), "type of " + k);
                long expected = switch (type) {
                    case "string" -> (Long) r.call("STRLEN", name);
                    case "hash" -> (Long) r.call("HLEN", name);
                    case "set" -> (Long) r.call("SCARD", name);
                    case "zset" -> (Long) r.call("ZCARD", name);
                    case "list" -> (Long) r.call("LLEN", name);
                    default -> (Long) r.call("XLEN", name);
                };
                assertEquals(expected, RecordingVisitor.elements(k), "elements of " + k);
            }
            assertTrue(byName.get(KeyName.ofUtf8("s:raw")).expireAt == 2400000000000L);
            assertTrue(byName.get(KeyName.ofUtf8("s:int")).stringInteger);
            assertEquals(RdbFormat.RDB_TYPE_HASH, byName.get(KeyName.ofUtf8("h:ht")).type);
            assertEquals(RdbFormat.RDB_TYPE_LIST_QUICKLIST_2, byName.get(KeyName.ofUtf8("l:ql")).type);
            assertTrue(byName.get(KeyName.ofUtf8("l:ql")).quicklistNodes > 1, "several quicklist nodes");
            assertNotNull(byName.get(KeyName.of(new byte[] {'b', 0, (byte) 0xfe})), "binary key name read back byte for byte");
        }
    }
}
