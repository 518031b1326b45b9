package io.fragscope.damage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every truncation point of every real RDB file of ../shared up to 1 KiB (87 files of the public test suites,
 * 13,849 cuts), through the library in a JVM limited to 128 MiB: each ends ok, partial or error, with a one-line
 * message and no raw control byte. The only cuts that end ok are those in the 40 bytes that redis_40_with_module.rdb
 * (redis-rdb-tools) carries after its checksum, which Redis ignores too. scripts/damage-campaign.sh every-cut runs
 * the larger files too.
 */
class EveryCutTest {
    @TempDir Path tmp;

    @Test
    void everyCutOfTheSmallRealFilesEndsCleanly() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), DamageCampaign.class.getName(), "every-cut", tmp.toString(), "1024", "-1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("every-cut.log").toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the run ends");
        String log = Files.readString(tmp.resolve("every-cut.log"));
        assertEquals(0, p.exitValue(), log);
        Map<String, Long> outcomes = new TreeMap<>();
        long cases = -1;
        for (String line : log.lines().toList()) {
            String[] f = line.split(" ");
            if (line.startsWith("outcome ")) outcomes.put(f[1], Long.parseLong(f[2]));
            if (line.startsWith("cases ")) cases = Long.parseLong(f[1]);
        }
        long expected = 0;
        for (Path f : DamageCampaign.realRdbs()) if (Files.size(f) <= 1024) expected += Files.size(f);
        assertEquals(expected, cases, "a case per byte of every file up to 1 KiB: " + log);
        for (String bad : List.of("oom", "hang", "crash", "alert", "raw-control", "multi-line")) {
            assertEquals(0L, outcomes.getOrDefault(bad, -1L), bad + ":\n" + log);
        }
        assertTrue(outcomes.get("partial") > 0 && outcomes.get("error") > 0, log);
        assertEquals(cases, outcomes.get("ok") + outcomes.get("partial") + outcomes.get("error"), log);
    }
}
