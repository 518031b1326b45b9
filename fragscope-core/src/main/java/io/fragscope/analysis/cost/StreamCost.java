package io.fragscope.analysis.cost;

import io.fragscope.model.RedisLayout;

/**
 * Prices one stream as an RDB load builds it (rdb.c rdbLoadObject, t_stream.c): the listpack nodes and the radix
 * tree over their master IDs, consumer groups with their pending-entry lists (PEL) and {@code streamNACK}s,
 * consumers with their own PELs. Every radix tree is simulated from the IDs and names the file stores
 * ({@link RaxShape}), so node counts are exact, not estimated.
 *
 * <p>MEMORY USAGE (object.c objectComputeSize, up to Redis 8.0 and Valkey 8.1) counts each rax as
 * {@code numele * 16 + numnodes * (4 + 8 * 30)} (streamRadixTreeMemoryUsage), the listpacks by their allocation
 * (by {@code lpBytes} before 6.2),
 * {@code sizeof(streamCG)} and a NACK per pending entry per group, {@code sizeof(streamConsumer)} plus the name's
 * length and the consumer PEL's rax per consumer; it leaves out the group and consumer dictionaries' trees.
 */
final class StreamCost {
    static final int LIST = 48, LIST_NODE = 24;

    private final RedisLayout l;
    private final Ledger ledger;
    private final byte[] id = new byte[16];

    private Rax nodes, groups, groupPel, consumers, consumerPel, cgroupsRef;
    private long usage;
    /** 8.6+: {@code s->alloc_size}, what the stream's own allocations add up to (t_stream.c), which MEMORY USAGE prints. */
    private long tracked;
    private final byte[] lastRef = new byte[16];
    private boolean anyRef;
    private long groupPelEntries;

    StreamCost(RedisLayout layout, Ledger ledger) {
        this.l = layout;
        this.ledger = ledger;
    }

    /** A new stream key starts. */
    void begin() {
        usage = tracked = 0;
        anyRef = false;
        groups = groupPel = consumers = consumerPel = cgroupsRef = null;
        alloc(l.streamStruct());
        nodes = newRax();
    }

    /** An allocation the stream makes: charged, and tracked where the layout tracks stream allocations. */
    private void alloc(long request) {
        ledger.alloc(request);
        tracked += ledger.zmallocSize(request);
    }

    private Rax newRax() { return new Rax(); }

    /** One radix tree of the stream: its shape, and its allocation as Valkey's {@code raxAllocSize} reports it. */
    private final class Rax {
        final RaxShape shape;
        long usable;

        Rax() {
            alloc(l.raxStruct());
            usable = ledger.zmallocSize(l.raxStruct());
            shape = new RaxShape(true, b -> {
                alloc(b);
                usable += ledger.zmallocSize(b);
            });
        }

        void insert(byte[] k, int len) { shape.insert(k, len); }

        void finish() { shape.finish(); }
    }

    void nodeId(long ms, long seq) { nodes.insert(id(ms, seq), 16); }

    /** The node's listpack, allocated as stored (lpNew then the loaded bytes): MEMORY USAGE takes its allocation. */
    void node(long listpackBytes) {
        ledger.alloc(listpackBytes);
        tracked += listpackBytes; // 8.6 tracks listpacks by lpBytes
        usage += l.usageRoundsStreamListpacks() ? ledger.zmallocSize(listpackBytes) : listpackBytes;
    }

    void groupBegin(byte[] name, int length) {
        endGroup();
        if (groups == null) groups = newRax(); // s->cgroups, created with the first group (streamCreateCG)
        groups.insert(name, length);
        alloc(l.streamCG());
        usage += l.streamCG();
        groupPel = newRax();
        consumers = newRax();
        groupPelEntries = 0;
    }

    void pendingEntry(long ms, long seq) {
        if (groupPel == null) return;
        byte[] k = id(ms, seq);
        groupPel.insert(k, 16);
        alloc(l.streamNack());
        groupPelEntries++;
        if (l.streamCgroupsRef()) cgroupsRef(k);
    }

    void consumerBegin(byte[] name, int length) {
        endConsumer();
        if (consumers == null) return;
        consumers.insert(name, length);
        alloc(l.streamConsumer());
        long nameSds = l.sdsRequest(length); // consumer->name, tracked by sdsAllocSize: an sdshdr5 at its exact size
        ledger.alloc(nameSds);
        tracked += l.sdsHeader(length) == 1 ? nameSds : ledger.zmallocSize(nameSds);
        usage += l.streamConsumer() + length;
        consumerPel = newRax();
    }

    void consumerPendingId(long ms, long seq) {
        if (consumerPel != null) consumerPel.insert(id(ms, seq), 16);
    }

    private void endConsumer() {
        if (consumerPel == null) return;
        consumerPel.finish();
        usage += raxUsage(consumerPel);
        consumerPel = null;
    }

    private void endGroup() {
        endConsumer();
        if (groupPel == null) return;
        groupPel.finish();
        consumers.finish();
        usage += raxUsage(groupPel) + l.streamNack() * groupPelEntries;
        groupPel = consumers = null;
    }

    /** Ends the stream: what MEMORY USAGE prints for it besides its object (the coster adds the robj or key object). */
    long finish() {
        endGroup();
        if (groups != null) groups.finish();
        if (cgroupsRef != null) cgroupsRef.finish();
        nodes.finish();
        if (l.streamTracksAllocation()) return tracked; // the kvobj is counted with the key
        return usage + (l.usageCountsStreamStruct() ? l.streamStruct() : 0) + raxUsage(nodes);
    }

    /**
     * 8.6 cgroups_ref (t_stream.c streamLinkCGroupToEntry): a rax over every pending ID of any group, each with a
     * list of the groups that hold it (list and list node not tracked in alloc_size). Groups come one after
     * another, so an ID already seen from an earlier group only gains a list node.
     */
    private void cgroupsRef(byte[] k) {
        if (cgroupsRef == null) cgroupsRef = newRax();
        boolean after = !anyRef || java.util.Arrays.compareUnsigned(k, 0, 16, lastRef, 0, 16) > 0;
        if (after) {
            cgroupsRef.insert(k, 16);
            ledger.alloc(LIST);
            System.arraycopy(k, 0, lastRef, 0, 16);
            anyRef = true;
        }
        ledger.alloc(LIST_NODE);
    }

    /** t_stream.c streamRadixTreeMemoryUsage: 16 bytes per element and {@code sizeof(raxNode) + 30 pointers} per node. */
    private long raxUsage(Rax r) {
        // Valkey 8.1+ (object.c) counts the tree's real allocations (raxAllocSize); Redis estimates per node.
        return l.usageRaxAllocSize() ? r.usable : r.shape.elements() * 16 + r.shape.nodes() * (4 + 8 * 30);
    }

    private byte[] id(long ms, long seq) {
        for (int i = 0; i < 8; i++) {
            id[i] = (byte) (ms >>> (56 - 8 * i));
            id[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return id;
    }
}
