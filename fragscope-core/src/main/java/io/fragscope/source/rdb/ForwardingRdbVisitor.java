package io.fragscope.source.rdb;

/**
 * An {@link RdbVisitor} that passes every event to another; extend it to watch a few events without losing the
 * rest. Every event added to {@link RdbVisitor} is added here too ({@code ForwardingRdbVisitorTest} checks it).
 */
public class ForwardingRdbVisitor implements RdbVisitor {
    protected final RdbVisitor delegate;

    public ForwardingRdbVisitor(RdbVisitor delegate) { this.delegate = delegate; }

    @Override public void header(int rdbVersion, boolean valkeyMagic) { delegate.header(rdbVersion, valkeyMagic); }

    @Override public void aux(String key, String value) { delegate.aux(key, value); }

    @Override public void selectDb(int db) { delegate.selectDb(db); }

    @Override public void resizeDb(long dbSize, long expiresSize) { delegate.resizeDb(dbSize, expiresSize); }

    @Override public void moduleAux(long moduleId, String moduleName, long bytes) { delegate.moduleAux(moduleId, moduleName, bytes); }

    @Override public void function(long bytes) { delegate.function(bytes); }

    @Override public void slotInfo(long slot, long slotSize, long expiresSlotSize) { delegate.slotInfo(slot, slotSize, expiresSlotSize); }

    @Override public void longKeyName(io.fragscope.source.KeyName name) { delegate.longKeyName(name); }
    @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) { delegate.beginKey(db, key, keyLength, slot, rdbType, declaredLength, expireAtMs, offset); }

    @Override public void stringValue(long length, boolean integer, long value) { delegate.stringValue(length, integer, value); }

    @Override public void blob(BlobKind kind, long rawBytes, long entries) { delegate.blob(kind, rawBytes, entries); }

    @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) { delegate.quicklistNode(kind, rawBytes, entries, container); }

    @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return delegate.wantsEntries(rdbType, keyBytes, rawBytes, entries); }

    @Override public void entriesCounted(long entries) { delegate.entriesCounted(entries); }

    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { delegate.element(role, length, integer, value, inBlob); }

    @Override public void score(double score) { delegate.score(score); }

    @Override public void fieldExpire(long expireAtMs) { delegate.fieldExpire(expireAtMs); }

    @Override public void streamNode(long nodeKeyBytes, long listpackBytes) { delegate.streamNode(nodeKeyBytes, listpackBytes); }

    @Override public void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) { delegate.streamMeta(length, lastIdMs, lastIdSeq, nodes); }

    @Override public void streamGroup(long nameBytes, long pendingEntries, long consumers) { delegate.streamGroup(nameBytes, pendingEntries, consumers); }

    @Override public void streamConsumer(long nameBytes, long pendingEntries) { delegate.streamConsumer(nameBytes, pendingEntries); }

    @Override public void moduleValue(long moduleId, String moduleName, long bytes) { delegate.moduleValue(moduleId, moduleName, bytes); }

    @Override public void streamNodeId(long ms, long seq) { delegate.streamNodeId(ms, seq); }

    @Override public void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) { delegate.streamGroupBegin(name, nameLength, lastIdMs, lastIdSeq, entriesRead); }

    @Override public void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) { delegate.streamPendingEntry(ms, seq, deliveryTimeMs, deliveryCount); }

    @Override public void streamConsumerBegin(byte[] name, int nameLength, long seenTimeMs, long activeTimeMs) { delegate.streamConsumerBegin(name, nameLength, seenTimeMs, activeTimeMs); }

    @Override public void streamConsumerPendingId(long ms, long seq) { delegate.streamConsumerPendingId(ms, seq); }

    @Override public void streamIdmp(long durationSeconds, long maxEntries, long producers) { delegate.streamIdmp(durationSeconds, maxEntries, producers); }

    @Override public void streamIdmpProducer(byte[] pid, int pidLength, long entries) { delegate.streamIdmpProducer(pid, pidLength, entries); }

    @Override public void streamIdmpEntry(long iidBytes, long ms, long seq) { delegate.streamIdmpEntry(iidBytes, ms, seq); }

    @Override public void streamIdmpEnd(long iidsAdded, long iidsDuplicates) { delegate.streamIdmpEnd(iidsAdded, iidsDuplicates); }

    @Override public void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) { delegate.vectorSet(dimensions, elements, quantization, m, projectionInputDimensions, hasAttributes); }

    @Override public void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) { delegate.vectorSetNode(nameBytes, nameInteger, attributeBytes, vectorBytes, nodeId, level); }

    @Override public void vectorSetLayer(int layer, long links, long maxLinks) { delegate.vectorSetLayer(layer, links, maxLinks); }

    @Override public void keyMetadata(String className, int version, int flags, long valueBytes) { delegate.keyMetadata(className, version, flags, valueBytes); }

    @Override public void skippedOpcode(int opcode, String name, long offset, long bytes) { delegate.skippedOpcode(opcode, name, offset, bytes); }

    @Override public void warning(long offset, String message) { delegate.warning(offset, message); }

    @Override public void aofTail(long offset, long bytes, long commands, boolean clean) { delegate.aofTail(offset, bytes, commands, clean); }

    @Override public void trailingBytes(long offset, long bytes) { delegate.trailingBytes(offset, bytes); }

    @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { delegate.endKey(endOffset, lruIdleSeconds, lfuFreq); }

    @Override public void end(long offset, boolean checksumPresent, boolean checksumOk) { delegate.end(offset, checksumPresent, checksumOk); }
}
