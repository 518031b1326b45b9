package io.fragscope.analysis.cost;

import io.fragscope.model.EncodedSizes;

/**
 * Re-packs list elements into quicklist nodes as Redis does when it loads an old list encoding
 * (quicklist.c _quicklistNodeAllowInsert: a node takes elements while its size stays within the fill
 * limit, 8 KiB by default), so the node count and node sizes of the modelled version come out.
 */
final class QuicklistPacker {
    /** quicklist.c SIZE_ESTIMATE_OVERHEAD. */
    private static final long SIZE_ESTIMATE_OVERHEAD = 8;

    private final boolean listpack;
    private final long maxBytes;
    private final long maxEntries;
    private long nodeBytes;
    private long nodeEntries;
    private long prevEntryLen;
    long nodes;
    long lastNodeBytes;
    long elements;

    interface NodeSink {
        void node(long bytes, long entries);
    }

    private final NodeSink sink;

    QuicklistPacker(boolean listpack, long maxBytes, long maxEntries, NodeSink sink) {
        this.listpack = listpack;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.sink = sink;
    }

    void push(long length, boolean integer, long value) {
        long entry = listpack ? EncodedSizes.listpackEntry(length, integer, value)
                : EncodedSizes.ziplistEntry(prevEntryLen, length, integer, value);
        boolean fits = nodeEntries == 0
                || (maxBytes > 0 ? nodeBytes + length + SIZE_ESTIMATE_OVERHEAD <= maxBytes : true)
                && nodeEntries + 1 <= maxEntries;
        if (!fits) {
            flush();
            entry = listpack ? entry : EncodedSizes.ziplistEntry(0, length, integer, value);
        }
        if (nodeEntries == 0) nodeBytes = listpack ? EncodedSizes.LISTPACK_HEADER_AND_END : EncodedSizes.ZIPLIST_HEADER_AND_END;
        nodeBytes += entry;
        nodeEntries++;
        prevEntryLen = entry;
        elements++;
    }

    void flush() {
        if (nodeEntries == 0) return;
        sink.node(nodeBytes, nodeEntries);
        nodes++;
        lastNodeBytes = nodeBytes;
        nodeBytes = 0;
        nodeEntries = 0;
        prevEntryLen = 0;
    }
}
