package io.fragscope.analysis.keys;

import io.fragscope.analysis.dataset.DatasetOutcome;
import io.fragscope.analysis.dataset.RdbDatasets;
import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The dataset's size classes split by key type and prefix, on a real RDB (the 7.0.15 jemalloc groundtruth build): every
 * allocation of a small class that the histogram counts belongs to some key, so where a class has fewer owners than
 * are kept, the owners add up to the class's allocations exactly.
 */
class SizeClassOwnersTest {

    @Test
    void theOwnersOfEachSmallClassAddUpToItsAllocations() throws IOException {
        Path rdb = SharedFiles.groundTruth().resolve("7.0.15-jemalloc/dump.rdb");
        DatasetOutcome out = new RdbDatasets(new RdbDatasets.Options(null, null, Map.of(), ReadLimits.DEFAULTS, AggregationOptions.DEFAULTS))
                .splittingSizeClasses().analyze(rdb, List.of(), c -> { }, (b, k) -> { });
        SizeClassHistogram h = out.summary().keys().sizeClasses();
        assertFalse(h.owners().isEmpty());
        assertEquals(List.of(), new RdbDatasets(new RdbDatasets.Options(null, null, Map.of(), ReadLimits.DEFAULTS, AggregationOptions.DEFAULTS))
                .analyze(rdb, List.of(), c -> { }, (b, k) -> { }).summary().keys().sizeClasses().owners(), "not split unless asked");
        int checkedTypes = 0, checkedPrefixes = 0;
        for (SizeClassHistogram.Bin b : h.bins()) {
            if (b.sizeClassBytes() > SizeClassOwners.MAX_CLASS) {
                assertTrue(h.ownersOf(b.sizeClassBytes(), "type").isEmpty(), "large classes have no bin and no owners");
                continue;
            }
            List<SizeClassHistogram.Owner> types = h.ownersOf(b.sizeClassBytes(), "type");
            List<SizeClassHistogram.Owner> prefixes = h.ownersOf(b.sizeClassBytes(), "prefix");
            long typed = types.stream().mapToLong(SizeClassHistogram.Owner::allocations).sum();
            long prefixed = prefixes.stream().mapToLong(SizeClassHistogram.Owner::allocations).sum();
            assertTrue(typed <= b.allocations() && prefixed <= b.allocations(), b + " " + types);
            if (types.size() < SizeClassHistogram.OWNERS_PER_CLASS) {
                assertEquals(b.allocations(), typed, b + ": " + types);
                checkedTypes++;
            }
            if (prefixes.size() < SizeClassHistogram.OWNERS_PER_CLASS) {
                assertEquals(b.allocations(), prefixed, b + ": " + prefixes);
                checkedPrefixes++;
            }
        }
        assertTrue(checkedTypes > 10 && checkedPrefixes > 5, checkedTypes + " " + checkedPrefixes);
        // The 4 catalog:<n> hashes of 1,000 fields are hashtables: their 24-byte dictEntries (7.0: 24-byte class) make
        // hashes one of the top owners of that class; and the gen.py prefixes appear by name.
        assertTrue(h.ownersOf(24, "type").stream().anyMatch(o -> o.name().equals("hash")), h.ownersOf(24, "type").toString());
        assertTrue(h.owners().stream().anyMatch(o -> o.kind().equals("prefix") && o.name().startsWith("product:")), h.owners().toString());
    }
}
