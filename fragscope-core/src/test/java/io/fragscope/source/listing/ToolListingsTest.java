package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.fragscope.source.listing.ListingFixtures.fixture;
import static io.fragscope.source.listing.ListingFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fixtures laid out as each tool writes them. Each test names the source file that fixes the layout.
 */
class ToolListingsTest {

    private static final long JAN_1_2045_UTC = Instant.parse("2045-01-01T00:00:00Z").toEpochMilli();

    /**
     * sripathikrishnan/redis-rdb-tools rdbtools/memprofiler.py PrintAllKeys: header
     * {@code database,type,key,size_in_bytes,encoding,num_elements,len_largest_element,expiry}, rows
     * {@code "%d,%s,%s,%d,%s,%d,%d,%s\n"} encoded latin-1, key unquoted and raw (encodehelpers.py
     * bytes_to_unicode with escape raw), expiry {@code datetime.isoformat()} of a UTC time (parser.py to_datetime).
     */
    @Test
    void rdbToolsMemoryCsvKeepsRawKeysWithCommasQuotesAndBinaryBytes() throws IOException {
        Path file = fixture("rdbtools-memory.csv");
        assertEquals(ListingFormat.RDB_TOOLS, ListingReader.detect(file, ListingOptions.DEFAULTS));
        List<ListingRow> rows = readAll(file, ListingOptions.DEFAULTS);
        assertEquals(6, rows.size());

        ListingRow user = rows.get(0);
        assertEquals(new ListingRow(0, KeyName.ofUtf8("user:1"), "string", "embstr", 104, 8, 8,
                ListingRow.NO_EXPIRY, ListingRow.NOT_LISTED, 2), user);
        assertEquals(JAN_1_2045_UTC, rows.get(1).expireAtMs());
        assertEquals(1000, rows.get(1).elements());
        ListingRow zset = rows.get(2);
        assertEquals("zset", zset.type());   // rdbtools writes "sortedset"
        assertEquals(188416, zset.sizeBytes());
        assertEquals(JAN_1_2045_UTC + 123, zset.expireAtMs());
        ListingRow commas = rows.get(3);
        assertEquals(KeyName.ofUtf8("a,b,c"), commas.key());
        assertEquals(1, commas.db());
        assertEquals(3000, commas.sizeBytes());
        assertEquals("quicklist", commas.encoding());
        assertEquals(60, commas.elements());
        assertEquals(200, commas.largestElementBytes());
        assertEquals(KeyName.ofUtf8("say \"hi\""), rows.get(4).key());
        assertArrayEquals(new byte[]{'b', 'i', 'n', ':', 0, (byte) 0xff, (byte) 0xfe, 'k', 'e', 'y'},
                rows.get(5).key().toByteArray());
        assertEquals(7, rows.get(5).line());
    }

    /**
     * leonchen83/redis-rdb-cli ext/rct/MemoryRdbVisitor.java exportCsvLine: key, size, largest and
     * expiry wrapped in the configured quote (redis-rdb-cli.conf quote=\u0022) without doubling; sizes
     * from util/Strings.pretty ({@code "%.1f%sB"}, SI, {@code "104 B"} below 1000); expiry
     * {@code yyyy-MM-dd HH:mm:ss.SSS} in the system zone or epoch ms (MemoryMisc.prettyDate).
     */
    @Test
    void rdbCliMemCsvParsesSiUnitsQuotedKeysAndLocalTimes() throws IOException {
        Path file = fixture("rdbcli-mem.csv");
        ListingOptions shanghai = ListingOptions.DEFAULTS.withZone(ZoneId.of("Asia/Shanghai"));
        assertEquals(ListingFormat.RDB_CLI, ListingReader.detect(file, shanghai));
        List<ListingRow> rows = readAll(file, shanghai);
        assertEquals(5, rows.size());

        assertEquals(new ListingRow(0, KeyName.ofUtf8("user:1"), "string", "string", 104, 1, 8,
                ListingRow.NO_EXPIRY, ListingRow.NOT_LISTED, 2), rows.get(0));
        ListingRow cat = rows.get(1);
        assertEquals(KeyName.ofUtf8("cat,1"), cat.key());
        assertEquals(92_400, cat.sizeBytes());
        assertEquals(1_200, cat.largestElementBytes());
        assertEquals("ziplist", cat.encoding());
        assertEquals(JAN_1_2045_UTC, cat.expireAtMs());   // 08:00 in UTC+8
        assertEquals(1_500_000, rows.get(2).sizeBytes());
        assertEquals("zset", rows.get(2).type());
        assertEquals(KeyName.ofUtf8("say \"hi\""), rows.get(3).key());
        assertEquals(72, rows.get(3).sizeBytes());
        ListingRow comma = rows.get(4);   // String.format in a decimal-comma locale
        assertEquals(92_400, comma.sizeBytes());
        assertEquals(1_200, comma.largestElementBytes());
        assertEquals(1_735_689_600_000L, comma.expireAtMs());   // export_format_date=false
    }

