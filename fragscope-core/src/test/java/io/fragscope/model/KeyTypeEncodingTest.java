package io.fragscope.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyTypeEncodingTest {

    @Test
    void typesAreDeclaredInTheOrderOfTheirRedisNames() {
        List<String> names = Arrays.stream(KeyType.values()).map(KeyType::redisName).toList();
        assertEquals(names.stream().sorted().toList(), names, "EnumMap and sort order must be the reports' alphabetical order");
    }

    @Test
    void listedTypesAreRedisTypesModuleTypeNamesOrUnknown() {
        assertEquals(KeyType.ZSET, KeyType.ofListed("zset"));
        assertEquals(KeyType.STRING, KeyType.ofListed(" String "));
        assertEquals(KeyType.VECTORSET, KeyType.ofListed("vectorset"));
        // TYPE prints a module's 9-character type name (RedisJSON, RedisBloom); the listing reader lower-cases it
        assertEquals(KeyType.MODULE, KeyType.ofListed("ReJSON-RL"));
        assertEquals(KeyType.MODULE, KeyType.ofListed("mbbloom--"));
        assertEquals(KeyType.MODULE, KeyType.ofListed("module")); // fragscope's own keys.csv
        assertEquals(KeyType.UNKNOWN, KeyType.ofListed("weird thing"));
        assertEquals(KeyType.UNKNOWN, KeyType.ofListed("ReJSON-RL2")); // 10 characters: not a module type name
        assertEquals(KeyType.UNKNOWN, KeyType.ofListed(""));
        assertEquals(KeyType.UNKNOWN, KeyType.ofListed(null));
        assertEquals("", KeyType.UNKNOWN.redisName());
    }

    @Test
    void listedEncodingsAreRedisNamesOrThePeersAliasesOfThem() {
        for (Encoding e : Encoding.values()) assertEquals(e, Encoding.ofListed(KeyType.HASH, e.redisName()), e.redisName());
        assertEquals(Encoding.QUICKLIST, Encoding.ofListed(KeyType.LIST, "quicklist2"));
        assertEquals(Encoding.STREAM, Encoding.ofListed(KeyType.STREAM, "listpacks3"));
        assertEquals(Encoding.SKIPLIST, Encoding.ofListed(KeyType.ZSET, "zset2"));
        assertEquals(Encoding.SKIPLIST, Encoding.ofListed(KeyType.ZSET, "zset"));
        assertEquals(Encoding.HASHTABLE, Encoding.ofListed(KeyType.HASH, "hashex"));
        assertEquals(Encoding.HASHTABLE, Encoding.ofListed(KeyType.SET, "set"));
        assertEquals(Encoding.HASHTABLE, Encoding.ofListed(KeyType.HASH, "hash"));
        assertEquals(Encoding.UNKNOWN, Encoding.ofListed(KeyType.STRING, "hash")); // a type's name only for its own type
        assertEquals(Encoding.UNKNOWN, Encoding.ofListed(KeyType.STRING, "string")); // raw, embstr or int: not said
        assertEquals(Encoding.UNKNOWN, Encoding.ofListed(KeyType.STREAM, "unknown")); // Redis 5.0's OBJECT ENCODING of a stream
        assertEquals(Encoding.NONE, Encoding.ofListed(KeyType.STRING, " "));
        assertEquals(Encoding.NONE, Encoding.ofListed(KeyType.UNKNOWN, null));
    }
}
