package io.fragscope.source.listing;

import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad listings end in one positioned line; the rows before the problem still arrive. */
class ListingErrorsTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    private static InputException readExpectingError(Path file, ListingOptions options, List<ListingRow> rows) {
        return assertThrows(InputException.class, () -> ListingReader.read(file, options, rows::add));
    }

    @Test
    void badSizeIsLeftOutAndNamedWithFileLineAndColumnOnceEveryOtherRowIsDelivered() throws IOException {
        Path file = write("keys.csv", "db,key,type,encoding,memory_usage,elements,ttl_ms\n"
                + "0,a,string,embstr,56,3,-1\n0,b,string,embstr,56,3,-1\n0,c,string,embstr,12x,3,-1\n0,d,string,embstr,56,3,-1\n");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(List.of("a", "b", "d"), rows.stream().map(r -> r.key().escaped()).toList(), "the row after the bad one is read too");
        assertEquals("line 4", e.position());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": line 4: column memory_usage: "), e.getMessage());
        assertTrue(e.getMessage().contains("12x") && e.getMessage().endsWith(" (this row is left out; 3 rows read)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(e.truncated());
    }

    @Test
    void pastAHundredBadRowsTheFileIsNotWhatItsHeaderSaysAndTheReadStops() throws IOException {
        StringBuilder sb = new StringBuilder("key,bytes\nfirst,1\n");
        for (int i = 0; i < 150; i++) sb.append("k").append(i).append(",size").append(i).append('\n');
        sb.append("last,2\n");
        Path file = write("shifted.csv", sb.toString());
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(1, rows.size(), "only the row before the bad ones");
        assertEquals("line " + (3 + ListingReader.MAX_BAD_ROWS), e.position(), "the 101st bad row");
        assertTrue(e.detail().endsWith("(100 rows before it left out too, the first at line 3: stopped here, the rest of the file is not read)"),
                e.detail());
    }

    @Test
    void aCutLastRowAfterBadRowsSaysBoth() throws IOException {
        Path file = write("cut.csv", "key,bytes\na,1\nb,x\nc,2\nd,3");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(2, rows.size(), "a and c; d was cut");
        assertTrue(e.truncated());
        assertEquals("line 5", e.position());
        assertTrue(e.detail().contains("cut") && e.detail().endsWith("(before it, 1 row left out, the first at line 3: column bytes: 'x' is not a byte size)"),
                e.detail());
    }

    @Test
    void oneBadRowOfARealListingCostsThatRowAlone() throws IOException {
        // shared/groundtruth's 8.6.3 libc build: MEMORY USAGE of every key, one odd row put in at line 101.
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../shared/groundtruth/8.6.3-libc/keys.csv"), StandardCharsets.ISO_8859_1));
        int keys = lines.size() - 1;
        lines.add(100, "0,weird:key,string,raw,NaN,5,-1");
        Path file = tmp.resolve("keys-onebad.csv");
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(keys, rows.size(), "every key of the build");
        assertEquals("line 101", e.position());
        assertTrue(e.detail().startsWith("column memory_usage: 'NaN' is not a byte size")
                && e.detail().endsWith("(this row is left out; " + keys + " rows read)"), e.detail());
    }

    @Test
    void wrongFieldCountIsReportedWithBothCounts() throws IOException {
        Path file = write("keys.csv", "key,bytes\na,1\nb,c,2\n");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(1, rows.size());
        assertEquals("line 3", e.position());
        assertTrue(e.detail().contains("expected 2 fields") && e.detail().contains("found 3"), e.detail());
    }

    @Test
    void tenMegabyteCellStopsAtTheLineLimitWithItsStartLine() throws IOException {
        Path file = tmp.resolve("huge.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            w.write("key,bytes\n");
            for (int i = 0; i < 1000; i++) w.write("k" + i + "," + i + "\n");
            w.write("\"");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 160; i++) w.write(chunk);   // 10 MiB inside one quoted cell
            w.write("\",5\nafter,1\n");
        }
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(1000, rows.size());
        assertEquals("line 1002", e.position());
        assertTrue(e.detail().contains("ReadLimits.maxLineBytes=" + ReadLimits.DEFAULTS.maxLineBytes()), e.detail());
    }

    @Test
    void quoteThatNeverClosesOnALongTailIsStoppedByTheLimit() throws IOException {
        StringBuilder sb = new StringBuilder("key,bytes\nok,1\n\"broken,2\n");
        for (int i = 0; i < 5000; i++) sb.append("k").append(i).append(",").append(i).append('\n');
        Path file = write("broken.csv", sb.toString());
        ListingOptions small = ListingOptions.DEFAULTS.withLimits(new ReadLimits(4096, 1 << 20, 1 << 20, 8));
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, small, rows);
        assertEquals(1, rows.size());
        assertEquals("line 3", e.position());
    }

    @Test
    void quoteThatNeverClosesAtTheEndIsATruncatedRecord() throws IOException {
        Path file = write("eof.csv", "key,bytes\nok,1\n\"broken,2\nk,3\n");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(1, rows.size());
        assertTrue(e.truncated());
        assertEquals("a quote opened here is never closed: lines 3 to 4 (2) are not read", e.detail());
        assertEquals("line 3", e.position());
    }

    @Test
    void oldMacLineEndingsDoNotAddUpToOneLongRecord() throws IOException {
        StringBuilder sb = new StringBuilder("key,bytes\r");
        for (int i = 0; i < 200; i++) sb.append("key").append(i).append(',').append(i).append('\r');
        Path file = write("cr.csv", sb.toString());
        ListingOptions small = ListingOptions.DEFAULTS.withLimits(new ReadLimits(64, 64, 64, 8));
        List<ListingRow> rows = new ArrayList<>();
        ListingReader.read(file, small, rows::add);
        assertEquals(200, rows.size());
        assertEquals(199, rows.get(199).sizeBytes());

        Path longOne = write("cr-long.csv", sb + "x".repeat(100) + ",1\r");
        InputException e = readExpectingError(longOne, small, new ArrayList<>());
        assertEquals("line 202", e.position());
    }

    @Test
    void rowCutShortAtTheEndOfTheFileIsTruncated() throws IOException {
        Path file = write("cut.csv", "db,key,type,encoding,memory_usage,elements,ttl_ms\n"
                + "0,a,string,embstr,56,3,-1\n0,b,string,emb");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(1, rows.size());
        assertTrue(e.truncated());
        assertEquals("line 3", e.position());
        assertTrue(e.detail().contains("truncated?"), e.detail());
    }

    @Test
    void shortRowInTheMiddleIsNotCalledTruncated() throws IOException {
        Path file = write("short.csv", "key,bytes\na\nb,2\n");
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, new ArrayList<>());
        assertFalse(e.truncated());
        assertEquals("line 2", e.position());
    }

    @Test
    void memoryCsvWithTooFewCellsIsPositioned() throws IOException {
        Path file = write("rdbtools.csv", "database,type,key,size_in_bytes,encoding,num_elements,len_largest_element,expiry\n"
                + "0,string,a,72,embstr,2,2,\n0,string,b,72\n");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(1, rows.size());
        assertEquals("line 3", e.position());
        assertTrue(e.detail().contains("expected at least 8 fields"), e.detail());
    }

    @Test
    void rdbFileIsNotAListing() throws IOException {
        Path rdb = Path.of("../shared/groundtruth/7.2.6-jemalloc/dump.rdb");
        InputException e = assertThrows(InputException.class,
                () -> ListingReader.read(rdb, ListingOptions.DEFAULTS, row -> { }));
        assertEquals("line 1", e.position());
        assertTrue(e.detail().contains("AnalysisRequest.KeyOptions.listingColumns key=NAME,size=NAME or pick AnalysisRequest.KeyOptions.listingFormat"),
                e.detail()); // the library's names; the CLI names its options (SettingNamesCliTest)
    }

    @Test
    void explicitMappingNamingAMissingColumnSaysWhichOne() throws IOException {
        Path file = write("m.csv", "name,weight\na,1\n");
        ListingOptions options = ListingOptions.DEFAULTS.withColumns(ColumnMapping.parse("key=name,size=bytes"));
        InputException e = assertThrows(InputException.class, () -> ListingReader.read(file, options, row -> { }));
        assertTrue(e.detail().contains("'bytes'") && e.detail().contains("[name, weight]"), e.detail());
    }

    @Test
    void mappedFormatWithoutColumnsSaysToNameThem() throws IOException {
        Path file = write("m.csv", "name,weight\na,1\n");
        InputException e = assertThrows(InputException.class, () -> ListingReader.read(file,
                ListingOptions.DEFAULTS.withFormat(ListingFormat.MAPPED), row -> { }));
        assertEquals("line 1", e.position());
        assertTrue(e.detail().contains("AnalysisRequest.KeyOptions.listingColumns key=NAME,size=NAME"), e.detail());
    }

    @Test
    void keyLongerThanTheKeyLimitIsRejected() throws IOException {
        Path file = write("k.csv", "key,bytes\nshort,1\n" + "k".repeat(100) + ",2\n");
        ListingOptions options = ListingOptions.DEFAULTS.withLimits(new ReadLimits(1 << 20, 64, 1 << 20, 8));
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, options, rows);
        assertEquals(1, rows.size());
        assertTrue(e.detail().contains("ReadLimits.maxKeyBytes=64"), e.detail());
    }

    @Test
    void emptyFileIsNotAListing() throws IOException {
        Path file = write("empty.csv", "");
        InputException e = assertThrows(InputException.class,
                () -> ListingReader.read(file, ListingOptions.DEFAULTS, row -> { }));
        assertEquals("line 1", e.position());
    }

    /**
     * A real listing (the 7.2.6 build's 8,020 keys) whose seventh line opens a quote that never closes: the six rows
     * before it arrive, and the message says which lines are lost, not Commons CSV's lexer text.
     */
    @Test
    void aQuoteThatNeverClosesSaysWhichLinesAreNotRead() throws IOException {
        List<String> lines = Files.readAllLines(io.fragscope.testing.SharedFiles.groundTruth().resolve("7.2.6-jemalloc/keys.csv"),
                StandardCharsets.ISO_8859_1);
        lines.set(6, lines.get(6).replaceFirst(",", ",\""));
        Path file = tmp.resolve("unbalanced.csv");
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
        List<ListingRow> rows = new ArrayList<>();
        InputException e = readExpectingError(file, ListingOptions.DEFAULTS, rows);
        assertEquals(5, rows.size(), "the rows of lines 2 to 6");
        assertEquals(file + ": line 7: a quote opened here is never closed: lines 7 to " + lines.size() + " (" + (lines.size() - 6)
                + ") are not read", e.getMessage());
        assertTrue(e.truncated());
    }
}
