package io.fragscope.analysis.cost;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.AllocatorChoice;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.model.RedisVersion;
import io.fragscope.source.ClusterSlot;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbEventPipe;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.source.rdb.RdbVisitor;
import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Key names longer than the reader holds ({@link KeyName#MAX_HELD}), written by this machine's redis-server: the
 * reader streams them (raw and LZF-compressed), and the name it reports, the slot it computes over every byte and
 * the coster's MEMORY USAGE must be those of the whole name, on one thread and through the two-thread pipe.
 */
class LongKeyNameLiveTest {

    @TempDir Path tmp;

    /** Full names by what the reader reports for them (a cut name equals KeyName.of of the whole bytes). */
    private static Map<KeyName, byte[]> names() {
        Random r = new Random(15);
        Map<KeyName, byte[]> names = new LinkedHashMap<>();
        for (byte[] n : List.of(
                ascii("h".repeat(KeyName.MAX_HELD)),                       // held whole: the old path
                ascii("i".repeat(KeyName.MAX_HELD + 1)),                   // one byte over: streamed, cut
                ascii("long:{tag-1}:" + "x".repeat(3 << 20)),              // 3 MiB of one letter: LZF, tag in the head
                ascii("{open-in-head " + "y".repeat(5000) + "}:tail"),     // tag closes after the held bytes
                ascii(letters(r, 70_000)),                                 // random letters: LZF does not pay, raw
                binary(r, 200_000))) {                                     // every byte value
            names.put(KeyName.of(n), n);
        }
        return names;
    }

    @Test
    void longNamesAreReadInPiecesWithTheirLengthHashSlotAndMemoryUsage() throws IOException {
        Map<KeyName, byte[]> names = names();
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        try (LocalRedis redis = LocalRedis.start(dir, null)) {
            List<Object[]> cmds = new ArrayList<>();
            int i = 0;
            for (byte[] n : names.values()) {
                switch (i++ % 4) {
                    case 0 -> cmds.add(new Object[] {"SET", n, "12345"});
                    case 1 -> cmds.add(new Object[] {"SET", n, "an embedded string"});
                    case 2 -> cmds.add(new Object[] {"HSET", n, "f1", "v1", "f2", "v2"});
                    default -> cmds.add(new Object[] {"SADD", n, "a", "b", "c"});
                }
                if (i % 2 == 0) cmds.add(new Object[] {"PEXPIREAT", n, "2400000000000"});
            }
            redis.pipeline(cmds);
            redis.call("SAVE");
            Path rdb = dir.resolve("dump.rdb");

            // What the reader hands over: the cut name and the slot of the whole name.
            Map<KeyName, Integer> slots = new HashMap<>();
            RdbReader.read(rdb, ReadLimits.DEFAULTS, new RdbVisitor() {
                private KeyName pending;
                @Override public void longKeyName(KeyName name) { pending = name; }
                @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
                    assertTrue(keyLength <= KeyName.MAX_HELD, "the reader holds at most " + KeyName.MAX_HELD + " bytes of a name");
                    KeyName name = pending != null ? pending : KeyName.of(key, 0, keyLength);
                    slots.put(name, slot);
                    pending = null;
                }
                @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { }
            });
            assertEquals(names.keySet(), slots.keySet(), "every name, with its full length and hash");
            for (Map.Entry<KeyName, byte[]> e : names.entrySet()) {
                byte[] n = e.getValue();
                assertEquals(n.length, e.getKey().length());
                assertEquals(ClusterSlot.slot(n, n.length), slots.get(e.getKey()), "slot of the " + n.length + "-byte name");
            }

            // What the model prices: MEMORY USAGE of the whole name, the same through the two-thread pipe.
            Map<String, String> info = new HashMap<>();
            for (String line : redis.infoAll().split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && !line.startsWith("#")) info.put(line.substring(0, c), line.substring(c + 1));
            }
            CostModel model = new CostModel(RedisLayout.of(RedisVersion.parse(info.get("redis_version"))), AllocatorChoice.infer(info),
                    EncodingThresholds.DEFAULTS, false, true, "live");
            for (int threads : new int[] {1, 2}) {
                List<KeyCost> costs = new ArrayList<>();
                RdbKeyCoster coster = new RdbKeyCoster(model, costs::add);
                RdbEventPipe.read(rdb, ReadLimits.DEFAULTS, coster, threads);
                assertEquals(names.size(), costs.size());
                for (KeyCost k : costs) {
                    byte[] full = names.get(k.key());
                    assertNotNull(full, "a name the server wrote: " + k.key());
                    long usage = (Long) redis.call("MEMORY", "USAGE", full, "SAMPLES", "0");
                    assertEquals(usage, k.memoryUsageBytes(), k.type() + " " + k.encoding() + " named " + full.length + " bytes, " + threads + " thread(s)");
                }
            }
        }
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static String letters(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) ('a' + r.nextInt(26)));
        return sb.toString();
    }

    private static byte[] binary(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
