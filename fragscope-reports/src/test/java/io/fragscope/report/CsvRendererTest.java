package io.fragscope.report;

import io.fragscope.analysis.keys.Totals;
import io.fragscope.report.table.CsvRenderer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CSV renderer on the by-type table of samples/: column ids as header, whole bytes, 4-decimal ratios, inert text. */
class CsvRendererTest {

    @Test
    void byTypeOfTheSampleRdbAsCsv() throws IOException {
        var rows = KeyTables.byType(SamplesResult.rdb());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvRenderer().render(KeyTables.BY_TYPE, rows, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals("source,type,keys,requested_bytes,allocated_bytes,rounding_waste_bytes,prefix_overhead_bytes,memory_usage_bytes,"
                + "keys_without_ttl,allocated_over_requested,waste_share", text.lines().findFirst().orElseThrow());
        // dump.rdb's strings, priced with the instance's Debian jemalloc (16-byte quantum) its INFO dumps name.
        assertEquals("samples/rdb/dump.rdb,string,20003,2634190,3168688,534498,0,2844968,13336,1.2029,0.1687", text.lines().skip(1).findFirst().orElseThrow());
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
        assertEquals(6, records.size(), "string, list, hash, set, zset, stream");
        long keys = records.stream().mapToLong(r -> Long.parseLong(r.get("keys"))).sum();
        assertEquals(SamplesResult.rdb().summary().keys().totals().keys(), keys);
        assertEquals(25008, keys);
    }

    @Test
    void untrustedTextIsInertAndUnknownNumbersAreEmpty() throws IOException {
        Totals t = new Totals(1, 0, 0, 0, 0, 0, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvRenderer().render(KeyTables.BY_PREFIX, List.of(new KeyTables.GroupRow(SamplesResult.rdb(), "=HYPERLINK(\"x\")\u001b", t)), out);
        // Nothing requested: allocated / requested and the waste share are not known, so empty, not NaN.
        assertEquals("samples/rdb/dump.rdb,\"'=HYPERLINK(\"\"x\"\")\\x1b\",1,0,0,0,0,0,0,,", out.toString(StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow());
    }
}
