package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.source.KeyName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyAggregatorTest {

    private static KeyCost cost(int db, String key, long requested, long allocated, long ttl) {
        return new KeyCost(db, KeyName.ofUtf8(key), KeyType.STRING, Encoding.RAW, 1, requested, allocated, allocated - requested,
                0, allocated, ttl, KeyCost.Exactness.EXACT);
    }

    @Test
    void twoHundredThousandDistinctPrefixesFoldIntoOtherPastTheCap() {
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        long allocated = 0;
        for (int i = 0; i < 200_000; i++) {
            agg.accept(cost(0, "tenant" + i + ":obj:" + i + ":x", 40, 48 + i % 7, i % 2 == 0 ? -1 : 5));
            allocated += 48 + i % 7;
        }
        KeySummary s = agg.summary();
        GroupTable<KeyName> prefixes = s.byPrefix();
        assertEquals(10_000, prefixes.groups().size());
        assertEquals(10_000, prefixes.capacity());
        assertEquals(190_000, prefixes.foldedKeys());
        assertTrue(Math.abs(prefixes.foldedGroupsEstimate() - 190_000) < 190_000 * 0.03,
                "estimate " + prefixes.foldedGroupsEstimate());
        // the first 10 000 prefixes in stream order are the ones kept, exactly
        assertTrue(prefixes.groups().stream().allMatch(g -> {
            String p = g.key().escaped();
            int n = Integer.parseInt(p.substring("tenant".length(), p.indexOf(':')));
            return n < 10_000 && p.equals("tenant" + n + ":obj:") && g.totals().keys() == 1;
        }));
        long kept = prefixes.groups().stream().mapToLong(g -> g.totals().allocatedBytes()).sum();
        assertEquals(allocated, kept + prefixes.other().allocatedBytes());
        assertEquals(allocated, s.totals().allocatedBytes());
        assertEquals(100_000, s.totals().keysWithoutTtl());
        assertEquals(Totals.ZERO, s.withoutPrefix());
    }

    @Test
    void topListsAreLargestFirstWithDeterministicTiesWhateverTheOrder() {
        List<KeyCost> costs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) costs.add(cost(i % 3, "k" + i, 100, 100 + i % 50 * 8, -1));
        List<List<String>> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            Collections.shuffle(costs, new Random(seed));
            KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS.withTopN(25));
            costs.forEach(agg::accept);
            KeySummary s = agg.summary();
            assertEquals(25, s.topByAllocated().size());
            runs.add(s.topByAllocated().stream().map(c -> c.db() + "/" + c.key()).toList());
            for (int i = 1; i < 25; i++) {
                KeyCost a = s.topByAllocated().get(i - 1), b = s.topByAllocated().get(i);
                assertTrue(a.allocatedBytes() > b.allocatedBytes()
                        || a.allocatedBytes() == b.allocatedBytes() && (a.db() < b.db()
                        || a.db() == b.db() && a.key().compareTo(b.key()) < 0));
            }
            assertEquals(392, s.topByWaste().get(0).roundingWasteBytes());
        }
        assertEquals(runs.get(0), runs.get(1));
        assertEquals(runs.get(0), runs.get(2));
        // 20 keys carry the top value 492 (i % 50 == 49); db 0 then db 1 then db 2, each by key bytes
        assertEquals(List.of("0/k249", "0/k399", "0/k549", "0/k699", "0/k849"), runs.get(0).subList(0, 5));
    }

    @Test
    void prefixRuleKeepsSeparatorsAndStopsAtDepth() {
        KeyPrefixes colon2 = new KeyPrefixes(":", 2);
        assertEquals(KeyName.ofUtf8("user:*:"), colon2.prefixOf(KeyName.ofUtf8("user:42:profile")));
        assertEquals(KeyName.ofUtf8("cart:*:"), colon2.prefixOf(KeyName.ofUtf8("cart:0018c056-7ce9-4f6c-ac33-fea6819ee89e:items")));
        assertEquals(KeyName.ofUtf8("user:bob:"), colon2.prefixOf(KeyName.ofUtf8("user:bob:profile")), "words stay");
        assertEquals(KeyName.ofUtf8("tag:deadbeef:"), colon2.prefixOf(KeyName.ofUtf8("tag:deadbeef:x")), "hex without a digit is a word");
        assertEquals(KeyName.ofUtf8("product:"), colon2.prefixOf(KeyName.ofUtf8("product:17")));
        assertNull(colon2.prefixOf(KeyName.ofUtf8("counter")));
        KeyPrefixes mixed1 = new KeyPrefixes(":|/.", 1);
        assertEquals(KeyName.ofUtf8("a/"), mixed1.prefixOf(KeyName.ofUtf8("a/b:c")));
        assertEquals(KeyName.ofUtf8("img."), mixed1.prefixOf(KeyName.ofUtf8("img.png")));
        KeyName binary = KeyName.of(new byte[]{(byte) 0xde, (byte) 0xad, ':', 0, ':', 'x'});
        assertEquals(KeyName.of(new byte[]{(byte) 0xde, (byte) 0xad, ':', 0, ':'}), colon2.prefixOf(binary));
        KeyName endsWithSeparator = KeyName.ofUtf8("a:b:");
        assertEquals(endsWithSeparator, colon2.prefixOf(endsWithSeparator));
    }

    @Test
    void groupsAreOrderedByAllocatedBytesThenName() {
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        agg.accept(new KeyCost(1, KeyName.ofUtf8("a"), KeyType.HASH, Encoding.LISTPACK, 3, 90, 96, 6, 0, 96, -1, KeyCost.Exactness.EXACT));
        agg.accept(new KeyCost(0, KeyName.ofUtf8("b"), KeyType.ZSET, Encoding.SKIPLIST, 3, 900, 960, 60, 0, 960, -1, KeyCost.Exactness.EXACT));
        agg.accept(new KeyCost(0, KeyName.ofUtf8("c"), KeyType.HASH, Encoding.HASHTABLE, 3, 90, 96, 6, 0, 96, 7, KeyCost.Exactness.EXACT));
        KeySummary s = agg.summary();
        assertEquals(List.of(KeyType.ZSET, KeyType.HASH), s.byType().groups().stream().map(Group::key).toList());
        assertEquals(List.of("zset/skiplist", "hash/hashtable", "hash/listpack"),
                s.byEncoding().groups().stream().map(g -> g.key().toString()).toList());
        assertEquals(List.of(0, 1), s.byDb().groups().stream().map(Group::key).toList());
        Totals hash = s.byType().groups().get(1).totals();
        assertEquals(192.0 / 180.0, hash.allocatedOverRequested(), 1e-12);
        assertEquals(1, hash.keysWithoutTtl());
        assertEquals(3, s.withoutPrefix().keys());
    }

    @Test
    void sizeClassHistogramHookIsCarriedIntoTheSummary() {
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        assertTrue(agg.summary().sizeClasses().isEmpty());
        SizeClassHistogram h = new SizeClassHistogram("jemalloc-5.3.0", List.of(new SizeClassHistogram.Bin(32, 10, 250)));
        agg.acceptSizeClasses(h);
        assertEquals(h, agg.summary().sizeClasses());
        assertEquals(70, h.bins().get(0).wasteBytes());
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> AggregationOptions.DEFAULTS.withPrefixDepth(0));
        assertThrows(IllegalArgumentException.class, () -> AggregationOptions.DEFAULTS.withPrefixSeparators(""));
        assertThrows(IllegalArgumentException.class, () -> AggregationOptions.DEFAULTS.withTopN(-1));
        assertEquals(0, new KeyAggregator(AggregationOptions.DEFAULTS.withTopN(0)).summary().topByAllocated().size());
    }

    /** 12,000 distinct prefixes of 1,000 bytes: kept up to the table's byte budget, the rest summed in "other". */
    @Test
    void thePrefixTableIsCappedByBytesAsWellAsCount() {
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        String pad = "p".repeat(990);
        for (int i = 0; i < 12_000; i++) agg.accept(cost(0, String.format("%05d", i) + pad + ":x:" + i, 100, 112, -1));
        KeySummary s = agg.summary();
        int kept = s.byPrefix().groups().size();
        // each prefix is 998 bytes: "NNNNN" + 990 p + ":x:", cut after the second separator
        assertEquals(KeyAggregator.MAX_PREFIX_BYTES / (998 + 64), kept);
        assertEquals(12_000 - kept, s.byPrefix().other().keys());
        assertEquals(12_000, s.totals().keys());
        long est = s.byPrefix().foldedGroupsEstimate();
        assertTrue(Math.abs(est - (12_000 - kept)) < 0.05 * (12_000 - kept), "folded prefixes estimated: " + est);
    }

    /** A name past KeyName.MAX_HELD bytes is held as its head, length and hash: distinct names stay distinct. */
    @Test
    void longKeyNamesAreHeldBoundedAndStayDistinct() {
        byte[] a = ("a:" + "x".repeat(100_000) + "1").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = ("a:" + "x".repeat(100_000) + "2").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        KeyName ka = KeyName.of(a), kb = KeyName.of(b);
        assertEquals(KeyName.MAX_HELD, ka.heldLength());
        assertEquals(a.length, ka.length());
        assertTrue(ka.isCut());
        assertNotEquals(ka, kb);
        assertNotEquals(0, ka.compareTo(kb));
        assertEquals(ka, KeyName.of(a.clone()));
        assertTrue(ka.escaped().endsWith(" bytes, hash " + String.format("%016x", KeyName.fnv1a(KeyName.FNV_OFFSET, a, 0, a.length)) + "]"));
        assertTrue(ka.escaped().contains("…[cut: 100003 bytes"), ka.escaped().substring(1000));
        assertTrue(ka.escaped().length() < 1100);
    }
}
