package io.fragscope.source.rdb;

/**
 * Hands every event of one RDB pass to two visitors, {@code first} then {@code second}, so one read feeds two models
 * (a tee of more is a tee of tees). Two fields and no loop over an array: each call site here sees the few visitor
 * classes a run pairs (the pricing and the pipe's recorder on the reader's thread, the AUX capture and the profile on
 * the other), so the JIT inlines them; a loop's one call site saw all four, and every event cost an interface
 * dispatch per visitor on the reader's hot path.
 */
public final class TeeVisitor implements RdbVisitor {
    private final RdbVisitor first, second;

    public TeeVisitor(RdbVisitor first, RdbVisitor second) {
        this.first = java.util.Objects.requireNonNull(first);
        this.second = java.util.Objects.requireNonNull(second);
    }

    @Override public void header(int rdbVersion, boolean valkeyMagic) { first.header(rdbVersion, valkeyMagic); second.header(rdbVersion, valkeyMagic); }
    @Override public void aux(String key, String value) { first.aux(key, value); second.aux(key, value); }
    @Override public void selectDb(int db) { first.selectDb(db); second.selectDb(db); }
    @Override public void resizeDb(long dbSize, long expiresSize) { first.resizeDb(dbSize, expiresSize); second.resizeDb(dbSize, expiresSize); }
    @Override public void moduleAux(long moduleId, String moduleName, long bytes) { first.moduleAux(moduleId, moduleName, bytes); second.moduleAux(moduleId, moduleName, bytes); }
    @Override public void function(long bytes) { first.function(bytes); second.function(bytes); }
    @Override public void slotInfo(long slot, long slotSize, long expiresSlotSize) { first.slotInfo(slot, slotSize, expiresSlotSize); second.slotInfo(slot, slotSize, expiresSlotSize); }
    @Override public void longKeyName(io.fragscope.source.KeyName name) { first.longKeyName(name); second.longKeyName(name); }
    @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) { first.beginKey(db, key, keyLength, slot, rdbType, declaredLength, expireAtMs, offset); second.beginKey(db, key, keyLength, slot, rdbType, declaredLength, expireAtMs, offset); }
    @Override public void stringValue(long length, boolean integer, long value) { first.stringValue(length, integer, value); second.stringValue(length, integer, value); }
    @Override public void blob(BlobKind kind, long rawBytes, long entries) { first.blob(kind, rawBytes, entries); second.blob(kind, rawBytes, entries); }
    @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) { first.quicklistNode(kind, rawBytes, entries, container); second.quicklistNode(kind, rawBytes, entries, container); }
    /** Any visitor that needs the entries has them all sent. */
    @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) {
        return first.wantsEntries(rdbType, keyBytes, rawBytes, entries) || second.wantsEntries(rdbType, keyBytes, rawBytes, entries);
    }
    @Override public void entriesCounted(long entries) { first.entriesCounted(entries); second.entriesCounted(entries); }
    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { first.element(role, length, integer, value, inBlob); second.element(role, length, integer, value, inBlob); }
    @Override public void score(double score) { first.score(score); second.score(score); }
    @Override public void fieldExpire(long expireAtMs) { first.fieldExpire(expireAtMs); second.fieldExpire(expireAtMs); }
    @Override public void streamNode(long nodeKeyBytes, long listpackBytes) { first.streamNode(nodeKeyBytes, listpackBytes); second.streamNode(nodeKeyBytes, listpackBytes); }
    @Override public void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) { first.streamMeta(length, lastIdMs, lastIdSeq, nodes); second.streamMeta(length, lastIdMs, lastIdSeq, nodes); }
    @Override public void streamGroup(long nameBytes, long pendingEntries, long consumers) { first.streamGroup(nameBytes, pendingEntries, consumers); second.streamGroup(nameBytes, pendingEntries, consumers); }
    @Override public void streamConsumer(long nameBytes, long pendingEntries) { first.streamConsumer(nameBytes, pendingEntries); second.streamConsumer(nameBytes, pendingEntries); }
    @Override public void moduleValue(long moduleId, String moduleName, long bytes) { first.moduleValue(moduleId, moduleName, bytes); second.moduleValue(moduleId, moduleName, bytes); }
    @Override public void streamNodeId(long ms, long seq) { first.streamNodeId(ms, seq); second.streamNodeId(ms, seq); }
    @Override public void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) { first.streamGroupBegin(name, nameLength, lastIdMs, lastIdSeq, entriesRead); second.streamGroupBegin(name, nameLength, lastIdMs, lastIdSeq, entriesRead); }
    @Override public void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) { first.streamPendingEntry(ms, seq, deliveryTimeMs, deliveryCount); second.streamPendingEntry(ms, seq, deliveryTimeMs, deliveryCount); }
    @Override public void streamConsumerBegin(byte[] name, int nameLength, long seenTimeMs, long activeTimeMs) { first.streamConsumerBegin(name, nameLength, seenTimeMs, activeTimeMs); second.streamConsumerBegin(name, nameLength, seenTimeMs, activeTimeMs); }
    @Override public void streamConsumerPendingId(long ms, long seq) { first.streamConsumerPendingId(ms, seq); second.streamConsumerPendingId(ms, seq); }
    @Override public void streamIdmp(long durationSeconds, long maxEntries, long producers) { first.streamIdmp(durationSeconds, maxEntries, producers); second.streamIdmp(durationSeconds, maxEntries, producers); }
    @Override public void streamIdmpProducer(byte[] pid, int pidLength, long entries) { first.streamIdmpProducer(pid, pidLength, entries); second.streamIdmpProducer(pid, pidLength, entries); }
    @Override public void streamIdmpEntry(long iidBytes, long ms, long seq) { first.streamIdmpEntry(iidBytes, ms, seq); second.streamIdmpEntry(iidBytes, ms, seq); }
    @Override public void streamIdmpEnd(long iidsAdded, long iidsDuplicates) { first.streamIdmpEnd(iidsAdded, iidsDuplicates); second.streamIdmpEnd(iidsAdded, iidsDuplicates); }
    @Override public void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) { first.vectorSet(dimensions, elements, quantization, m, projectionInputDimensions, hasAttributes); second.vectorSet(dimensions, elements, quantization, m, projectionInputDimensions, hasAttributes); }
    @Override public void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) { first.vectorSetNode(nameBytes, nameInteger, attributeBytes, vectorBytes, nodeId, level); second.vectorSetNode(nameBytes, nameInteger, attributeBytes, vectorBytes, nodeId, level); }
    @Override public void vectorSetLayer(int layer, long links, long maxLinks) { first.vectorSetLayer(layer, links, maxLinks); second.vectorSetLayer(layer, links, maxLinks); }
    @Override public void keyMetadata(String className, int version, int flags, long valueBytes) { first.keyMetadata(className, version, flags, valueBytes); second.keyMetadata(className, version, flags, valueBytes); }
    @Override public void skippedOpcode(int opcode, String name, long offset, long bytes) { first.skippedOpcode(opcode, name, offset, bytes); second.skippedOpcode(opcode, name, offset, bytes); }
    @Override public void warning(long offset, String message) { first.warning(offset, message); second.warning(offset, message); }
    @Override public void aofTail(long offset, long bytes, long commands, boolean clean) { first.aofTail(offset, bytes, commands, clean); second.aofTail(offset, bytes, commands, clean); }
    @Override public void trailingBytes(long offset, long bytes) { first.trailingBytes(offset, bytes); second.trailingBytes(offset, bytes); }
    @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { first.endKey(endOffset, lruIdleSeconds, lfuFreq); second.endKey(endOffset, lruIdleSeconds, lfuFreq); }
    @Override public void end(long offset, boolean checksumPresent, boolean checksumOk) { first.end(offset, checksumPresent, checksumOk); second.end(offset, checksumPresent, checksumOk); }
}
