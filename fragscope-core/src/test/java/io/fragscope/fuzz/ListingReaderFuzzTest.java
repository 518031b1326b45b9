package io.fragscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingReader;
import io.fragscope.source.listing.ListingSniffer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Every listing format the sniffer recognises either reads or raises {@link InputException}. Seeds:
 * the fixtures laid out as each tool writes them, and a slice of a real SCAN + MEMORY USAGE listing.
 */
public class ListingReaderFuzzTest {
    private static final ListingOptions OPTIONS = ListingOptions.DEFAULTS.withLimits(new ReadLimits(4096, 4096, 1 << 20, 16));

    @FuzzTest(maxDuration = "10s")
    public void read(byte[] data) throws IOException {
        if (ListingSniffer.sniff(data).isEmpty()) return;
        try {
            ListingReader.read(new ByteArrayInputStream(data), Path.of("fuzz.csv"), OPTIONS, row -> { });
        } catch (InputException expected) {
            // the one acceptable failure
        }
    }

    /** Entry point for Jazzer's standalone driver (scripts/fuzz-long.sh): the same target, run for hours. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        new ListingReaderFuzzTest().read(data);
    }
}
