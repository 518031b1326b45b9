package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every real key of a groundtruth build (binary names, the 300+ byte name) written in the two
 * comma-splitting layouts exactly as the tools format a line, then read back byte for byte.
 */
class MemoryCsvRoundTripTest {

    @TempDir
    Path tmp;

    private static final String HEADER = "database,type,key,size_in_bytes,encoding,num_elements,len_largest_element,expiry\n";

    @Test
    void realKeysSurviveBothToolLayouts() throws IOException {
        List<ListingRow> truth = ListingFixtures.readAll(ListingFixtures.groundtruth("7.4.1-jemalloc").resolve("keys.csv"),
                ListingOptions.DEFAULTS);
        long listedAt = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        ByteArrayOutputStream tools = new ByteArrayOutputStream();
        ByteArrayOutputStream cli = new ByteArrayOutputStream();
        tools.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        cli.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        DateTimeFormatter cliDate = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        for (ListingRow r : truth) {
            long expireAt = r.ttlMs() >= 0 ? listedAt + r.ttlMs() : -1;
            LocalDateTime utc = expireAt < 0 ? null : LocalDateTime.ofEpochSecond(expireAt / 1000,
                    (int) (expireAt % 1000) * 1_000_000, ZoneOffset.UTC);
            // rdbtools/memprofiler.py PrintAllKeys: "%d,%s,%s,%d,%s,%d,%d,%s\n", latin-1, raw key, isoformat()
            String isoformat = utc == null ? "" : utc.getNano() == 0 ? utc.toString()
                    : utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"));
            tools.writeBytes((r.db() + "," + r.type() + ",").getBytes(StandardCharsets.ISO_8859_1));
            tools.writeBytes(r.key().toByteArray());
            tools.writeBytes(("," + r.sizeBytes() + "," + r.encoding() + "," + r.elements() + ",7," + isoformat + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // ext/rct/MemoryRdbVisitor.java exportCsvLine with the raw escaper and export_unit=false
            cli.writeBytes((r.db() + "," + r.type() + ",\"").getBytes(StandardCharsets.ISO_8859_1));
            cli.writeBytes(r.key().toByteArray());
            cli.writeBytes(("\",\"" + r.sizeBytes() + "\"," + r.encoding() + "," + r.elements() + ",\"7\",\""
                    + (utc == null ? "" : utc.format(cliDate)) + "\"\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        Path toolsFile = tmp.resolve("tools.csv"), cliFile = tmp.resolve("cli.csv");
        Files.write(toolsFile, tools.toByteArray());
        Files.write(cliFile, cli.toByteArray());

        for (Path file : List.of(toolsFile, cliFile)) {
            List<ListingRow> back = ListingFixtures.readAll(file, ListingOptions.DEFAULTS);
            assertEquals(truth.size(), back.size(), file.toString());
            for (int i = 0; i < truth.size(); i++) {
                ListingRow t = truth.get(i), b = back.get(i);
                KeyName key = t.key();
                assertEquals(key, b.key(), file + " row " + i);
                assertEquals(t.db(), b.db());
                assertEquals(t.sizeBytes(), b.sizeBytes());
                assertEquals(t.elements(), b.elements());
                assertEquals(t.ttlMs() >= 0 ? listedAt + t.ttlMs() : ListingRow.NO_EXPIRY, b.expireAtMs(), key.toString());
            }
        }
    }
}
