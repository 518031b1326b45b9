package io.fragscope.analysis.where;

import io.fragscope.analysis.keys.IdSegment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Memory by key prefix, level by level ({@code user:} → {@code user:*:} → {@code user:*:profile}), for the
 * drill-down picture. Bounded: at most {@code maxNodes} nodes over {@code depth} levels; a key that would need a
 * node past the cap counts in its deepest existing ancestor's own bytes ({@link Node#selfBytes}). Segments that
 * look like ids (all digits, or 8+ hex digits and dashes with a digit) fold to {@code *}, as the prefix tables do.
 * Not thread-safe.
 */
public final class PrefixTree {
    private static final long FNV = 0xcbf29ce484222325L, PRIME = 0x100000001b3L;

    private final boolean[] separator = new boolean[256];
    private final int depth, maxNodes;
    private final MutableNode root = new MutableNode("", 0);
    private int nodes = 1;
    /**
     * Children by (parent's id, 64-bit hash of the segment), open addressing: a key costs no boxed {@code Long} and no
     * map entry per level. Twice {@code maxNodes} slots, a power of two, so a probe always ends.
     */
    private final long[] childKeys;
    private final MutableNode[] children;

    public PrefixTree(String separators, int depth, int maxNodes) {
        for (byte b : separators.getBytes(StandardCharsets.UTF_8)) separator[b & 0xff] = true;
        this.depth = depth;
        this.maxNodes = maxNodes;
        int slots = Integer.highestOneBit(Math.max(4, maxNodes) * 2 - 1) << 1;
        this.childKeys = new long[slots];
        this.children = new MutableNode[slots];
    }

    private MutableNode child(MutableNode parent, long h) {
        long k = h * 0x9E3779B97F4A7C15L + parent.id;
        int mask = children.length - 1;
        for (int i = (int) (k ^ k >>> 32) & mask; ; i = (i + 1) & mask) {
            MutableNode c = children[i];
            if (c == null) return null;
            if (childKeys[i] == k && c.parent == parent) return c;
        }
    }

    private void putChild(MutableNode parent, long h, MutableNode c) {
        long k = h * 0x9E3779B97F4A7C15L + parent.id;
        int mask = children.length - 1;
        int i = (int) (k ^ k >>> 32) & mask;
        while (children[i] != null) i = (i + 1) & mask;
        childKeys[i] = k;
        children[i] = c;
        parent.kids.add(c);
    }

    public void add(byte[] key, int len, long bytes) {
        MutableNode at = root;
        at.bytes += bytes;
        at.keys++;
        int start = 0, level = 0;
        // One pass: each segment's hash and whether it looks like an id are gathered byte by byte.
        long seg = FNV;
        int kinds = IdSegment.START;
        for (int i = 0; i <= len && level < depth; i++) {
            boolean end = i == len;
            if (!end) {
                int c = key[i] & 0xff;
                if (!separator[c]) {
                    seg = (seg ^ c) * PRIME;
                    kinds = IdSegment.next(kinds, (byte) c);
                    continue;
                }
            }
            // Children are found by a 64-bit hash of the segment's bytes, so a key costs no string; the name is made once.
            int n = i - start;
            boolean id = IdSegment.isId(kinds, n);
            long h = id ? (FNV ^ '*') * PRIME : seg;
            h = (h ^ (end ? 0x100 : key[i] & 0xff)) * PRIME;
            seg = FNV;
            kinds = IdSegment.START;
            MutableNode child = child(at, h);
            if (child == null) {
                if (nodes >= maxNodes) break;
                child = new MutableNode((id ? "*" : io.fragscope.source.KeyName.escape(key, start, i - start)) + (end ? "" : (char) key[i]), nodes, at);
                putChild(at, h, child);
                nodes++;
            }
            at = child;
            at.bytes += bytes;
            at.keys++;
            level++;
            start = i + 1;
        }
    }

    public Node snapshot() { return root.freeze(); }

    private static final class MutableNode {
        final String segment;
        final int id;
        final MutableNode parent;
        final List<MutableNode> kids = new ArrayList<>();
        long bytes, keys;

        MutableNode(String segment, int id) { this(segment, id, null); }

        MutableNode(String segment, int id, MutableNode parent) {
            this.segment = segment;
            this.id = id;
            this.parent = parent;
        }

        Node freeze() {
            List<Node> kids = new ArrayList<>(this.kids.size());
            for (MutableNode c : this.kids) kids.add(c.freeze());
            kids.sort(Comparator.comparingLong(Node::bytes).reversed().thenComparing(Node::segment));
            return new Node(segment, bytes, keys, kids);
        }
    }

    /**
     * @param segment this level's piece of the prefix, escaped as key names are ({@code \xNN})
     * @param bytes   allocated bytes of every key under this node
     */
    public record Node(String segment, long bytes, long keys, List<Node> children) implements java.io.Serializable {
        public Node { children = List.copyOf(children); }

        /** Bytes of keys that end at this node (no deeper level, or folded by the cap). */
        public long selfBytes() { return bytes - children.stream().mapToLong(Node::bytes).sum(); }
    }
}
