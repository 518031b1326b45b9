package io.fragscope.analysis.cost;

import java.util.Arrays;

/**
 * The shape of a Redis radix tree (src/rax.c) built by inserting keys in ascending byte order, as an RDB load
 * builds a stream's node tree, its consumer groups, consumers and pending-entry lists: the number of elements and
 * nodes ({@code rax->numele}, {@code rax->numnodes}) and the bytes its nodes allocate.
 *
 * <p>The tree is never held. Insertions in order only ever change the rightmost path, so that path is all that is
 * kept (one entry per node on it, at most the key length); a node that leaves it is final and its size is summed.
 * Node sizes follow rax.c {@code raxNewNode} and {@code raxCompressNode}: a 4-byte header, the edge bytes padded so
 * that pointers align ({@code raxPadding}), one child pointer per edge (one for a compressed node), and a value
 * pointer on keys that carry one.
 *
 * <p>Keys out of order (a damaged file) are still counted as elements; the shape then stops being exact, which
 * {@link #exact()} says.
 */
public final class RaxShape {
    private static final int COMPRESSED = 0, BRANCH = 1, LEAF = 2;

    // the rightmost path: node kind, start depth, end depth (compressed) or child count (branch), key flag
    private int[] kind = new int[8], start = new int[8], endOrChildren = new int[8];
    private boolean[] key = new boolean[8];
    private int depth; // nodes on the path

    private byte[] prev = new byte[32];
    private int prevLen = -1;
    private final boolean values;
    private final java.util.function.LongConsumer allocation;

    private long elements, nodes = 1, finalBytes;
    private boolean exact = true;

    /**
     * @param values     whether keys carry a value pointer (true for every rax a stream uses)
     * @param allocation receives the request size of each node once it is final (and of the rest at {@link #finish})
     */
    public RaxShape(boolean values, java.util.function.LongConsumer allocation) {
        this.values = values;
        this.allocation = allocation;
        kind[0] = LEAF; // the empty root (raxNew)
        start[0] = 0;
        depth = 1;
    }

    /** Inserts {@code key[0..len)}; keys must come in ascending memcmp order, as raxIterator saves them. */
    public void insert(byte[] k, int len) {
        if (prevLen >= 0) {
            int c = Arrays.compareUnsigned(prev, 0, prevLen, k, 0, len);
            if (c == 0) return;
            if (c > 0) { // out of order: count it, keep the path as it was
                exact = false;
                elements++;
                nodes += 2;
                node(leafBytes(true));
                node(leafBytes(true));
                return;
            }
        }
        elements++;
        if (prevLen < 0) {
            // the first key: the root becomes a compressed node over the whole key (or the key itself when empty)
            if (len == 0) key[0] = true;
            else {
                setCompressed(0, 0, len, false);
                push(LEAF, len, 0, true);
                nodes++;
            }
            remember(k, len);
            return;
        }
        int l = lcp(prev, prevLen, k, len);
        int n = nodeAt(l);
        finalizeFrom(n + 1);
        if (kind[n] == LEAF) {
            // the previous key is a prefix of this one: its leaf grows a compressed chain
            setCompressed(n, start[n], len, key[n]);
            push(LEAF, len, 0, true);
            nodes++;
        } else if (kind[n] == BRANCH) {
            endOrChildren[n]++;
            newChain(l, len);
        } else {
            int s = start[n], e = endOrChildren[n];
            boolean wasKey = key[n];
            if (e > l + 1) node(compressedBytes(e - l - 1, false)); // the rest of the old chain, now its own node
            if (e > l + 1) nodes++;
            if (l > s) {
                setCompressed(n, s, l, wasKey);
                push(BRANCH, l, 2, false);
                nodes++;
            } else {
                kind[n] = BRANCH;
                endOrChildren[n] = 2;
            }
            newChain(l, len);
        }
        remember(k, len);
    }

    private void newChain(int l, int len) {
        if (len > l + 1) {
            push(COMPRESSED, l + 1, len, false);
            push(LEAF, len, 0, true);
            nodes += 2;
        } else {
            push(LEAF, len, 0, true);
            nodes++;
        }
    }

    /** Index on the path of the node that holds depth {@code l}. */
    private int nodeAt(int l) {
        for (int i = depth - 1; i >= 0; i--) {
            if (kind[i] == COMPRESSED ? start[i] <= l && l < endOrChildren[i] : start[i] == l) return i;
            if (start[i] < l && kind[i] != COMPRESSED) return i; // cannot happen for a well-formed path
        }
        return 0;
    }

    private void finalizeFrom(int i) {
        for (int j = depth - 1; j >= i; j--) node(bytesOf(j));
        depth = Math.min(depth, i);
    }

    private void setCompressed(int i, int s, int e, boolean isKey) {
        kind[i] = COMPRESSED;
        start[i] = s;
        endOrChildren[i] = e;
        key[i] = isKey;
    }

    private void push(int k, int s, int eOrC, boolean isKey) {
        if (depth == kind.length) {
            int n = depth * 2;
            kind = Arrays.copyOf(kind, n);
            start = Arrays.copyOf(start, n);
            endOrChildren = Arrays.copyOf(endOrChildren, n);
            key = Arrays.copyOf(key, n);
        }
        kind[depth] = k;
        start[depth] = s;
        endOrChildren[depth] = eOrC;
        key[depth] = isKey;
        depth++;
    }

    private void remember(byte[] k, int len) {
        if (prev.length < len) prev = Arrays.copyOf(prev, Math.max(len, prev.length * 2));
        System.arraycopy(k, 0, prev, 0, len);
        prevLen = len;
    }

    private static int lcp(byte[] a, int al, byte[] b, int bl) {
        int m = Arrays.mismatch(a, 0, al, b, 0, bl);
        return m < 0 ? al : m;
    }

    private long bytesOf(int i) {
        return switch (kind[i]) {
            case COMPRESSED -> compressedBytes(endOrChildren[i] - start[i], key[i]);
            case BRANCH -> 4 + endOrChildren[i] + padding(endOrChildren[i]) + 8L * endOrChildren[i] + valueBytes(key[i]);
            default -> leafBytes(key[i]);
        };
    }

    private long compressedBytes(int chars, boolean isKey) { return 4 + chars + padding(chars) + 8 + valueBytes(isKey); }

    private long leafBytes(boolean isKey) { return 4 + padding(0) + valueBytes(isKey); }

    private long valueBytes(boolean isKey) { return isKey && values ? 8 : 0; }

    /** rax.c raxPadding: edge bytes padded so the pointers after the 4-byte header align to 8. */
    static int padding(int n) { return (8 - ((n + 4) % 8)) & 7; }

    /** {@code rax->numele}. */
    public long elements() { return elements; }

    /** {@code rax->numnodes}, the root included. */
    public long nodes() { return nodes; }

    private void node(long bytes) {
        finalBytes += bytes;
        allocation.accept(bytes);
    }

    /** Ends the tree: the nodes still on the path are final. Call once, after the last key. */
    public void finish() { finalizeFrom(0); }

    /** Bytes requested for the final nodes (all of them after {@link #finish}); the {@code rax} struct not included. */
    public long nodeBytes() { return finalBytes; }

    /** False when keys came out of order and the shape is an estimate. */
    public boolean exact() { return exact; }
}
