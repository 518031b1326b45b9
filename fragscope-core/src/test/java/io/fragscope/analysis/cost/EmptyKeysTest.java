package io.fragscope.analysis.cost;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.AllocatorChoice;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.model.ServerVersion;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Redis's own test file of empty collections (tests/assets/corrupt_empty_keys.rdb): 6.2+ drops all nine on load
 * (rdb.c rdbLoadObject, emptykey), so none is priced; 6.0 keeps them.
 */
class EmptyKeysTest {
    static final Path FILE = SharedFiles.root().resolve("corpus/redis-tests/corrupt_empty_keys.rdb");

    static List<KeyCost> price(ServerVersion v, RdbKeyCoster[] out) throws IOException {
        List<KeyCost> keys = new ArrayList<>();
        CostModel model = new CostModel(RedisLayout.of(v), AllocatorChoice.assumed(v.version()), EncodingThresholds.DEFAULTS, false, true, "test");
        RdbKeyCoster c = new RdbKeyCoster(model, keys::add);
        RdbReader.read(FILE, ReadLimits.DEFAULTS, c);
        out[0] = c;
        return keys;
    }

    @Test
    void emptyCollectionsAreDroppedFromRedis62On() throws IOException {
        RdbKeyCoster[] c = new RdbKeyCoster[1];
        assertEquals(0, price(ServerVersion.redis(7, 0), c).size());
        assertEquals(9, c[0].skippedEmptyKeys());
        assertEquals(9, price(ServerVersion.redis(6, 0), c).size());
        assertEquals(0, c[0].skippedEmptyKeys());
    }
}