    /**
     * HDT3213/rdb helper/memory.go MemoryProfile: header
     * {@code database,key,type,size,size_readable,element_count,encoding,expiration} then Go
     * encoding/csv rows (RFC 4180 quoting), expiration {@code time.RFC3339}.
     */
    @Test
    void hdt3213MemoryCsvHonoursRfc4180QuotingAndOffsets() throws IOException {
        Path file = fixture("hdt3213-memory.csv");
        assertEquals(ListingFormat.HDT3213, ListingReader.detect(file, ListingOptions.DEFAULTS));
        List<ListingRow> rows = readAll(file, ListingOptions.DEFAULTS);
        assertEquals(5, rows.size());
        assertEquals(new ListingRow(0, KeyName.ofUtf8("hash"), "hash", "ziplist", 131, 2, ListingRow.UNKNOWN,
                ListingRow.NO_EXPIRY, ListingRow.NOT_LISTED, 2), rows.get(0));
        assertEquals(2608, rows.get(1).sizeBytes());
        assertEquals(KeyName.ofUtf8("a,b"), rows.get(2).key());
        assertEquals(JAN_1_2045_UTC, rows.get(2).expireAtMs());
        assertEquals(KeyName.ofUtf8("q\"uote"), rows.get(3).key());
        assertEquals(JAN_1_2045_UTC, rows.get(3).expireAtMs());
        assertEquals(KeyName.ofUtf8("商品:1"), rows.get(4).key());
        assertEquals(1, rows.get(4).db());
    }

    /** HDT3213/rdb cases/memory.csv verbatim: the older six-column layout (no encoding, no expiration). */
    @Test
    void hdt3213SixColumnLayoutSumsToItsSizes() throws IOException {
        Path file = fixture("hdt3213-memory-v1.csv");
        List<ListingRow> rows = readAll(file, ListingOptions.DEFAULTS);
        assertEquals(7, rows.size());
        // 64 + 10 + 8 + 66 + 57 + 2056 + 39, the size column of the file
        assertEquals(2300, rows.stream().mapToLong(ListingRow::sizeBytes).sum());
        assertEquals(ListingRow.NOT_LISTED, rows.get(0).expireAtMs());
        assertEquals("", rows.get(0).encoding());
    }

    @Test
    void scanMemoryUsageTsvReadsTtlInSecondsAndSkipsBlankLines() throws IOException {
        Path file = fixture("scan-memory-usage.tsv");
        assertEquals(ListingFormat.GENERIC, ListingReader.detect(file, ListingOptions.DEFAULTS));
        List<ListingRow> rows = readAll(file, ListingOptions.DEFAULTS);
        assertEquals(3, rows.size());
        assertEquals(3_600_000, rows.get(0).ttlMs());
        assertEquals(ListingRow.NO_EXPIRY, rows.get(1).ttlMs());
        assertEquals(9000, rows.get(1).sizeBytes());
        assertEquals(ListingRow.NO_EXPIRY, rows.get(2).ttlMs());
        assertEquals(5, rows.get(2).line());
    }

    @Test
    void tsvIsReadWithoutQuotingSoQuotesInKeysSurvive(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("scan.tsv");
        Files.writeString(file, "key\tmemory_usage\n\"quoted\" key,1\t88\nplain\t16\n");
        List<ListingRow> rows = readAll(file, ListingOptions.DEFAULTS);
        assertEquals(List.of("\"quoted\" key,1", "plain"), rows.stream().map(r -> r.key().escaped()).toList());
        assertEquals(88, rows.get(0).sizeBytes());
    }

    @Test
    void keysCsvWithExtraColumnsIsStillKeysCsvWithEscapedKeys(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path file = tmp.resolve("fragscope-keys.csv");
        Files.writeString(file, "db,key,type,encoding,memory_usage,elements,ttl_ms,allocated,waste\n"
                + "2,k\\xff:1,hash,listpack,120,4,500,128,8\n");
        assertEquals(ListingFormat.KEYS_CSV, ListingReader.detect(file, ListingOptions.DEFAULTS));
        ListingRow row = readAll(file, ListingOptions.DEFAULTS).get(0);
        assertEquals(KeyName.of(new byte[]{'k', (byte) 0xff, ':', '1'}), row.key());
        assertEquals(new ListingRow(2, row.key(), "hash", "listpack", 120, 4, ListingRow.UNKNOWN,
                ListingRow.NOT_LISTED, 500, 2), row);
    }

