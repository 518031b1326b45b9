package io.fragscope.source.info;

import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Redis 8's INFO keysizes counts, per db and type, exactly the keys its keys.csv lists (streams and vector sets aside). */
class KeysizesHistogramTest {

    @ParameterizedTest
    @ValueSource(strings = {"8.0.6-jemalloc", "8.0.6-libc", "8.6.3-jemalloc", "8.6.3-libc"})
    void keysizesCountTheKeysOfEveryTypeTheListingHas(String build) throws IOException {
        Path dir = SharedFiles.groundTruth().resolve(build);
        InfoDump d = new InfoParser(ReadLimits.DEFAULTS).parse(dir.resolve("info-reloaded.txt"));
        List<KeysizesHistogram> h = KeysizesHistogram.of(d);
        assertEquals(10, h.size(), "5 types in 2 dbs");
        Map<String, Long> fromInfo = new TreeMap<>();
        for (KeysizesHistogram k : h) fromInfo.merge(k.db() + "/" + k.type(), k.keys(), Long::sum);
        Map<String, Long> fromListing = new TreeMap<>();
        try (Stream<String> lines = Files.lines(dir.resolve("keys.csv"))) {
            lines.skip(1).forEach(l -> {
                String[] c = l.split(",");
                String type = c[c.length - 5];
                if (List.of("string", "list", "set", "zset", "hash").contains(type)) fromListing.merge(c[0] + "/" + type, 1L, Long::sum);
            });
        }
        assertEquals(fromListing, fromInfo);
        KeysizesHistogram strings0 = h.stream().filter(k -> k.db() == 0 && k.type().equals("string")).findFirst().orElseThrow();
        assertEquals("sizes", strings0.measure());
        assertEquals(new KeysizesHistogram.Bin(2048, 44), strings0.bins().get(strings0.bins().size() - 1), "2K=44");
        assertEquals(25 + 147 + 2027 + 2, strings0.keysBelow(16), "strings under 16 bytes: bins 1, 2, 4 and 8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.4.1-jemalloc", "valkey-9.1.2-jemalloc"})
    void buildsWithoutKeysizesHaveNone(String build) throws IOException {
        InfoDump d = new InfoParser(ReadLimits.DEFAULTS).parse(SharedFiles.groundTruth().resolve(build).resolve("info-reloaded.txt"));
        assertEquals(List.of(), KeysizesHistogram.of(d));
    }
}
