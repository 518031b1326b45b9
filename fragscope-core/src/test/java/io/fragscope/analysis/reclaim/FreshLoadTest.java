package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.info.ServerFacts;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.ReadLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every row of the fresh-load table is what the ground-truth INFO files say, and a dump finds its own build. */
class FreshLoadTest {
    static final Path GT = Path.of("../shared/groundtruth");

    @Test
    void tableIsTheGroundTruth() throws Exception {
        assumeTrue(Files.isDirectory(GT), "../shared/groundtruth is not there");
        for (FreshLoad f : FreshLoad.GROUND_TRUTH) {
            InfoDump empty = new InfoParser(ReadLimits.DEFAULTS).parse(GT.resolve(f.build()).resolve("info-empty.txt"));
            InfoDump reloaded = new InfoParser(ReadLimits.DEFAULTS).parse(GT.resolve(f.build()).resolve("info-reloaded.txt"));
            assertEquals(empty.bytes("used_memory").getAsLong(), f.emptyUsed(), f.build());
            assertEquals(empty.bytes("used_memory_rss").getAsLong(), f.emptyRss(), f.build());
            assertEquals(reloaded.bytes("used_memory").getAsLong(), f.reloadedUsed(), f.build());
            assertEquals(reloaded.bytes("used_memory_rss").getAsLong(), f.reloadedRss(), f.build());
            if (f.kind() != FreshLoad.Kind.LIBC) {
                assertEquals(reloaded.bytes("allocator_allocated").getAsLong(), f.reloadedAllocated(), f.build());
                assertEquals(reloaded.bytes("allocator_active").getAsLong(), f.reloadedActive(), f.build());
            }
            assertEquals(f.build(), FreshLoad.nearest(ServerFacts.of(reloaded)).build(), "a dump of " + f.build() + " finds its own build");
        }
    }
}
