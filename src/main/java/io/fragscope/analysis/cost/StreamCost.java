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
    static final int RAX_STRUCT = 24, STREAM_NACK = 24;

    private final RedisLayout l;
    private final Ledger ledger;
    private final byte[] id = new byte[16];

    private RaxShape nodes, groups, groupPel, consumers, consumerPel;
    private long usage;
    private long groupPelEntries;

    StreamCost(RedisLayout layout, Ledger ledger) {
        this.l = layout;
        this.ledger = ledger;
    }

    /** A new stream key starts. */
    void begin() {
        nodes = newRax();
        groups = groupPel = consumers = consumerPel = null;
        usage = 0;
    }

    private RaxShape newRax() {
        ledger.alloc(RAX_STRUCT);
        return new RaxShape(true, ledger::alloc);
    }

    void nodeId(long ms, long seq) { nodes.insert(id(ms, seq), 16); }

    /** The node's listpack, allocated as stored (lpNew then the loaded bytes): MEMORY USAGE takes its allocation. */
    void node(long listpackBytes) {
        ledger.alloc(listpackBytes);
        usage += l.usageRoundsStreamListpacks() ? ledger.zmallocSize(listpackBytes) : listpackBytes;
    }

    void groupBegin(byte[] name, int length) {
        endGroup();
        if (groups == null) groups = newRax(); // s->cgroups, created with the first group (streamCreateCG)
        groups.insert(name, length);
        ledger.alloc(l.streamCG());
        usage += l.streamCG();
        groupPel = newRax();
        consumers = newRax();
        groupPelEntries = 0;
    }

    void pendingEntry(long ms, long seq) {
        if (groupPel == null) return;
        groupPel.insert(id(ms, seq), 16);
        ledger.alloc(STREAM_NACK);
        groupPelEntries++;
    }

    void consumerBegin(byte[] name, int length) {
        endConsumer();
        if (consumers == null) return;
        consumers.insert(name, length);
        ledger.alloc(l.streamConsumer());
        ledger.alloc(l.sdsRequest(length)); // consumer->name
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
        usage += raxUsage(groupPel) + STREAM_NACK * groupPelEntries;
        groupPel = consumers = null;
    }

    /** Ends the stream: its robj and struct, and what MEMORY USAGE prints for it. */
    long finish() {
        endGroup();
        if (groups != null) groups.finish();
        nodes.finish();
        ledger.alloc(l.robj());
        ledger.alloc(l.streamStruct());
        return usage + l.robj() + (l.usageCountsStreamStruct() ? l.streamStruct() : 0) + raxUsage(nodes);
    }

    /** t_stream.c streamRadixTreeMemoryUsage: 16 bytes per element and {@code sizeof(raxNode) + 30 pointers} per node. */
    static long raxUsage(RaxShape r) { return r.elements() * 16 + r.nodes() * (4 + 8 * 30); }

    private byte[] id(long ms, long seq) {
        for (int i = 0; i < 8; i++) {
            id[i] = (byte) (ms >>> (56 - 8 * i));
            id[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return id;
    }
}
