package io.fragscope.source.rdb;

import java.util.List;

/** Hands every event of one RDB pass to several visitors, in the order given, so one read feeds several models. */
public final class TeeVisitor implements RdbVisitor {
    private final RdbVisitor[] to;

    public TeeVisitor(List<? extends RdbVisitor> visitors) { this.to = visitors.toArray(new RdbVisitor[0]); }

    @Override public void header(int rdbVersion, boolean valkeyMagic) { for (RdbVisitor x : to) x.header(rdbVersion, valkeyMagic); }
    @Override public void aux(String key, String value) { for (RdbVisitor x : to) x.aux(key, value); }
    @Override public void selectDb(int db) { for (RdbVisitor x : to) x.selectDb(db); }
    @Override public void resizeDb(long dbSize, long expiresSize) { for (RdbVisitor x : to) x.resizeDb(dbSize, expiresSize); }
    @Override public void moduleAux(long moduleId, String moduleName, long bytes) { for (RdbVisitor x : to) x.moduleAux(moduleId, moduleName, bytes); }
    @Override public void function(long bytes) { for (RdbVisitor x : to) x.function(bytes); }
    @Override public void slotInfo(long slot, long slotSize, long expiresSlotSize) { for (RdbVisitor x : to) x.slotInfo(slot, slotSize, expiresSlotSize); }
    @Override public void longKeyName(io.fragscope.source.KeyName name) { for (RdbVisitor x : to) x.longKeyName(name); }
    @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) { for (RdbVisitor x : to) x.beginKey(db, key, keyLength, slot, rdbType, declaredLength, expireAtMs, offset); }
    @Override public void stringValue(long length, boolean integer, long value) { for (RdbVisitor x : to) x.stringValue(length, integer, value); }
    @Override public void blob(BlobKind kind, long rawBytes, long entries) { for (RdbVisitor x : to) x.blob(kind, rawBytes, entries); }
    @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) { for (RdbVisitor x : to) x.quicklistNode(kind, rawBytes, entries, container); }
    /** Any visitor that needs the entries has them all sent. */
    @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) {
        for (RdbVisitor x : to) if (x.wantsEntries(rdbType, keyBytes, rawBytes, entries)) return true;
        return false;
    }
    @Override public void entriesCounted(long entries) { for (RdbVisitor x : to) x.entriesCounted(entries); }
    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { for (RdbVisitor x : to) x.element(role, length, integer, value, inBlob); }
    @Override public void score(double score) { for (RdbVisitor x : to) x.score(score); }
    @Override public void fieldExpire(long expireAtMs) { for (RdbVisitor x : to) x.fieldExpire(expireAtMs); }
    @Override public void streamNode(long nodeKeyBytes, long listpackBytes) { for (RdbVisitor x : to) x.streamNode(nodeKeyBytes, listpackBytes); }
    @Override public void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) { for (RdbVisitor x : to) x.streamMeta(length, lastIdMs, lastIdSeq, nodes); }
    @Override public void streamGroup(long nameBytes, long pendingEntries, long consumers) { for (RdbVisitor x : to) x.streamGroup(nameBytes, pendingEntries, consumers); }
    @Override public void streamConsumer(long nameBytes, long pendingEntries) { for (RdbVisitor x : to) x.streamConsumer(nameBytes, pendingEntries); }
    @Override public void moduleValue(long moduleId, String moduleName, long bytes) { for (RdbVisitor x : to) x.moduleValue(moduleId, moduleName, bytes); }
    @Override public void streamNodeId(long ms, long seq) { for (RdbVisitor x : to) x.streamNodeId(ms, seq); }
    @Override public void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) { for (RdbVisitor x : to) x.streamGroupBegin(name, nameLength, lastIdMs, lastIdSeq, entriesRead); }
    @Override public void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) { for (RdbVisitor x : to) x.streamPendingEntry(ms, seq, deliveryTimeMs, deliveryCount); }
    @Override public void streamConsumerBegin(byte[] name, int nameLength, long seenTimeMs, long activeTimeMs) { for (RdbVisitor x : to) x.streamConsumerBegin(name, nameLength, seenTimeMs, activeTimeMs); }
    @Override public void streamConsumerPendingId(long ms, long seq) { for (RdbVisitor x : to) x.streamConsumerPendingId(ms, seq); }
    @Override public void streamIdmp(long durationSeconds, long maxEntries, long producers) { for (RdbVisitor x : to) x.streamIdmp(durationSeconds, maxEntries, producers); }
    @Override public void streamIdmpProducer(byte[] pid, int pidLength, long entries) { for (RdbVisitor x : to) x.streamIdmpProducer(pid, pidLength, entries); }
    @Override public void streamIdmpEntry(long iidBytes, long ms, long seq) { for (RdbVisitor x : to) x.streamIdmpEntry(iidBytes, ms, seq); }
    @Override public void streamIdmpEnd(long iidsAdded, long iidsDuplicates) { for (RdbVisitor x : to) x.streamIdmpEnd(iidsAdded, iidsDuplicates); }
    @Override public void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) { for (RdbVisitor x : to) x.vectorSet(dimensions, elements, quantization, m, projectionInputDimensions, hasAttributes); }
    @Override public void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) { for (RdbVisitor x : to) x.vectorSetNode(nameBytes, nameInteger, attributeBytes, vectorBytes, nodeId, level); }
    @Override public void vectorSetLayer(int layer, long links, long maxLinks) { for (RdbVisitor x : to) x.vectorSetLayer(layer, links, maxLinks); }
    @Override public void keyMetadata(String className, int version, int flags, long valueBytes) { for (RdbVisitor x : to) x.keyMetadata(className, version, flags, valueBytes); }
    @Override public void skippedOpcode(int opcode, String name, long offset, long bytes) { for (RdbVisitor x : to) x.skippedOpcode(opcode, name, offset, bytes); }
    @Override public void warning(long offset, String message) { for (RdbVisitor x : to) x.warning(offset, message); }
    @Override public void aofTail(long offset, long bytes, long commands, boolean clean) { for (RdbVisitor x : to) x.aofTail(offset, bytes, commands, clean); }
    @Override public void trailingBytes(long offset, long bytes) { for (RdbVisitor x : to) x.trailingBytes(offset, bytes); }
    @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { for (RdbVisitor x : to) x.endKey(endOffset, lruIdleSeconds, lfuFreq); }
    @Override public void end(long offset, boolean checksumPresent, boolean checksumOk) { for (RdbVisitor x : to) x.end(offset, checksumPresent, checksumOk); }
}
