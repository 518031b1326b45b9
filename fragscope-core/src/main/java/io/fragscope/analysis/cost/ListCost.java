package io.fragscope.analysis.cost;

import io.fragscope.model.EncodedSizes;
import io.fragscope.model.Encoding;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.source.rdb.RdbVisitor.BlobKind;

/**
 * A list as the modelled version holds it (t_list.c, quicklist.c): the nodes a quicklist file states, each ziplist
 * node of an older file converted to a listpack as it loads (7.0+, rdb.c lpShrinkToFit), or the elements of a
 * linked-list or ziplist list re-packed into quicklist nodes of {@code list-max-listpack-size}; then the robj and
 * quicklist struct, or a plain listpack where 7.2+ keeps a list of one small node as one
 * (listTypeTryConvertQuicklist). Node listpacks are charged as they come; MEMORY USAGE takes their allocation
 * from 7.0 and their length before.
 */
final class ListCost {
    private final Pricing p;
    private final RedisLayout l;
    private final EncodingThresholds t;
    private long nodes, lastNodeBytes, plainNodes;
    private QuicklistPacker packer;
    private long nodeLpBytes;
    private boolean converting;

    ListCost(Pricing pricing, EncodingThresholds thresholds) {
        this.p = pricing;
        this.l = pricing.l;
        this.t = thresholds;
    }

    void reset() {
        nodes = lastNodeBytes = plainNodes = nodeLpBytes = 0;
        packer = null;
        converting = false;
    }

    /** Elements that follow are packed into quicklist nodes (a linked-list or ziplist list loaded by 3.2+). */
    void repack() {
        packer = new QuicklistPacker(l.listpacks(), t.listNodeBytes(), t.listNodeEntries(), (bytes, entries) -> nodeCost(bytes));
    }

    boolean repacking() { return packer != null; }

    /**
     * One element of the list; returns false when this class does not take it (no node is being converted and
     * nothing is re-packed), so the caller keeps it.
     */
    boolean element(long length, boolean integer, long value) {
        if (converting) {
            nodeLpBytes += EncodedSizes.listpackEntry(length, integer, value);
            return true;
        }
        if (packer != null) {
            packer.push(length, integer, value);
            return true;
        }
        return false;
    }

    /** A quicklist node of the file: {@code container} 1 is a plain node (one big element), 2 a packed one. */
    void node(BlobKind kind, long rawBytes, int container) {
        finishConvertedNode();
        nodes++;
        if (container == 1) {
            plainNodes++;
            nodeCost(rawBytes);
            return;
        }
        if (kind == BlobKind.ZIPLIST && l.listpacks()) {
            converting = true;
            nodeLpBytes = EncodedSizes.LISTPACK_HEADER_AND_END;
            return;
        }
        nodeCost(rawBytes);
    }

    /** Ends a ziplist node being converted to a listpack, if any (the next node or the end of the key). */
    void finishConvertedNode() {
        if (!converting) return;
        nodeCost(nodeLpBytes);
        converting = false;
    }

    /** The re-packed list's structure; returns its encoding. */
    Encoding finishRepacked() {
        packer.flush();
        return finish(packer.nodes, packer.lastNodeBytes);
    }

    /** The quicklist's structure as the file stated its nodes; returns its encoding. */
    Encoding finishQuicklist() { return finish(nodes, lastNodeBytes); }

    private void nodeCost(long bytes) {
        p.ledger.alloc(bytes);
        p.usage += l.usageRoundsBlobs() ? p.ledger.zmallocSize(bytes) : bytes;
        lastNodeBytes = bytes;
    }

    private Encoding finish(long nodeCount, long lastBytes) {
        if (nodeCount == 1 && plainNodes == 0 && p.m.keepsOneNodeListAsListpack(lastBytes)) {
            // t_list.c listTypeTryConvertQuicklist: the node's listpack becomes the value; node and quicklist are freed.
            p.valueObject();
            p.usage += p.objectUsage();
            return Encoding.LISTPACK;
        }
        p.valueObject();
        p.ledger.alloc(l.quicklistStruct());
        p.ledger.alloc(l.quicklistNode(), nodeCount);
        p.usage += p.objectUsage() + l.quicklistStruct() + nodeCount * l.quicklistNode();
        return Encoding.QUICKLIST;
    }
}
