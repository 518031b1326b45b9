package io.fragscope.source.rdb;

import io.fragscope.source.KeyName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test visitor: keeps what the reader said about each key, to compare with independent decodings. */
class RecordingVisitor implements RdbVisitor {

    static final class Key {
        int db;
        KeyName name;
        /** The bytes the reader held: the whole name, or its first KiB after a longKeyName event. */
        byte[] bytes;
        /** The slot the reader gave, over every byte of the name. */
        int slot = -1;
        /** Whether the name came in a longKeyName event (too long to hold). */
        boolean longName;
        int type;
        long declared;
        long expireAt;
        long stringLength = -1;
        boolean stringInteger;
        long streamLength = -1;
        final List<Long> elementLengths = new ArrayList<>();
        final Map<ElementRole, Integer> roles = new LinkedHashMap<>();
        long blobBytes;
        int quicklistNodes;
        long fieldsWithTtl;
        String moduleName;
        long vectorSetElements = -1, vectorSetNodes, vectorSetLayers, vectorSetDims = -1;
        final List<long[]> streamNodeIds = new ArrayList<>();
        long pendingEntries, consumerPendingIds, idmpEntries = -1, idmpProducers = -1;
        final List<String> groupNames = new ArrayList<>();
        final List<String> keyMetadata = new ArrayList<>();

        String typeName() { return RdbFormat.typeName(type, moduleName); }

        int count(ElementRole r) { return roles.getOrDefault(r, 0); }

        @Override public String toString() { return db + ":" + name; }
    }

    final List<Key> keys = new ArrayList<>();
    final Map<String, String> aux = new LinkedHashMap<>();
    int version;
    boolean ended, checksumPresent, checksumOk;
    long lastOffset;
    final List<String> warnings = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    long trailingBytes = -1, aofTailBytes = -1, aofTailCommands = -1;
    boolean aofTailClean;
    private Key current;
    private final List<String> pendingMeta = new ArrayList<>();

    @Override public void header(int rdbVersion, boolean valkeyMagic) { version = rdbVersion; }

    @Override public void aux(String key, String value) { aux.put(key, value); }

    @Override
    public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
        current = new Key();
        current.db = db;
        current.name = pendingLongName != null ? pendingLongName : KeyName.of(key, 0, keyLength);
        current.slot = slot;
        current.longName = pendingLongName != null;
        pendingLongName = null;
        current.bytes = java.util.Arrays.copyOf(key, keyLength);
        current.type = rdbType;
        current.declared = declaredLength;
        current.expireAt = expireAtMs;
        current.keyMetadata.addAll(pendingMeta);
        pendingMeta.clear();
    }

    private KeyName pendingLongName;

    @Override public void longKeyName(KeyName name) {
        pendingLongName = name;
    }

    @Override public void keyMetadata(String className, int version, int flags, long valueBytes) {
        pendingMeta.add(className + "/" + version + "/" + flags + "/" + valueBytes);
    }

    @Override public void moduleValue(long moduleId, String moduleName, long bytes) { current.moduleName = moduleName; }

    @Override public void vectorSet(long dimensions, long elements, int quantization, int m, long projectionInputDimensions, boolean hasAttributes) {
        current.vectorSetElements = elements;
        current.vectorSetDims = dimensions;
    }

    @Override public void vectorSetNode(long nameBytes, boolean nameInteger, long attributeBytes, long vectorBytes, long nodeId, int level) {
        current.vectorSetNodes++;
    }

    @Override public void vectorSetLayer(int layer, long links, long maxLinks) { current.vectorSetLayers++; }

    @Override public void streamNodeId(long ms, long seq) { current.streamNodeIds.add(new long[] {ms, seq}); }

    @Override public void streamGroupBegin(byte[] name, int nameLength, long lastIdMs, long lastIdSeq, long entriesRead) {
        current.groupNames.add(new String(name, 0, nameLength, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override public void streamPendingEntry(long ms, long seq, long deliveryTimeMs, long deliveryCount) { current.pendingEntries++; }

    @Override public void streamConsumerPendingId(long ms, long seq) { current.consumerPendingIds++; }

    @Override public void streamIdmp(long durationSeconds, long maxEntries, long producers) {
        current.idmpProducers = producers;
        current.idmpEntries = 0;
    }

    @Override public void streamIdmpEntry(long iidBytes, long ms, long seq) { current.idmpEntries++; }

    @Override public void warning(long offset, String message) { warnings.add(message); }

    @Override public void skippedOpcode(int opcode, String name, long offset, long bytes) { skipped.add(opcode + ":" + bytes); }

    @Override public void trailingBytes(long offset, long bytes) { trailingBytes = bytes; }

    @Override public void aofTail(long offset, long bytes, long commands, boolean clean) {
        aofTailBytes = bytes;
        aofTailCommands = commands;
        aofTailClean = clean;
    }

    @Override public void stringValue(long length, boolean integer, long value) {
        current.stringLength = length;
        current.stringInteger = integer;
    }

    @Override public void blob(BlobKind kind, long rawBytes, long entries) { current.blobBytes += rawBytes; }

    @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) {
        current.quicklistNodes++;
        current.blobBytes += rawBytes;
    }

    @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) {
        current.roles.merge(role, 1, Integer::sum);
        if (role != ElementRole.ZSET_SCORE && role != ElementRole.HASH_VALUE) current.elementLengths.add(length);
    }

    @Override public void fieldExpire(long expireAtMs) { if (expireAtMs >= 0) current.fieldsWithTtl++; }

    @Override public void streamMeta(long length, long lastIdMs, long lastIdSeq, long nodes) { current.streamLength = length; }

    @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) {
        keys.add(current);
        lastOffset = endOffset;
        current = null;
    }

    @Override public void end(long offset, boolean present, boolean ok) {
        ended = true;
        checksumPresent = present;
        checksumOk = ok;
    }

    /** What Redis's TYPE/LLEN/SCARD/ZCARD/HLEN/STRLEN/XLEN would report for the key. */
    static long elements(Key k) {
        return switch (k.typeName()) {
            case "string" -> k.stringLength;
            case "list" -> k.count(ElementRole.LIST_ITEM);
            case "set" -> k.count(ElementRole.SET_MEMBER);
            case "zset" -> k.count(ElementRole.ZSET_MEMBER);
            case "hash" -> k.count(ElementRole.HASH_FIELD);
            case "stream" -> k.streamLength;
            case "vectorset" -> k.vectorSetElements;
            default -> -1;
        };
    }
}
