package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.Dataset;
import io.fragscope.KeyListener;
import io.fragscope.ProgressListener;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.source.InputKind;
import io.fragscope.source.KeyName;
import io.fragscope.source.listing.ListingFormat;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingReader;
import io.fragscope.source.listing.ListingRow;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The keys.csv fragscope writes for a real RDB file reads back as a listing ({@code fragscope keys.csv}): every key
 * with its bytes (binary, non-UTF-8, formula-looking and cut names too), type, encoding, elements, expire time and
 * MEMORY USAGE as the RDB run priced them, and the listing's run totals the same MEMORY USAGE.
 */
class KeysCsvReadBackTest {
    @TempDir Path tmp;

    /** keys.csv of one run over {@code rdb}, with the costs the run priced, in the order it priced them. */
    record Written(Path keysCsv, List<KeyCost> priced, Dataset dataset) {}

    Written write(Path rdb) throws IOException {
        List<KeyCost> priced = new ArrayList<>();
        Path out = tmp.resolve("rdb-run");
        AnalysisResult result;
        try (OutputFolder folder = OutputFolder.prepare(out)) {
            folder.lock();
            try (KeysCsv keys = new KeysCsv(folder, true, 0)) {
                KeyListener both = new KeyListener() {
                    @Override public KeyCostSink open(Path source, InputKind kind) throws IOException { return open(source, kind, 0); }

                    @Override public KeyCostSink open(Path source, InputKind kind, int dataset) throws IOException {
                        KeyCostSink csv = keys.open(source, kind, dataset);
                        return c -> { priced.add(c); csv.accept(c); };
                    }
                };
                result = new Analyzer(AnalysisRequest.of(List.of(rdb))).run(both, ProgressListener.NONE);
                keys.stage();
                folder.commitAll();
            }
        }
        assertEquals(1, result.datasets().size());
        assertEquals(InputKind.RDB, result.datasets().get(0).kind());
        return new Written(out.resolve(KeysCsv.FILE), priced, result.datasets().get(0));
    }

    /** Each row states what the RDB run priced for the same key, in the same order. */
    static List<ListingRow> readBack(Written w) throws IOException {
        assertEquals(ListingFormat.KEYS_CSV, ListingReader.detect(w.keysCsv(), ListingOptions.DEFAULTS));
        List<ListingRow> rows = new ArrayList<>();
        ListingReader.read(w.keysCsv(), ListingOptions.DEFAULTS, rows::add);
        assertEquals(w.priced().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            KeyCost c = w.priced().get(i);
            ListingRow r = rows.get(i);
            String at = "row " + (i + 1) + " " + clip(c.key().escaped());
            assertEquals(c.key(), r.key(), at);
            assertEquals(c.db(), r.db(), at);
            assertEquals(c.type().redisName(), r.type(), at);
            assertEquals(c.encoding().redisName(), r.encoding(), at);
            assertEquals(c.elements(), r.elements(), at);
            assertEquals(c.memoryUsageBytes(), r.sizeBytes(), at);
            assertEquals(c.ttlMs() >= 0 ? c.ttlMs() : ListingRow.NO_EXPIRY, r.expireAtMs(), at);
        }
        long sum = rows.stream().mapToLong(ListingRow::sizeBytes).sum();
        assertEquals(w.dataset().summary().keys().totals().memoryUsageBytes(), sum, "sum of MEMORY USAGE");
        return rows;
    }

    /** Analysing keys.csv as an input: a listing whose keys and MEMORY USAGE are the RDB run's. */
    static void reanalysedTotalsMatch(Written w) {
        AnalysisResult again = new Analyzer(AnalysisRequest.of(List.of(w.keysCsv()))).run();
        assertEquals(1, again.datasets().size(), again.inputs().toString());
        Dataset listing = again.datasets().get(0);
        assertEquals(InputKind.LISTING, listing.kind());
        assertEquals("fragscope keys.csv", listing.summary().format());
        assertTrue(listing.summary().complete(), listing.summary().note());
        Totals rdb = w.dataset().summary().keys().totals(), listed = listing.summary().keys().totals();
        assertEquals(rdb.keys(), listed.keys());
        assertEquals(rdb.memoryUsageBytes(), listed.memoryUsageBytes());
        assertEquals(rdb.keysWithoutTtl(), listed.keysWithoutTtl());
    }

    @Test
    void groundtruthKeysCsvReadsBackWithItsNonUtf8AndCutNames() throws IOException {
        Path build = SharedFiles.groundTruth().resolve("8.6.3-libc");
        Written w = write(build.resolve("dump.rdb"));
        List<ListingRow> rows = readBack(w);
        // keys-hex.csv names the keys that are not UTF-8 text, by their bytes (written by the tool that measured the server)
        List<String> hex = Files.readAllLines(build.resolve("keys-hex.csv")).stream().skip(1).toList();
        assertEquals(2, hex.size());
        for (String line : hex) {
            String[] cells = line.split(",");
            KeyName name = KeyName.of(HexFormat.of().parseHex(cells[1]));
            int i = indexOf(rows, Integer.parseInt(cells[0]), name);
            assertTrue(i >= 0, "no row for " + name.escaped());
            assertEquals(w.priced().get(i).memoryUsageBytes(), rows.get(i).sizeBytes());
            assertTrue(rows.get(i).sizeBytes() > 0);
        }
        assertTrue(rows.stream().anyMatch(r -> r.key().isCut()), "the name longer than KeyName.MAX_HELD comes back as the same cut name");
        reanalysedTotalsMatch(w);
    }

    @Test
    void samplesKeysCsvReadsBackWithItsFormulaLookingAndBinaryNames() throws IOException {
        Written w = write(Path.of("samples", "rdb", "dump.rdb"));
        List<ListingRow> rows = readBack(w);
        for (String formula : List.of("=cmd|' /C calc'!A0", "+SUM(1)!")) {
            int i = indexOf(rows, 0, KeyName.ofUtf8(formula));
            assertTrue(i >= 0, "the apostrophe keys.csv puts before " + formula + " is not part of the name");
            assertEquals(w.priced().get(i).memoryUsageBytes(), rows.get(i).sizeBytes());
        }
        assertTrue(rows.stream().anyMatch(r -> r.key().escaped().contains("\\x")), "a binary name");
        assertTrue(rows.stream().anyMatch(r -> r.expireAtMs() >= 0), "keys with an expire time");
        reanalysedTotalsMatch(w);
    }

    static String clip(String s) { return s.length() <= 80 ? s : s.substring(0, 80) + "…"; }

    static int indexOf(List<ListingRow> rows, int db, KeyName key) {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).db() == db && rows.get(i).key().equals(key)) return i;
        return -1;
    }
}
