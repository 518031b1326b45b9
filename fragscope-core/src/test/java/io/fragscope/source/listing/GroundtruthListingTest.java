package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.fragscope.source.listing.ListingFixtures.groundtruth;
import static io.fragscope.source.listing.ListingFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real keys.csv of each groundtruth build, checked against the figures its notes.md states
 * (written by the tool that measured the servers, not by this reader).
 */
class GroundtruthListingTest {

    @ParameterizedTest
    @ValueSource(strings = {"3.2.13-jemalloc", "4.0.14-jemalloc", "4.0.14-libc", "5.0.14-jemalloc", "6.2.16-jemalloc",
            "7.0.15-debian", "7.0.15-jemalloc", "7.2.6-jemalloc", "7.2.6-libc", "7.4.1-jemalloc"})
    void keysCsvMatchesNotes(String build) throws IOException {
        Path dir = groundtruth(build);
        String notes = Files.readString(dir.resolve("notes.md"));
        Path keysCsv = dir.resolve("keys.csv");

        assertEquals(ListingFormat.KEYS_CSV, ListingReader.detect(keysCsv, ListingOptions.DEFAULTS));
        List<ListingRow> rows = readAll(keysCsv, ListingOptions.DEFAULTS);

        Matcher keys = Pattern.compile("- Keys: (\\d+) \\(db 0: (\\d+), db 1: (\\d+); (\\d+) with a TTL\\)").matcher(notes);
        assertTrue(keys.find(), "notes.md key line");
        assertEquals(Long.parseLong(keys.group(1)), rows.size());
        assertEquals(Long.parseLong(keys.group(2)), rows.stream().filter(r -> r.db() == 0).count());
        assertEquals(Long.parseLong(keys.group(3)), rows.stream().filter(r -> r.db() == 1).count());
        assertEquals(Long.parseLong(keys.group(4)), rows.stream().filter(ListingRow::hasExpiry).count());

        Matcher sum = Pattern.compile("Sum of memory_usage \\(MEMORY USAGE key SAMPLES 0\\) over keys.csv: (\\d+|n/a)")
                .matcher(notes);
        assertTrue(sum.find(), "notes.md sum line");
        if (sum.group(1).equals("n/a")) {
            assertTrue(rows.stream().allMatch(r -> r.sizeBytes() == ListingRow.UNKNOWN), "3.2 has no MEMORY USAGE");
        } else {
            assertEquals(Long.parseLong(sum.group(1)), rows.stream().mapToLong(ListingRow::sizeBytes).sum());
        }

        // every key's bytes: escaped names against keys-hex.csv, the rest as UTF-8 text
        Set<String> hex = Files.readAllLines(dir.resolve("keys-hex.csv")).stream().skip(1).collect(Collectors.toSet());
        Set<String> escapedRows = rows.stream().filter(r -> r.key().escaped().contains("\\x"))
                .map(r -> r.db() + "," + HexFormat.of().formatHex(r.key().toByteArray())).collect(Collectors.toSet());
        assertEquals(hex, escapedRows);
        assertEquals(rows.size(), rows.stream().map(r -> r.db() + ":" + r.key().escaped()).distinct().count());
        assertTrue(rows.stream().anyMatch(r -> r.key().length() > 300), "the long key survives");
        List<String> lines = Files.readAllLines(keysCsv);   // keys.csv keys hold no commas or quotes
        for (int i = 1; i < lines.size(); i++) {
            assertEquals(KeyName.unescape(lines.get(i).split(",", -1)[1]), rows.get(i - 1).key(), lines.get(i));
        }
        assertEquals(KeyName.unescape("bin:\\x00\\xff\\xfe\\x80key"), rows.get(0).key());
    }
}