    /**
     * What only a hand-made keys.csv shows (KeysCsvReadBackTest reads real ones back): the apostrophe is dropped only
     * where the writer puts it (before = + - @; a name's own is \x27), a quoted name keeps its comma, and a small
     * expire_at_ms stays milliseconds (a generic expiry column would read 5000 as seconds).
     */
    @Test
    void todaysKeysCsvUndoesOnlyWhatItsWriterDid(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("keys.csv");
        Files.writeString(file, "db,key,type,encoding,elements,requested_bytes,allocated_bytes,rounding_waste_bytes,"
                + "prefix_overhead_bytes,memory_usage_bytes,expire_at_ms,exactness,dataset\n"
                + "0,'=1+1,string,embstr,3,60,64,4,0,56,5000,exact,1\n"
                + "1,\\x27=quoted,string,embstr,3,60,64,4,0,57,,exact,1\n"
                + "0,'plain,hash,listpack,2,80,80,0,0,90,,modelled,2\n"
                + "0,\"a,b\",set,intset,4,70,72,2,0,72,1700000000000,exact,1\n");
        assertEquals(ListingFormat.KEYS_CSV, ListingReader.detect(file, ListingOptions.DEFAULTS));
        List<ListingRow> rows = readAll(file, ListingOptions.DEFAULTS);
        assertEquals(List.of("=1+1", "'=quoted", "'plain", "a,b"), rows.stream().map(r -> r.key().escaped()).toList());
        assertEquals(List.of(56L, 57L, 90L, 72L), rows.stream().map(ListingRow::sizeBytes).toList());
        assertEquals(List.of(5000L, ListingRow.NO_EXPIRY, ListingRow.NO_EXPIRY, 1_700_000_000_000L), rows.stream().map(ListingRow::expireAtMs).toList());
        assertEquals(new ListingRow(0, KeyName.ofUtf8("'plain"), "hash", "listpack", 90, 2, ListingRow.UNKNOWN,
                ListingRow.NO_EXPIRY, ListingRow.NOT_LISTED, 4), rows.get(2));
    }

    @Test
    void keysCsvForcedOnAHeaderWithoutSizesSaysWhichColumnsItWanted(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("names.csv"), "db,key,type\n0,a,string\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.fragscope.source.InputException.class,
                () -> readAll(file, ListingOptions.DEFAULTS.withFormat(ListingFormat.KEYS_CSV)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("memory_usage_bytes"), e.getMessage());
    }

    @Test
    void genericCsvWithBomCrlfAndSpacedHeaderNames() throws IOException {
        List<ListingRow> rows = readAll(fixture("scan-memory-usage.csv"), ListingOptions.DEFAULTS);
        assertEquals(2, rows.size());
        assertEquals(KeyName.ofUtf8("k,1"), rows.get(0).key());
        assertEquals(100, rows.get(0).sizeBytes());
        assertEquals(3, rows.get(1).db());
        assertEquals(KeyName.ofUtf8("k2"), rows.get(1).key());
    }

    @Test
    void explicitColumnMappingReadsAnyHeader() throws IOException {
        ListingOptions options = ListingOptions.DEFAULTS.withColumns(ColumnMapping.parse("key=name,size=weight,type=kind"));
        List<ListingRow> rows = readAll(fixture("custom-columns.csv"), options);
        assertEquals(List.of("h:1", "s:1"), rows.stream().map(r -> r.key().escaped()).toList());
        assertEquals(List.of(1000L, 2000L), rows.stream().map(ListingRow::sizeBytes).toList());
        assertEquals(List.of("hash", "set"), rows.stream().map(ListingRow::type).toList());
    }

    @Test
    void everyFixtureReadsTheSameOneByteAtATime() throws IOException {
        for (String name : List.of("rdbtools-memory.csv", "rdbcli-mem.csv", "hdt3213-memory.csv",
                "hdt3213-memory-v1.csv", "scan-memory-usage.tsv", "scan-memory-usage.csv")) {
            Path file = fixture(name);
            List<ListingRow> trickled = new ArrayList<>();
            try (InputStream in = new ListingFixtures.OneByteAtATime(Files.newInputStream(file))) {
                ListingReader.read(in, file, ListingOptions.DEFAULTS, trickled::add);
            }
            assertEquals(readAll(file, ListingOptions.DEFAULTS), trickled, name);
        }
    }
}
