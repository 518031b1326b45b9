package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellParsersTest {

    @Test
    void byteSizesInRdbCliSiFormat() {
        // util/Strings.pretty(bytes, si=true): "%.1f%sB" over 1000, "N B" below
        assertEquals(999, ByteSize.parse("999 B", 1000));
        assertEquals(92_400, ByteSize.parse("92.4kB", 1000));
        assertEquals(1_500_000, ByteSize.parse("1.5MB", 1000));
        assertEquals(2_000_000_000, ByteSize.parse("2.0GB", 1000));
        assertEquals(92_400, ByteSize.parse("92,4kB", 1000));
    }

    @Test
    void byteSizesInHdt3213BinaryFormat() {
        // helper/bytefmt.go FormatSize: 1024-based, "2.5K", "10M", "131B"
        assertEquals(131, ByteSize.parse("131B", 1024));
        assertEquals(2560, ByteSize.parse("2.5K", 1024));
        assertEquals(10L << 20, ByteSize.parse("10M", 1024));
        assertEquals(3L << 20, ByteSize.parse("3MiB", 1000));   // iB is binary whatever the base
        assertEquals(4096, ByteSize.parse(" 4096 ", 1000));
    }

    @Test
    void byteSizeRejectsJunkWithReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("12x", 1024))
                .getMessage().contains("unknown unit 'x'"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("kB", 1024));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-5", 1024));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999999999", 1024));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9999999EB", 1024));
    }

    @Test
    void expiryTimesOfEachTool() {
        long t = Instant.parse("2045-01-01T00:00:00Z").toEpochMilli();
        assertEquals(t, ExpiryTime.parse("2045-01-01T00:00:00", ZoneOffset.UTC));            // rdbtools isoformat()
        assertEquals(t + 123, ExpiryTime.parse("2045-01-01T00:00:00.123000", ZoneOffset.UTC));
        assertEquals(t, ExpiryTime.parse("2045-01-01 09:00:00.000", ZoneId.of("Asia/Tokyo"))); // rdb-cli prettyDate
        assertEquals(t, ExpiryTime.parse("2045-01-01T01:00:00+01:00", ZoneOffset.UTC));       // HDT3213 RFC3339
        assertEquals(t, ExpiryTime.parse("2045-01-01T00:00:00Z", ZoneId.of("Asia/Tokyo")));
        assertEquals(t, ExpiryTime.parse(Long.toString(t), ZoneOffset.UTC));
        assertEquals(t, ExpiryTime.parse(Long.toString(t / 1000), ZoneOffset.UTC));
        assertEquals(ListingRow.NO_EXPIRY, ExpiryTime.parse("", ZoneOffset.UTC));
        assertEquals(ListingRow.NO_EXPIRY, ExpiryTime.parse("-1", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> ExpiryTime.parse("tomorrow", ZoneOffset.UTC));
    }

    @Test
    void keyEscapes() {
        assertEquals(KeyName.unescape("a\\x00\\xffb\\q"), KeyEscape.HEX.decode("a\\x00\\xffb\\q"));
        assertEquals(KeyName.of(new byte[]{'a', '\n', '\t', 7, '"', ' '}), KeyEscape.REDIS.decode("a\\n\\t\\a\\x22\\x20"));
        assertEquals(KeyName.of(new byte[]{'\\', 'x', '4', '1'}), KeyEscape.RAW.decode("\\x41"));
        assertEquals(KeyName.of(new byte[]{(byte) 0xe5, (byte) 0x95, (byte) 0x86}), KeyEscape.RAW.decode("\u00e5\u0095\u0086"));
    }

    @Test
    void columnMappingParsesAndRoundTrips() {
        ColumnMapping m = ColumnMapping.parse("key=name, size=bytes ,type=kind,ttl_ms=pttl");
        assertEquals(Map.of(ListingColumn.KEY, "name", ListingColumn.SIZE, "bytes", ListingColumn.TYPE, "kind",
                ListingColumn.TTL_MS, "pttl"), m.columns());
        assertEquals(m, ColumnMapping.parse(m.toString()));
    }

    @Test
    void columnMappingErrorsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("key=a,weight=b"))
                .getMessage().contains("valid roles: key, size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("key=a"))
                .getMessage().contains("size=NAME"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("key=a,size=b,key=c"))
                .getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("key,size=b"));
    }

    @Test
    void inferPrefersMemoryUsageOverCountsAndSkipsUnknownColumns() {
        ColumnMapping m = ColumnMapping.infer(java.util.List.of("Key", "Type", "Bytes", "Memory_Usage", "misc"))
                .orElseThrow();
        assertEquals("Memory_Usage", m.columns().get(ListingColumn.SIZE));
        assertEquals("Key", m.columns().get(ListingColumn.KEY));
        assertEquals("Type", m.columns().get(ListingColumn.TYPE));
    }
}
