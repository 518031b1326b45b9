package io.fragscope.analysis.dataset;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.Dataset;
import io.fragscope.InputReport;
import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.model.KeyType;
import io.fragscope.source.InputKind;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.bigkeys.KeyScanSummaryParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * redis-cli's --memkeys, --bigkeys and --keystats summaries as real servers' scans printed them (captures/) carry the
 * keys they name into the key tables, as a partial listing that says so.
 */
class KeyScanDatasetsTest {
    private static final Path C = Path.of("fragscope-core/src/test/resources/captures");

    private static List<KeyCost> keys(String file) throws IOException {
        List<KeyCost> out = new ArrayList<>();
        DatasetOutcome o = KeyScanDatasets.analyze(new KeyScanSummaryParser(ReadLimits.DEFAULTS).parse(C.resolve(file)),
                AggregationOptions.DEFAULTS, out::add);
        assertFalse(o.summary().complete(), "a summary names a few keys: never complete");
        assertTrue(o.summary().note().startsWith("a partial key listing"), o.summary().note());
        assertEquals(out.size(), o.summary().keys().totals().keys());
        // redis-cli's summaries say nothing of expiry: no named key is counted as without a TTL
        for (KeyCost c : out) assertEquals(KeyCost.TTL_NOT_KNOWN, c.ttlMs(), c.toString());
        assertEquals(out.size(), o.summary().keys().totals().keysTtlNotKnown());
        assertEquals(null, o.summary().keys().totals().keysWithoutTtlIfKnown());
        return out;
    }

    private static KeyCost key(List<KeyCost> all, String name) {
        return all.stream().filter(c -> c.key().equals(KeyName.ofUtf8(name))).findFirst().orElseThrow(() -> new AssertionError(name + " in " + all));
    }

    @Test
    void memkeysNamesTheBiggestKeyOfEachTypeWithItsMemoryUsage() throws IOException {
        List<KeyCost> k = keys("redis-7.0.15-debian/memkeys.txt");
        assertEquals(4, k.size());
        assertEquals(8320, key(k, "l:47").memoryUsageBytes());
        assertEquals(8320, key(k, "l:47").allocatedBytes());
        assertEquals(KeyType.LIST, key(k, "l:47").type());
        assertEquals(312, key(k, "k:3:524").memoryUsageBytes());
        assertEquals(KeyCost.Exactness.FROM_LISTING, key(k, "s:0").exactness());
    }

    @Test
    void bigkeysGivesLengthsNotBytes() throws IOException {
        List<KeyCost> k = keys("redis-7.0.15-debian/bigkeys.txt");
        assertEquals(4, k.size());
        for (KeyCost c : k) assertEquals(0, c.allocatedBytes(), c.toString());
        KeyCost list = k.stream().filter(c -> c.type() == KeyType.LIST).findFirst().orElseThrow();
        assertTrue(list.elements() > 0, list.toString());
    }

    @Test
    void keystatsTopSizesAndLengthsOfOneKeyBecomeOneRow() throws IOException {
        List<KeyCost> k = keys("valkey-9.1.2/keystats.txt");
        KeyCost set = key(k, "s:21");
        assertEquals(248, set.memoryUsageBytes(), "from 'set s:21 is 248B' / the top sizes");
        assertEquals(100, set.elements(), "from 's:21 has 100 members'");
        assertEquals(Math.round(8.02 * 1024), key(k, "l:49").memoryUsageBytes());
        KeyCost s = key(k, "k:2999");
        assertEquals(499, s.elements(), "a string's length, not its memory");
        assertEquals(k.size(), k.stream().map(c -> c.type().redisName() + " " + c.key().escaped()).distinct().count());
    }

    @Test
    void redisCliQuotingIsUndone() {
        assertArrayEquals("l:47".getBytes(StandardCharsets.UTF_8), KeyScanDatasets.unquote("'\"l:47\"'"));
        assertArrayEquals(new byte[] {'a', '\n', (byte) 0xff, '"', '\\', 'b'}, KeyScanDatasets.unquote("\"a\\n\\xff\\\"\\\\b\""));
        assertArrayEquals("h:28".getBytes(StandardCharsets.UTF_8), KeyScanDatasets.unquote("h:28"));
        assertArrayEquals("键".getBytes(StandardCharsets.UTF_8), KeyScanDatasets.unquote("\"键\""));
    }

    @Test
    void theNamedKeysReachTheKeyTablesOfTheRunFlaggedPartial() {
        Path dir = C.resolve("redis-7.0.15-debian");
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(dir.resolve("info.txt"), dir.resolve("memkeys.txt")))).run();
        Dataset d = r.datasets().stream().filter(x -> x.kind() == InputKind.BIGKEYS).findFirst().orElseThrow();
        assertFalse(d.summary().complete());
        assertEquals(4, d.summary().keys().totals().keys());
        assertEquals(KeyName.ofUtf8("l:47"), d.summary().keys().topByAllocated().get(0).key());
        assertTrue(d.summary().keys().byType().groups().stream().anyMatch(g -> g.key() == KeyType.HASH), d.summary().keys().byType().toString());
        InputReport in = r.inputs().stream().filter(i -> i.kind() == InputKind.BIGKEYS).findFirst().orElseThrow();
        assertTrue(in.message().contains("a partial key listing"), in.message());
        assertEquals(1, r.inputs().stream().filter(i -> i.kind() == InputKind.BIGKEYS).count(), "reported once");
        assertTrue(r.plansWorstFirst().stream().allMatch(p -> p.toString().indexOf("memkeys.txt") < 0), "never the instance's keys for its plan");
    }
}
