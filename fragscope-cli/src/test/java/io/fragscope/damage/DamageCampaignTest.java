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
 * A short damage campaign (about 25 seconds) in a JVM limited to 128 MiB: truncations, byte flips and length lies
 * in real RDB files of every version in ../shared, cut and flipped INFO dumps and listings, and made-up extremes.
 * No run may run out of memory, hang, crash, claim an alert, or put a raw control byte or a stray line on stderr.
 * scripts/damage-campaign.sh runs the same for as long as one likes.
 */
class DamageCampaignTest {
    @TempDir Path tmp;

    @Test
    void damagedRealFilesEndCleanlyInA128MiBHeap() throws Exception {
        long seed = System.currentTimeMillis();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), DamageCampaign.class.getName(), "25", Long.toString(seed), tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("campaign.log").toFile()).start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the campaign ends");
        String log = Files.readString(tmp.resolve("campaign.log"));
        assertEquals(0, p.exitValue(), log);
        Map<String, Long> outcomes = new TreeMap<>();
        for (String line : log.lines().toList()) {
            if (line.startsWith("outcome ")) {
                String[] f = line.split(" ");
                outcomes.put(f[1], Long.parseLong(f[2]));
            }
        }
        long cases = log.lines().filter(l -> l.startsWith("cases ")).mapToLong(l -> Long.parseLong(l.substring(6))).findFirst().orElse(0);
        assertTrue(cases > 20, "ran a campaign (seed " + seed + "): " + log);
        for (String bad : List.of("oom", "hang", "crash", "alert", "raw-control", "multi-line")) {
            assertEquals(0L, outcomes.getOrDefault(bad, -1L), bad + " (seed " + seed + "):\n" + log);
        }
        assertTrue(outcomes.get("ok") + outcomes.get("partial") + outcomes.get("error") >= cases, log);
    }
}
