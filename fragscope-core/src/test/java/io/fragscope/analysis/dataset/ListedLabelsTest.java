package io.fragscope.analysis.dataset;

import io.fragscope.analysis.KeyCost;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.keys.Group;
import io.fragscope.analysis.keys.TypeEncoding;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.source.listing.ListingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A listing's labels that are not Redis's own: grouped by the Redis name they stand for, and named in the input's note. */
class ListedLabelsTest {
    private static final Path PEERS = Path.of("fragscope-core/src/test/resources/listing/peers");

    private static CostModel model() {
        return ModelChoice.choose(null, null, Map.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void aPeersAliasesAreGroupedByTheirRedisEncodingAndNamedInTheNote() throws IOException {
        // HDT3213/rdb's listing of the 7.2.6 groundtruth file: quicklist2, zset2, hash, set and string are its own labels
        List<KeyCost> keys = new ArrayList<>();
        DatasetOutcome o = new ListingDatasets(ListingOptions.DEFAULTS, AggregationOptions.DEFAULTS, model(), List.of())
                .analyze(PeerListingAccuracyTest.gunzipped(PEERS.resolve("hdt3213/7.2.6-jemalloc.csv.gz")), keys::add);
        Map<String, Long> byEncoding = o.summary().keys().byEncoding().groups().stream()
                .collect(Collectors.toMap(g -> g.key().toString(), g -> g.totals().keys()));
        long quicklist2 = keys.stream().filter(k -> k.encoding() == Encoding.QUICKLIST).count();
        assertEquals(453, quicklist2);
        assertEquals(453L, byEncoding.get("list/quicklist"));
        // HDT3213 says "string" for every string: re-priced from its size class, each is an int, embstr or raw string
        assertEquals(3200L, byEncoding.get("string/int"));
        assertEquals(551L, byEncoding.get("string/embstr"));
        assertEquals(1001L, byEncoding.get("string/raw"));
        assertEquals(282L, byEncoding.get("hash/hashtable"));
        String note = o.summary().note();
        assertTrue(note.contains("encoding 'quicklist2' as quicklist (453 keys)"), note);
        assertTrue(note.contains("encoding 'string' as int (3200 keys); encoding 'string' as raw (1001 keys); encoding 'string' as embstr (551 keys)"), note);
        assertTrue(note.contains("encoding 'zset2' as skiplist (3 keys)"), note);
        assertTrue(o.summary().complete());
    }

    @Test
    void aModuleTypeIsGroupedAsModuleAndAnUnknownLabelIsSaid(@TempDir Path dir) throws IOException {
        Path listing = dir.resolve("memory.csv");
        Files.writeString(listing, """
                database,type,key,size_in_bytes,encoding,num_elements,len_largest_element,expiry
                0,ReJSON-RL,doc:1,500,raw,1,10,
                0,ReJSON-RL,doc:2,700,raw,1,10,
                0,hash,h:1,300,listpack,2,5,
                0,weird thing,w:1,100,bogus,1,1,
                """);
        DatasetOutcome o = new ListingDatasets(ListingOptions.DEFAULTS, AggregationOptions.DEFAULTS, model(), List.of())
                .analyze(listing, k -> { });
        Map<KeyType, Long> byType = o.summary().keys().byType().groups().stream().collect(Collectors.toMap(Group::key, g -> g.totals().keys()));
        assertEquals(Map.of(KeyType.MODULE, 2L, KeyType.HASH, 1L, KeyType.UNKNOWN, 1L), byType);
        Map<TypeEncoding, Long> byEncoding = o.summary().keys().byEncoding().groups().stream()
                .collect(Collectors.toMap(Group::key, g -> g.totals().keys()));
        // rdb-tools' columns: the rows are re-priced as a peer's, a module value by its listed size (module/module, as an RDB's)
        assertEquals(2L, byEncoding.get(TypeEncoding.of(KeyType.MODULE, Encoding.MODULE)));
        assertEquals(1L, byEncoding.get(TypeEncoding.of(KeyType.UNKNOWN, Encoding.UNKNOWN)));
        assertEquals("listed labels not printed as written: type 'rejson-rl' as module (2 keys); encoding 'raw' as module (2 keys);"
                + " type 'weird thing' left empty (1 key); encoding 'bogus' as unknown (1 key)", o.summary().note());
    }

    @Test
    void redisOwnLabelsLeaveNoNote(@TempDir Path dir) throws IOException {
        Path listing = dir.resolve("memory.csv");
        Files.writeString(listing, """
                database,type,key,size_in_bytes,encoding,num_elements,len_largest_element,expiry
                0,string,s:1,56,embstr,3,3,
                0,sortedset,z:1,300,listpack,2,5,
                """);
        DatasetOutcome o = new ListingDatasets(ListingOptions.DEFAULTS, AggregationOptions.DEFAULTS, model(), List.of())
                .analyze(listing, k -> { });
        assertEquals("", o.summary().note());
        assertEquals(List.of("string/embstr", "zset/listpack"), o.summary().keys().byEncoding().groups().stream()
                .map(g -> g.key().toString()).sorted().toList());
    }
}
