package io.fragscope;

import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.source.InputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * An RDB file and a listing of the same keys, placed the same way beside an instance's INFO dumps, find the same dump by
 * the same rule ({@link io.fragscope.analysis.dataset.InfoMatch}) and say so in the same words.
 */
class InfoMatchSameRuleTest {
    private static final Path SAMPLES = Path.of("samples");

    @Test
    void aListingAndAnRdbBesideTheSameDumpsMatchTheSameDumpForTheSameReason(@TempDir Path dir) throws IOException {
        // samples/keys/keys-memory-usage.csv lists the 25,008 keys of samples/rdb/dump.rdb. The dumps are the samples' own,
        // without master_replid and rdb_last_save_time, so that the RDB's repl-id and ctime match none of them and only
        // the folder rule, which a listing has alone, can match.
        Path info = Files.createDirectories(dir.resolve("info"));
        try (Stream<Path> dumps = Files.list(SAMPLES.resolve("info"))) {
            for (Path d : dumps.sorted().toList()) {
                String kept = Files.readAllLines(d).stream()
                        .filter(l -> !l.startsWith("master_replid:") && !l.startsWith("rdb_last_save_time:"))
                        .collect(Collectors.joining("\r\n", "", "\r\n"));
                Files.writeString(info.resolve(d.getFileName()), kept);
            }
        }
        Path rdb = Files.createDirectories(dir.resolve("rdb")).resolve("dump.rdb");
        Files.copy(SAMPLES.resolve("rdb/dump.rdb"), rdb);
        Path listing = Files.createDirectories(dir.resolve("keys")).resolve("keys-memory-usage.csv");
        Files.copy(SAMPLES.resolve("keys/keys-memory-usage.csv"), listing);

        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir))).run();
        DatasetSummary.Reconciliation fromRdb = reconciliation(r, InputKind.RDB);
        DatasetSummary.Reconciliation fromListing = reconciliation(r, InputKind.LISTING);

        assertEquals(fromRdb.infoSource(), fromListing.infoSource(), "the same dump");
        assertEquals(info.resolve("cache-01-20261124-042925.txt").toString(), fromListing.infoSource(),
                "of the instance's ten dumps, the one whose keyspace holds the nearest count to the 25,008 keys");
        assertEquals("same folder and version 7.0.15; of its dumps, the one whose keyspace is closest to the keys read", fromRdb.matchedBy());
        assertEquals("same folder; of its dumps, the one whose keyspace is closest to the keys read", fromListing.matchedBy(),
                "the same words; a listing states no version");
    }

    private static DatasetSummary.Reconciliation reconciliation(AnalysisResult r, InputKind kind) {
        Dataset d = r.datasets().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow();
        assertNotNull(d.summary().reconciliation(), kind + " matched no dump: " + r.inputs());
        return d.summary().reconciliation();
    }
}
