package io.fragscope.source.rdb;

import io.fragscope.source.KeyName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test visitor: keeps what the reader said about each key, to compare with independent decodings. */
final class RecordingVisitor implements RdbVisitor {

    static final class Key {
        int db;
        KeyName name;
        /** The exact bytes ({@link KeyName} holds only the first KiB of a longer name). */
        byte[] bytes;
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

        int count(ElementRole r) { return roles.getOrDefault(r, 0); }

        @Override public String toString() { return db + ":" + name; }
    }

    final List<Key> keys = new ArrayList<>();
    final Map<String, String> aux = new LinkedHashMap<>();
    int version;
    boolean ended, checksumPresent, checksumOk;
    long lastOffset;
    private Key current;

    @Override public void header(int rdbVersion) { version = rdbVersion; }

    @Override public void aux(String key, String value) { aux.put(key, value); }

    @Override
    public void beginKey(int db, byte[] key, int keyLength, int rdbType, long declaredLength, long expireAtMs, long offset) {
        current = new Key();
        current.db = db;
        current.name = KeyName.of(key, 0, keyLength);
        current.bytes = java.util.Arrays.copyOf(key, keyLength);
        current.type = rdbType;
        current.declared = declaredLength;
        current.expireAt = expireAtMs;
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
        return switch (RdbFormat.typeName(k.type)) {
            case "string" -> k.stringLength;
            case "list" -> k.count(ElementRole.LIST_ITEM);
            case "set" -> k.count(ElementRole.SET_MEMBER);
            case "zset" -> k.count(ElementRole.ZSET_MEMBER);
            case "hash" -> k.count(ElementRole.HASH_FIELD);
            case "stream" -> k.streamLength;
            default -> -1;
        };
    }
}
