package io.fragscope.analysis.cost;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The streaming rax shape against the tree defined outright: a node for the root, for every key, for every prefix
 * with two or more continuations, and for every continuation of such a prefix (rax.c keeps single-continuation
 * runs in one compressed node). Node sizes from rax.c raxNewNode/raxCompressNode.
 */
class RaxShapeTest {

    /** The tree a rax holds for {@code keys}, node count and node bytes, computed from the whole key set. */
    static long[] reference(SortedSet<String> keys) {
        Map<String, Set<Character>> children = new HashMap<>();
        Set<String> prefixes = new HashSet<>();
        for (String k : keys) {
            for (int i = 0; i <= k.length(); i++) {
                String p = k.substring(0, i);
                prefixes.add(p);
                children.computeIfAbsent(p, x -> new TreeSet<>());
                if (i < k.length()) children.get(p).add(k.charAt(i));
            }
        }
        Set<String> nodes = new HashSet<>();
        nodes.add("");
        for (String p : prefixes) {
            if (keys.contains(p) || children.get(p).size() >= 2) nodes.add(p);
            if (!p.isEmpty() && children.get(p.substring(0, p.length() - 1)).size() >= 2) nodes.add(p);
        }
        long bytes = 0;
        for (String n : nodes) {
            int c = children.get(n).size();
            long value = keys.contains(n) ? 8 : 0;
            if (c == 0) bytes += 4 + RaxShape.padding(0) + value;
            else if (c >= 2) bytes += 4 + c + RaxShape.padding(c) + 8L * c + value;
            else {
                String q = n;
                do { q = q + children.get(q).iterator().next(); } while (!nodes.contains(q));
                int chars = q.length() - n.length();
                bytes += 4 + chars + RaxShape.padding(chars) + 8 + value;
            }
        }
        return new long[] {nodes.size(), bytes};
    }

    static long[] streamed(SortedSet<String> keys) {
        long[] allocs = {0, 0};
        RaxShape r = new RaxShape(true, b -> { allocs[0]++; allocs[1] += b; });
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.ISO_8859_1);
            r.insert(b, b.length);
        }
        r.finish();
        assertEquals(keys.size(), r.elements());
        assertEquals(r.nodes(), allocs[0], "one allocation per node");
        assertEquals(r.nodeBytes(), allocs[1]);
        return new long[] {r.nodes(), r.nodeBytes()};
    }

    @Test
    void emptyRaxIsTheRootAlone() {
        RaxShape r = new RaxShape(true, b -> { });
        r.finish();
        assertEquals(1, r.nodes());
        assertEquals(8, r.nodeBytes());
    }

    @Test
    void smallCasesByHand() {
        // "abcd" then "abxy": root "ab", branch [c,x], "d", leaf, "y", leaf (rax.c comments, algorithm 1)
        assertArrayEquals(new long[] {6, reference(new TreeSet<>(List.of("abcd", "abxy")))[1]}, streamed(new TreeSet<>(List.of("abcd", "abxy"))));
        // a key that is a prefix of another: "ab" then "abcd" — root "ab", key node "cd", leaf
        assertEquals(3, streamed(new TreeSet<>(List.of("ab", "abcd")))[0]);
    }

    @Test
    void streamIdsAsAnRdbLoadInsertsThem() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            SortedSet<String> keys = new TreeSet<>();
            long ms = 1_700_000_000_000L + rnd.nextInt(1_000_000);
            int n = 1 + rnd.nextInt(300);
            for (int i = 0; i < n; i++) {
                ms += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(5000);
                ByteBuffer b = ByteBuffer.allocate(16).putLong(ms).putLong(rnd.nextInt(4));
                keys.add(new String(b.array(), StandardCharsets.ISO_8859_1));
            }
            assertArrayEquals(reference(keys), streamed(keys), "round " + round);
        }
    }

    @Test
    void namesOfAnyLengthIncludingPrefixesOfEachOther() {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            SortedSet<String> keys = new TreeSet<>();
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                StringBuilder s = new StringBuilder();
                int len = rnd.nextInt(6);
                for (int j = 0; j < len; j++) s.append((char) ('a' + rnd.nextInt(3)));
                keys.add(s.toString());
            }
            assertArrayEquals(reference(keys), streamed(keys), "round " + round + " " + keys);
        }
    }
}
