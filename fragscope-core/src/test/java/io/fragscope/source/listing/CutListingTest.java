package io.fragscope.source.listing;

import io.fragscope.source.InputException;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 15 item: a listing whose last line is cut (no line end after a partial record) is partial, never ok. */
class CutListingTest {

    @TempDir
    Path tmp;

    @Test
    void everyCutInsideTheLastRowsOfRealListingsIsPartialAndDropsTheCutRow() throws IOException {
        List<Path> listings = List.of(Path.of("fragscope-core/src/test/resources/listing/rdbtools-memory.csv"),
                Path.of("fragscope-core/src/test/resources/listing/hdt3213-memory.csv"),
                Path.of("fragscope-core/src/test/resources/listing/scan-memory-usage.tsv"),
                SharedFiles.groundTruth().resolve("7.0.15-debian/keys.csv"));
        int cuts = 0;
        List<String> wronglyOk = new ArrayList<>();
        for (Path real : listings) {
            byte[] all = Files.readAllBytes(real);
            List<ListingRow> whole = new ArrayList<>();
            ListingReader.read(real, ListingOptions.DEFAULTS, whole::add);
            int from = Math.max(lastLineStart(all, 3), firstLineEnd(all) + 1);
            for (int at = from; at < all.length; at++) {
                if (all[at - 1] == '\n') continue; // a cut at a line end leaves whole rows
                Path cut = tmp.resolve("cut-" + cuts + ".csv");
                Files.write(cut, Arrays.copyOf(all, at));
                List<ListingRow> rows = new ArrayList<>();
                cuts++;
                try {
                    ListingReader.read(cut, ListingOptions.DEFAULTS, rows::add);
                    wronglyOk.add(real.getFileName() + " cut at byte " + at);
                } catch (InputException e) {
                    assertTrue(e.truncated() || e.getMessage().contains("line"), e.getMessage());
                    for (ListingRow r : rows) assertTrue(whole.contains(r), "a row that was not in the whole file: " + r);
                }
            }
        }
        assertTrue(cuts > 200, "cuts: " + cuts);
        assertEquals(List.of(), wronglyOk);
    }

    @Test
    void aRowCutInsideItsSizeIsLeftOutAndTheMessageSaysWhere() throws IOException {
        Path file = tmp.resolve("keys.csv");
        Files.writeString(file, "key,bytes\nuser:1,1234567\nuser:2,1234567");
        List<ListingRow> rows = new ArrayList<>();
        InputException e = assertThrows(InputException.class, () -> ListingReader.read(file, ListingOptions.DEFAULTS, rows::add));
        assertEquals(1, rows.size());
        assertTrue(e.truncated());
        assertEquals(file + ": line 3: the file ends inside this row (no line end after it): cut, so the row is left out", e.getMessage());
    }

    private static int firstLineEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) if (b[i] == '\n') return i;
        return b.length;
    }

    /** Offset where the n-th line from the end starts. */
    private static int lastLineStart(byte[] b, int n) {
        int seen = 0;
        for (int i = b.length - 2; i >= 0; i--) if (b[i] == '\n' && ++seen == n) return i + 1;
        return 0;
    }
}
