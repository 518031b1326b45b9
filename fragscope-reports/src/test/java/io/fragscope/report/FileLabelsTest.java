package io.fragscope.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files named below the root folder they were found in, so a fleet's shards' dump.rdb are told apart. */
class FileLabelsTest {

    @Test
    void aFileIsNamedBelowTheFirstRootFolderThatHoldsIt() {
        FileLabels f = FileLabels.under(List.of(Path.of("fleet"), Path.of("/var/backups/redis/s9/dump.rdb")));
        assertEquals("payments/p1/dump.rdb", f.of(Path.of("fleet/payments/p1/dump.rdb")));
        assertEquals("payments/p2/dump.rdb", f.of(Path.of("fleet", "payments", "p2", "dump.rdb").toAbsolutePath()));
        assertEquals("dump.rdb", f.of(Path.of("/var/backups/redis/s9/dump.rdb")), "a file given by itself: its name");
        assertEquals("keys.csv", f.of(Path.of("/elsewhere/keys.csv")), "outside every root: its name");
        assertEquals("payments/p1/dump.rdb", f.of("fleet/payments/p1/dump.rdb"), "a path held as text");
        assertEquals("x\u0000y", f.of("x\u0000y"), "text that is no path: as it is");
    }

    @Test
    void withoutRootsEveryFileIsItsName() {
        assertEquals("dump.rdb", FileLabels.NAMES.of(Path.of("fleet/payments/p1/dump.rdb")));
        assertEquals("dump.rdb", FileLabels.NAMES.of("fleet/payments/p1/dump.rdb"));
    }
}
