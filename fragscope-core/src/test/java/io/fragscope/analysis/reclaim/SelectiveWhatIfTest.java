package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.cost.RdbKeyCoster;
import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.source.rdb.TeeVisitor;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The threshold what-if replays a key into the doubled/halved costers only when a count or length lies between the
 * thresholds; this checks that the table is the same as when every hash, set and sorted set goes through both, on
 * every real RDB file (corpus and groundtruth), under several layouts and under the default and tight thresholds.
 */
class SelectiveWhatIfTest {
    private static final Map<String, Long> TIGHT = Map.of("hash-max-listpack-entries", 5L, "hash-max-listpack-value", 9L,
            "set-max-intset-entries", 6L, "set-max-listpack-entries", 4L, "set-max-listpack-value", 7L,
            "zset-max-listpack-entries", 5L, "zset-max-listpack-value", 10L);

    static List<Path> rdbFiles() throws IOException {
        try (Stream<Path> s = Stream.concat(Files.walk(SharedFiles.root().resolve("corpus")), Files.walk(SharedFiles.groundTruth()))) {
            return s.filter(p -> p.toString().endsWith(".rdb")).sorted().toList();
        }
    }

    private static KeyspaceProfile profile(Path file, CostModel model, boolean exhaustive) throws IOException {
        ProfileCollector profile = new ProfileCollector(model, AggregationOptions.DEFAULTS, 0, exhaustive);
        KeyCostSink sink = profile.sink();
        RdbKeyCoster coster = new RdbKeyCoster(model, sink);
        try {
            RdbReader.read(file, ReadLimits.DEFAULTS, new TeeVisitor(List.of(coster, profile)));
        } catch (InputException e) {
            // damaged corpus files: both runs saw the same events up to the same offset
        }
        return profile.profile();
    }

    @Test
    void selectiveReplayGivesTheSameWhatIfTableAsPricingEveryKeyThreeTimes() throws IOException {
        int files = 0, tables = 0;
        for (Path f : rdbFiles()) {
            for (String version : List.of("3.2", "7.2", "valkey-9.0")) {
                for (Map<String, Long> config : List.of(Map.<String, Long>of(), TIGHT)) {
                    CostModel model = ModelChoice.choose(version, null, config, Optional.empty(), Optional.empty());
                    List<KeyspaceProfile.EncodingWhatIf> selective = profile(f, model, false).encodingWhatIfs();
                    List<KeyspaceProfile.EncodingWhatIf> all = profile(f, model, true).encodingWhatIfs();
                    assertEquals(all, selective, f + " as " + version + " " + config);
                    if (!all.isEmpty()) tables++;
                }
            }
            files++;
        }
        assertTrue(files > 100, "corpus and groundtruth files: " + files);
        assertTrue(tables > 100, "what-if tables that are not empty: " + tables);
    }
}
