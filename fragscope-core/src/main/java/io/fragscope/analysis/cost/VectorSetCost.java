package io.fragscope.analysis.cost;

import io.fragscope.model.RedisLayout;

/**
 * Prices a Redis 8 vector set (modules/vector-sets: vset.c, hnsw.c) from what VectorSetRdbSave wrote: per element
 * its HNSW node with the layers inline, each layer's links array, the (quantized) vector, the element and
 * attribute strings, and the element dictionary. Struct sizes for x86-64 from the 8.0.6 headers:
 * {@code sizeof(struct vsetObject)} 112, {@code sizeof(HNSW)} 1672 (32 visit epochs, a pthread rwlock and 32
 * mutexes), {@code sizeof(hnswNode)} 312 plus {@code sizeof(hnswNodeLayer)} 24 per layer.
 *
 * <p>MEMORY USAGE is the module's own estimate (vset.c VectorSetMemUsage), reproduced term by term: the layers at
 * 4/3 of one per node, layer-0 links from the head node's {@code max_links} (the last one loaded: loading prepends), upper layers at a third of half as
 * many, element and attribute sizes averaged over the 20 nodes nearest the head, 16 bytes per dictionary entry.
 */
final class VectorSetCost {
    static final int VSET_OBJECT = 112, HNSW_STRUCT = 1672, HNSW_NODE = 312, NODE_LAYER = 24, NODE_VAL = 16, SCAN = 20;

    private final RedisLayout l;
    private final Ledger ledger;
    private boolean active;
    private long elements, dims, projIn, headMaxLinks, attribs, vectorBytes;
    private long nodeIndex;
    private int m;
    private final long[] lastItems = new long[SCAN], lastAttribs = new long[SCAN];

    VectorSetCost(RedisLayout layout, Ledger ledger) {
        this.l = layout;
        this.ledger = ledger;
    }

    void reset() { active = false; }

    boolean active() { return active; }

    void begin(long dimensions, long count, int hnswM, long projectionInputDimensions) {
        active = true;
        m = hnswM == 0 ? 16 : hnswM; // HNSW_DEFAULT_M when the file predates a configurable M
        elements = count;
        dims = dimensions;
        projIn = projectionInputDimensions;
        headMaxLinks = attribs = vectorBytes = nodeIndex = 0;
        ledger.alloc(VSET_OBJECT);
        ledger.alloc(HNSW_STRUCT);
        if (projIn > 0) ledger.alloc(4 * projIn * dims);
    }

    void node(long nameBytes, long attributeBytes, long vectorBytes, int level) {
        this.vectorBytes = vectorBytes;
        ledger.alloc(HNSW_NODE + (long) NODE_LAYER * (level + 1));
        ledger.alloc(vectorBytes);
        ledger.alloc(NODE_VAL);
        // Element and attribute are module strings as rdbGenericLoadStringObject makes them (tryCreateStringObject:
        // embstr up to 44 bytes, else robj and sds); RM_MallocSizeString counts the robj and what holds the bytes.
        long item = moduleString(nameBytes);
        long attr = 0;
        if (attributeBytes > 0) {
            attribs++;
            attr = moduleString(attributeBytes);
        }
        // VectorSetMemUsage samples the first 20 nodes from hnsw->head, which are the last 20 the file holds.
        int slot = (int) (nodeIndex % SCAN);
        lastItems[slot] = item;
        lastAttribs[slot] = attr;
        // The element dictionary (a RedisModuleDict: a rax keyed by the element) costs about a node per element.
        ledger.alloc(4 + nameBytes + RaxShape.padding((int) Math.min(nameBytes, Integer.MAX_VALUE)) + 16);
        nodeIndex++;
    }

    private long moduleString(long len) {
        if (len <= l.embstrLimit()) {
            long req = l.embstrRequest(len);
            ledger.alloc(req);
            return ledger.zmallocSize(req);
        }
        ledger.alloc(l.robj());
        ledger.alloc(l.sdsRequest(len));
        return l.robj() + ledger.zmallocSize(l.sdsRequest(len));
    }

    /**
     * One layer's links array: hnsw.c hnsw_insert_serialized allocates {@code M*2} slots on layer 0 and {@code M}
     * above, and grows it only when the file saved more.
     */
    void layer(int layer, long savedMaxLinks) {
        long maxLinks = Math.max(layer == 0 ? 2L * m : m, savedMaxLinks);
        if (layer == 0) headMaxLinks = maxLinks; // the last node loaded ends up at hnsw->head (nodes are prepended)
        ledger.alloc(8 * maxLinks);
    }

    /** What VectorSetMemUsage returns (vset.c), which MEMORY USAGE adds to the key's own costs. */
    long memUsage() {
        long n = elements;
        long size = VSET_OBJECT + HNSW_STRUCT;
        if (projIn > 0) size += 4 * projIn * dims;
        if (n == 0) return size;
        size += (long) HNSW_NODE * n;
        size += vectorBytes * n;
        size += (long) NODE_LAYER * n * 4 / 3;
        long otherLinks = headMaxLinks / 2;
        size += 8 * headMaxLinks * n;
        size += 8 * otherLinks * n / 3;
        long itemsSize = 0, itemsScanned = Math.min(SCAN, nodeIndex), attribsSize = 0, attribsScanned = 0;
        for (int i = 0; i < itemsScanned; i++) {
            itemsSize += lastItems[i];
            if (lastAttribs[i] > 0) { attribsSize += lastAttribs[i]; attribsScanned++; }
        }
        if (itemsScanned > 0) size += itemsSize / itemsScanned * n;
        long scanned = attribsScanned, asize = attribsSize;
        if (scanned == 0) { scanned = 1; asize = 64; }
        size += asize / scanned * attribs;
        size += n * 16L;
        return size;
    }
}
