package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.cost.RdbKeyCoster;
import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.model.Encoding;
import io.fragscope.source.InputException;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.ForwardingRdbVisitor;
import io.fragscope.source.rdb.RdbEventPipe;
import io.fragscope.source.rdb.RdbVisitor;
import io.fragscope.source.rdb.TeeVisitor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.fragscope.source.rdb.RdbFormat.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A listpack, intset or one-node quicklist whose entries no visitor needs is only checked and counted
 * ({@link RdbVisitor#wantsEntries}, {@link RdbVisitor#entriesCounted}): every key's cost, the top keys with their largest
 * element, the threshold what-if table and the type statistics must be those of a read that sends every entry, on every
 * real RDB file (corpus and groundtruth), under several layouts and allocators, default and tight thresholds, and top-N
 * sizes, on one thread and on two. The skip rests on an upper bound of a key's allocated bytes
 * ({@link ProfileCollector#allocatedBound}); every key it may apply to (a blob kept as it is) is held to that bound here.
 */
class CountedEntriesTest {
    private static final Map<String, Long> TIGHT = Map.of("hash-max-listpack-entries", 5L, "hash-max-listpack-value", 9L,
            "set-max-intset-entries", 6L, "set-max-listpack-entries", 4L, "set-max-listpack-value", 7L,
            "zset-max-listpack-entries", 5L, "zset-max-listpack-value", 10L);

    /** What a read gives that a skipped entry could change. */
    private record Outcome(List<KeyCost> keys, List<KeyspaceProfile.EncodingWhatIf> whatIfs, List<?> topKeys, List<?> types,
                           long keyBytes, long estimatedUsedMemory, String error) {}

    /** Watches the current key: its type, name length, and its blob when the value is one. */
    private static final class BlobKeys extends ForwardingRdbVisitor {
        int type, nodes;
        long keyBytes, rawBytes = -1;
        private long pendingLong = -1;
        long counted;

        BlobKeys(RdbVisitor to) { super(to); }

        @Override public void longKeyName(KeyName name) { pendingLong = name.length(); super.longKeyName(name); }

        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
            type = rdbType;
            keyBytes = pendingLong >= 0 ? pendingLong : keyLength;
            pendingLong = -1;
            rawBytes = -1;
            nodes = 0;
            super.beginKey(db, key, keyLength, slot, rdbType, declaredLength, expireAtMs, offset);
        }

        @Override public void blob(BlobKind kind, long raw, long entries) { rawBytes = raw; super.blob(kind, raw, entries); }

        @Override public void quicklistNode(BlobKind kind, long raw, long entries, int container) {
            nodes++;
            rawBytes = container == 2 /* packed */ && kind == BlobKind.LISTPACK ? raw : -1;
            super.quicklistNode(kind, raw, entries, container);
        }

        @Override public void entriesCounted(long entries) { counted++; super.entriesCounted(entries); }

        /** The key's value is one blob the reader may count instead of walking. */
        boolean oneBlob() {
            return rawBytes >= 0 && switch (type) {
                case RDB_TYPE_SET_INTSET, RDB_TYPE_HASH_LISTPACK, RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_SET_LISTPACK -> true;
                case RDB_TYPE_LIST_QUICKLIST_2 -> nodes == 1;
                default -> false;
            };
        }
    }

    private static Outcome read(Path file, CostModel model, AggregationOptions agg, boolean everyEntry, int threads, long[] counted, long[] bounded) throws IOException {
        ProfileCollector profile = new ProfileCollector(model, agg, 0);
        List<KeyCost> keys = new ArrayList<>();
        BlobKeys[] watch = new BlobKeys[1];
        RdbKeyCoster coster = new RdbKeyCoster(model, c -> {
            keys.add(c);
            profile.sink().accept(c);
            BlobKeys w = watch[0];
            // The bound is asked only of a blob no coster converts (a converted one is walked for its count).
            if (w.oneBlob() && c.encoding() != Encoding.HASHTABLE && c.encoding() != Encoding.SKIPLIST) {
                long bound = profile.allocatedBound(w.type, w.keyBytes, w.rawBytes);
                assertTrue(bound >= c.allocatedBytes(), () -> file + ": " + c + " costs more than its bound " + bound);
                bounded[0]++;
                bounded[1] = Math.max(bounded[1], bound - c.allocatedBytes());
            }
        });
        RdbVisitor tee = new TeeVisitor(List.of(coster, profile));
        watch[0] = new BlobKeys(everyEntry ? new ForwardingRdbVisitor(tee) {
            @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return true; }
        } : tee);
        String error = null;
        try {
            RdbEventPipe.read(file, ReadLimits.DEFAULTS, watch[0], threads);
        } catch (InputException e) {
            error = e.getMessage(); // damaged corpus files: both reads must fail alike
        }
        counted[0] += watch[0].counted;
        KeyspaceProfile p = profile.profile();
        return new Outcome(keys, p.encodingWhatIfs(), p.where().topKeys(), p.where().types(), p.keyBytesTotal(),
                coster.estimatedUsedMemory(), error);
    }

    @Test
    void countingEntriesGivesTheResultsOfWalkingEveryBlob() throws IOException {
        long[] counted = {0}, bounded = {0, 0}, unused = {0};
        int files = 0;
        for (Path f : SelectiveWhatIfTest.rdbFiles()) {
            for (String[] m : new String[][] {{"3.2", null}, {"7.2", null}, {"8.6", "libc"}, {"valkey-8.1", null}, {"valkey-9.0", "libc"}}) {
                for (Map<String, Long> config : List.of(Map.<String, Long>of(), TIGHT)) {
                    CostModel model = ModelChoice.choose(m[0], m[1], config, Optional.empty(), Optional.empty());
                    // a top of 3 fills at once and skips most blobs; the default top of 100 skips fewer (for time, default thresholds only)
                    for (int topN : config.isEmpty() ? new int[] {3, 100} : new int[] {3}) {
                        AggregationOptions agg = AggregationOptions.DEFAULTS.withTopN(topN);
                        Outcome all = read(f, model, agg, true, 1, unused, bounded);
                        String what = f + " as " + Arrays.toString(m) + " " + config + " top " + topN;
                        assertEquals(all, read(f, model, agg, false, 1, counted, bounded), what);
                        if (topN == 3 && config.isEmpty()) assertEquals(all, read(f, model, agg, false, 2, counted, bounded), what + ", two threads");
                    }
                }
            }
            files++;
        }
        assertTrue(files > 100, "corpus and groundtruth files: " + files);
        assertEquals(0, unused[0], "a read that wants every entry is sent every entry");
        // The skip must really happen, and the bound be tried on many keys: not a comparison of two identical reads.
        assertTrue(counted[0] > 100_000, "blobs counted instead of walked: " + counted[0]);
        assertTrue(bounded[0] > 1_000_000, "keys held to the bound: " + bounded[0]);
        // and tight: a looser bound (it was 300 bytes over) walks many blobs for nothing; the largest gap on these files is
        // 72 bytes, 56 of them the seven metadata slots a key object may carry and these keys do not
        assertTrue(bounded[1] <= 80, "the bound is at most 80 bytes over a key's allocation: " + bounded[1]);
    }
}
