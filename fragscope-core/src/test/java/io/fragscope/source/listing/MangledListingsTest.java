package io.fragscope.source.listing;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded byte mutations of every fixture: the reader either reads the result or fails with one
 * positioned, printable InputException, never anything else.
 */
class MangledListingsTest {

    private static final List<String> FIXTURES = List.of("rdbtools-memory.csv", "rdbcli-mem.csv", "hdt3213-memory.csv",
            "hdt3213-memory-v1.csv", "scan-memory-usage.tsv", "scan-memory-usage.csv", "custom-columns.csv");
    private static final byte[] INTERESTING = "\",\t\n\r\\x:.-+ 0123456789eEkKMBi\u0000\u00ff".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void mutatedFixturesFailOnlyWithPositionedInputExceptions() throws IOException {
        Random random = new Random(20261124);
        ListingOptions tight = ListingOptions.DEFAULTS.withLimits(new ReadLimits(256, 128, 1 << 20, 8));
        int failures = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] data = Files.readAllBytes(ListingFixtures.fixture(FIXTURES.get(round % FIXTURES.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && data.length > 0; e++) {
                int at = random.nextInt(data.length);
                switch (random.nextInt(3)) {
                    case 0 -> data[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    case 1 -> data = java.util.Arrays.copyOf(data, at);   // truncate
                    default -> {
                        byte[] grown = new byte[data.length + 300];
                        System.arraycopy(data, 0, grown, 0, at);
                        java.util.Arrays.fill(grown, at, at + 300, INTERESTING[random.nextInt(INTERESTING.length)]);
                        System.arraycopy(data, at, grown, at + 300, data.length - at);
                        data = grown;
                    }
                }
            }
            try {
                ListingReader.read(new ByteArrayInputStream(data), Path.of("mutant-" + round + ".csv"), tight, row -> { });
            } catch (InputException e) {
                failures++;
                String m = e.getMessage();
                assertTrue(m.startsWith("mutant-" + round + ".csv: line "), m);
                assertTrue(m.chars().allMatch(c -> c >= 0x20 && c != 0x7f), m);
            } catch (RuntimeException | IOException e) {
                fail("round " + round + ": " + e, e);
            }
        }
        assertTrue(failures > 300, "mutations should break many listings, broke " + failures);
    }
}
