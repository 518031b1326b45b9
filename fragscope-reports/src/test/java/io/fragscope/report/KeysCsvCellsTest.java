package io.fragscope.report;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.source.InputKind;
import io.fragscope.source.KeyName;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * keys.csv writes most names straight from their bytes, and labels from a per-run cache: every cell must read back
 * (through Commons CSV) as exactly the text the general path makes ({@link KeysCsv#keyCell}, {@link CellText#forCsv}),
 * for names that take the short path and for every kind that must not (formula starts, quotes, commas, backslashes,
 * control bytes, UTF-8, invalid UTF-8, cut names, the empty name), and for every type and encoding label (the empty ones too).
 */
class KeysCsvCellsTest {
    @TempDir Path tmp;

    @Test
    void everyKeyAndLabelCellReadsBackAsTheGeneralPathWritesIt() throws Exception {
        List<byte[]> names = new ArrayList<>();
        for (String s : new String[] {"user:1:profile", "a", "", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "'quoted", "it's",
                "a,b", "say \"hi\"", "back\\slash", "tab\there", "line\nfeed", "cr\rhere", "del\u007f", "caf\u00e9", "\u6f22\u5b57:1",
                "~!#$%^&*()_{}[]|;:<>?/ spaces "}) {
            names.add(s.getBytes(StandardCharsets.UTF_8));
        }
        names.add(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        names.add(new byte[] {0, 1, 2});
        byte[] longName = new byte[KeyName.MAX_HELD + 500];
        java.util.Arrays.fill(longName, (byte) 'k');
        names.add(longName);
        KeyType[] types = KeyType.values();
        Encoding[] encodings = Encoding.values();

        List<KeyCost> costs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            byte[] n = names.get(i);
            costs.add(new KeyCost(i % 3, KeyName.of(n, 0, n.length), types[i % types.length], encodings[i % encodings.length], i, 10L * i, 16L * i, 6L * i, 0, 16L * i, i % 2 == 0 ? -1 : 1_700_000_000_000L + i,
                    KeyCost.Exactness.EXACT));
        }
        try (OutputFolder folder = OutputFolder.prepare(tmp.resolve("out"))) {
            folder.lock();
            try (KeysCsv csv = new KeysCsv(folder, true, 0)) {
                KeyCostSink sink = csv.open(tmp.resolve("dump.rdb"), InputKind.RDB, 1);
                // each label twice, so the cached bytes are used as well as made
                for (int round = 0; round < 2; round++) for (KeyCost c : costs) sink.accept(c);
                csv.stage();
                folder.commitAll();
            }
        }
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(tmp.resolve("out").resolve(KeysCsv.FILE), StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
        assertEquals(2 * costs.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            KeyCost c = costs.get(i % costs.size());
            CSVRecord row = rows.get(i);
            assertEquals(KeysCsv.keyCell(c), row.get("key"), "key of row " + i);
            assertEquals(CellText.forCsv(c.type().redisName()), row.get("type"), "type of row " + i);
            assertEquals(CellText.forCsv(c.encoding().redisName()), row.get("encoding"), "encoding of row " + i);
            assertEquals(String.valueOf(c.allocatedBytes()), row.get("allocated_bytes"));
        }
        // The short path really is taken: a plain name is its own bytes.
        assertEquals("user:1:profile", rows.get(0).get("key"));
        assertEquals("'=cmd|' /C calc'!A0", rows.get(3).get("key"));
    }

    @Test
    void everyNumberCellIsItsDecimalText() throws Exception {
        // Around every power of ten and the int/long boundary, where the two-digits-a-step writer changes path.
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 11L, 99L, 100L, 101L, 999L, 1000L,
                (long) Integer.MAX_VALUE - 1, (long) Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, 4_294_967_296L,
                Long.MAX_VALUE / 100, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        for (long p = 1; p <= Long.MAX_VALUE / 10; p *= 10) values.addAll(List.of(p - 1, p, p + 1, 10 * p - 1));
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) values.add(rnd.nextLong() >>> rnd.nextInt(64));
        List<KeyCost> costs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long v = values.get(i), w = values.get((i + 1) % values.size());
            costs.add(new KeyCost((int) (v % 16), KeyName.ofUtf8("k" + i), KeyType.STRING, Encoding.RAW, v, w, v, w, v, w,
                    i % 2 == 0 ? -1 : v, KeyCost.Exactness.EXACT));
        }
        try (OutputFolder folder = OutputFolder.prepare(tmp.resolve("num"))) {
            folder.lock();
            try (KeysCsv csv = new KeysCsv(folder, true, 0)) {
                KeyCostSink sink = csv.open(tmp.resolve("dump.rdb"), InputKind.RDB, 1);
                for (KeyCost c : costs) sink.accept(c);
                csv.stage();
                folder.commitAll();
            }
        }
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(tmp.resolve("num").resolve(KeysCsv.FILE), StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
        assertEquals(costs.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            KeyCost c = costs.get(i);
            CSVRecord row = rows.get(i);
            assertEquals(Long.toString(c.db()), row.get("db"), "row " + i);
            assertEquals(Long.toString(c.elements()), row.get("elements"), "row " + i);
            assertEquals(Long.toString(c.requestedBytes()), row.get("requested_bytes"), "row " + i);
            assertEquals(Long.toString(c.allocatedBytes()), row.get("allocated_bytes"), "row " + i);
            assertEquals(Long.toString(c.roundingWasteBytes()), row.get("rounding_waste_bytes"), "row " + i);
            assertEquals(Long.toString(c.prefixOverheadBytes()), row.get("prefix_overhead_bytes"), "row " + i);
            assertEquals(Long.toString(c.memoryUsageBytes()), row.get("memory_usage_bytes"), "row " + i);
            assertEquals(c.ttlMs() < 0 ? "" : Long.toString(c.ttlMs()), row.get("expire_at_ms"), "row " + i);
            assertEquals("1", row.get("dataset"));
        }
    }
}
