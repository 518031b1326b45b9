package io.fragscope.analysis.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two million listing rows through reader and aggregator in a child JVM with a 32 MB heap: if
 * anything kept a row per key, the child would die of OutOfMemoryError.
 */
class LargeListingStreamingTest {
    private static final int ROWS = 2_000_000;

    @TempDir
    Path tmp;

    @Test
    void twoMillionRowsStreamThroughA32MegabyteHeap() throws IOException, InterruptedException {
        Path listing = tmp.resolve("big.csv");
        long allocated = 0, withoutTtl = 0;
        try (BufferedWriter w = Files.newBufferedWriter(listing, StandardCharsets.ISO_8859_1)) {
            w.write("db,key,type,encoding,memory_usage,elements,ttl_ms\n");
            for (int i = 0; i < ROWS; i++) {
                long size = 48 + i % 977;
                boolean ttl = i % 3 == 0;
                w.write(i % 16 + ",tenant" + i % 50_000 + ":item:" + i + ",hash,listpack," + size + ","
                        + i % 100 + "," + (ttl ? 60_000 : -1) + "\n");
                allocated += size;
                if (!ttl) withoutTtl++;
            }
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", cp,
                ListingAggregationMain.class.getName(), listing.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        // the largest size, 48 + 976, first occurs at i = 976; ties go to the smallest key bytes
        String expectedTop = topKey();
        long foldedKeys = (50_000L - 10_000) * (ROWS / 50_000);   // 40 000 tenants past the cap, 40 keys each
        assertEquals(List.of(ROWS, ROWS, allocated, withoutTtl, 10_000, foldedKeys, expectedTop).stream()
                .map(String::valueOf).toList(), List.of(out.split(" ")), out);
    }

    /** Straight search over the generator's keys for the largest size, smallest db then key bytes. */
    private static String topKey() {
        String best = null;
        int bestDb = Integer.MAX_VALUE;
        for (int i = 976; i < ROWS; i += 977) {
            int db = i % 16;
            String key = "tenant" + i % 50_000 + ":item:" + i;
            if (db < bestDb || db == bestDb && key.compareTo(best) < 0) {
                best = key;
                bestDb = db;
            }
        }
        return best;
    }
}
