package io.fragscope.source.rdb;

import com.ning.compress.lzf.ChunkDecoder;
import com.ning.compress.lzf.impl.VanillaChunkDecoder;
import io.fragscope.source.InputException;
import io.fragscope.source.ClusterSlot;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbVisitor.BlobKind;
import io.fragscope.source.rdb.RdbVisitor.ElementRole;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.fragscope.source.rdb.RdbFormat.*;

/**
 * Streaming reader of RDB files, format versions 1 to 13 (Redis 1.x to 8.6; Valkey 7.2 to 8.1 write 11) and
 * Valkey's {@code VALKEY080} (9.0, 9.1), the magic deciding whose meanings types 22-26 and opcode 243 have; newer
 * versions are read as far as their codes are known, with a {@link RdbVisitor#warning}. It follows
 * {@code rdbLoadRioWithLoadingCtx} and {@code rdbLoadObject} in src/rdb.c. It decodes only what a memory
 * model needs — lengths, integer-ness, blob sizes — and reports it to an {@link RdbVisitor} in file
 * order; values it does not need are skipped through the buffer, so memory stays flat whatever the
 * size of a key. Every length the file claims is checked against {@link ReadLimits} and the bytes left
 * before anything is allocated for it.
 *
 * <p>Errors are {@link InputException}s naming the file, the offset, the key being read, and what was
 * expected; everything before the error has already reached the visitor.
 */
public final class RdbReader {
    /** Strings up to this size are materialised (keys, blobs, integer checks); longer ones are skipped. */
    private static final int INT_CHECK_MAX = 20;
    static final long LZF_MAX_EXPANSION = 132;

    private final Path file;
    private final ReadLimits limits;
    private final RdbInput in;
    /**
     * compress-lzf's array decoder, made here: its ChunkDecoderFactory's class initialisation loads the Unsafe decoder
     * whichever is asked for, and on Java 24 and later that prints four WARNING lines on every run (JEP 498). The Unsafe
     * decoder was measured too (2026-12-01, the benchmark's file): 0.7 s less CPU on the reader thread, as much more in
     * C2 compiling it.
     */
    private final ChunkDecoder lzf = new VanillaChunkDecoder();
    private final BlobWalker blobs = new BlobWalker();
    private final long[] parsed = new long[1];

    /**
     * Scratch for the current string or blob; grows to the largest materialised value (bounded by the limits). 64 KiB
     * from the start, above the compact encodings' usual sizes (a quicklist node or a listpack of 128 entries of 64
     * bytes, about 8 KiB), so it rarely grows: its first growth late in a file made the JIT recompile the read loop.
     */
    private byte[] scratch = new byte[1 << 16];
    private byte[] lzfScratch = new byte[256];
    private int strLen;
    /** Last string read: its decoded length, and whether it was an integer (encoded or string2l). */
    private long lastLength;
    private boolean lastInteger;
    private long lastValue;

    private byte[] key = new byte[64];
    private int keyLen = -1;
    private int keyType;
    private int version;
    /**
     * The magic decides the dialect: Valkey 9+ files (magic VALKEY, RDB 80+) give types 22-26 and opcode 243 their
     * own meanings (valkey src/rdb.h RDB_FOREIGN_TYPE_MIN..MAX); a REDIS magic means Redis's meanings.
     */
    private boolean valkey;
    /** The file's version is newer than the newest this reader knows for its magic. */
    private boolean newer;
    private long keysRead;
    /** Reused for consumer group, consumer and IDMP producer names (bounded by --max-key-bytes). */
    private byte[] name = new byte[64];

    /** Blobs (listpacks, ziplists, intsets, zipmaps) up to this many decoded bytes are held whole; larger ones stream. */
    static final int MATERIALISE_MAX = 8 << 20;
    private final long materialiseMax;

    private RdbReader(Path file, InputStream stream, long size, ReadLimits limits, long materialiseMax) {
        this.file = file;
        this.limits = limits;
        this.in = new RdbInput(stream, size);
        this.materialiseMax = materialiseMax;
    }

    /** As {@link #read(InputStream, Path, long, ReadLimits, RdbVisitor)} with another blob threshold: tests stream every blob with 0. */
    static void read(InputStream stream, Path name, long size, ReadLimits limits, RdbVisitor visitor, long materialiseMax) throws IOException {
        new RdbReader(name, stream, size, limits, materialiseMax).run(visitor);
    }

    /** Reads {@code file} to its end (or its first error) into {@code visitor}. */
    public static void read(Path file, ReadLimits limits, RdbVisitor visitor) throws IOException {
        try (InputStream s = Files.newInputStream(file)) {
            new RdbReader(file, s, Files.size(file), limits, MATERIALISE_MAX).run(visitor);
        }
    }

    /** For streams: {@code name} is used in messages; {@code size} may be -1 when unknown. */
    public static void read(InputStream stream, Path name, long size, ReadLimits limits, RdbVisitor visitor) throws IOException {
        new RdbReader(name, stream, size, limits, MATERIALISE_MAX).run(visitor);
    }

    private void run(RdbVisitor v) throws IOException {
        try {
            header(v);
            body(v);
        } catch (EOFException e) {
            throw truncated("the file ends before " + (keyLen >= 0 ? "the value is complete" : "the EOF marker"));
        } catch (BlobWalker.BadBlob e) {
            throw new InputException(file, "offset " + in.offset(), e.getMessage() + where(), false, null);
        } catch (BlobFeed.Corrupt e) {
            throw new InputException(file, "offset " + in.offset(), e.getMessage() + where(), false, null);
        }
    }

    private void header(RdbVisitor v) throws IOException {
        try {
            in.require(9);
        } catch (EOFException e) {
            int n = in.buffered();
            throw new InputException(file, "offset " + (in.offset() + n), "truncated: the file ends after " + n + " bytes ('"
                    + KeyName.escape(in.buf, in.pos, n) + "'), inside the 9-byte header ('REDIS' and a 4-digit version)", true, null);
        }
        byte[] b = in.buf;
        int p = in.pos;
        String magic = new String(b, p, 9, StandardCharsets.US_ASCII);
        if (magic.startsWith("REDIS") && digits(magic, 5)) {
            version = Integer.parseInt(magic.substring(5));
            in.pos += 9;
        } else if (magic.startsWith("VALKEY") && digits(magic, 6)) {
            version = Integer.parseInt(magic.substring(6));
            valkey = true;
            in.pos += 9;
        } else {
            throw new InputException(file, "offset 0", "not an RDB file: expected 'REDIS' and a 4-digit version, found '"
                    + KeyName.escape(b, p, 9) + "'");
        }
        if (version < 1) throw new InputException(file, "offset 5", "RDB version " + version + " does not exist");
        v.header(version, valkey);
        int newest = newestKnown();
        if (version > newest) {
            newer = true;
            v.warning(9, (valkey ? "Valkey RDB version " : "RDB version ") + version + " is newer than the newest this reader knows ("
                    + newest + "): keys are read with the layouts of version " + newest
                    + ", unverified, and the reading stops at the first type or opcode it does not know");
        }
    }

    private int newestKnown() {
        return valkey ? MAX_KNOWN_VALKEY_VERSION : MAX_KNOWN_VERSION;
    }

    /** Object types of the file's dialect (redis src/rdb.h rdbIsObjectType; valkey's stops at RDB_TYPE_HASH_2). */
    private boolean objectType(int t) {
        if (t < 0 || t == 8) return false;
        return valkey ? t <= VALKEY_RDB_TYPE_HASH_2 : t <= RDB_TYPE_STREAM_LISTPACKS_4;
    }

    private InputException unknownCode(int t, long at) {
        String what = String.format("unknown RDB type or opcode 0x%02x", t);
        String dialect = valkey ? "Valkey RDB version " : "RDB version ";
        if (newer) {
            return new InputException(file, "offset " + at, what + " in a file of " + dialect + version
                    + ", newer than the newest this reader knows (" + newestKnown() + "); the " + keysRead + " keys before it were read");
        }
        return new InputException(file, "offset " + at, what + " (this reader knows " + dialect.trim() + "s up to "
                + newestKnown() + "; the file is version " + version + ")");
    }

    private void body(RdbVisitor v) throws IOException, BlobWalker.BadBlob {
        int db = 0;
        long expireAt = -1;
        long lruIdle = -1;
        int lfu = -1;
        while (true) {
            long typeOffset = in.offset();
            int t = in.u8();
            switch (t) {
                case RDB_OPCODE_EXPIRETIME_MS -> { expireAt = in.u64le(); continue; }
                case RDB_OPCODE_EXPIRETIME -> { expireAt = in.u32le() * 1000; continue; }
                case RDB_OPCODE_FREQ -> { lfu = in.u8(); continue; }
                case RDB_OPCODE_IDLE -> { lruIdle = length("LRU idle time"); continue; }
                case RDB_OPCODE_SELECTDB -> {
                    long n = length("database number");
                    if (n > Integer.MAX_VALUE) throw corrupt("database number " + n + " is out of range");
                    db = (int) n;
                    v.selectDb(db);
                    continue;
                }
                case RDB_OPCODE_RESIZEDB -> { v.resizeDb(length("db size"), length("expires size")); continue; }
                case RDB_OPCODE_SLOT_INFO -> { v.slotInfo(length("slot"), length("slot size"), length("slot expires size")); continue; }
                case RDB_OPCODE_AUX -> {
                    String k = auxString();
                    String val = auxString();
                    v.aux(k, val);
                    continue;
                }
                case RDB_OPCODE_MODULE_AUX -> {
                    long start = in.offset();
                    long id = length("module id");
                    length("module aux when-opcode");
                    length("module aux when");
                    skipModuleValue();
                    v.moduleAux(id, moduleName(id), in.offset() - start);
                    continue;
                }
                case RDB_OPCODE_FUNCTION2 -> {
                    long start = in.offset();
                    skipString();
                    v.function(in.offset() - start);
                    continue;
                }
                case RDB_OPCODE_FUNCTION_PRE_GA -> {
                    // 7.0 release candidates: name, engine, optional description, code (rdb.c rdbFunctionLoad).
                    long start = in.offset();
                    skipString();
                    skipString();
                    if (length("function description flag") != 0) skipString();
                    skipString();
                    v.function(in.offset() - start);
                    continue;
                }
                case RDB_OPCODE_KEY_META -> {
                    if (valkey) slotImport(v, typeOffset);
                    else keyMetadata(v);
                    continue;
                }
                case RDB_ENT_OPCODE_RAM_LRU, RDB_ENT_OPCODE_SLOT_NUM -> {
                    // Redis Enterprise writes these between keys; redis/librdb skips each as one length (parser.c).
                    length(t == RDB_ENT_OPCODE_RAM_LRU ? "RAM_LRU value" : "SLOT_NUM value");
                    v.skippedOpcode(t, t == RDB_ENT_OPCODE_RAM_LRU ? "RAM_LRU (Redis Enterprise)" : "SLOT_NUM (Redis Enterprise)",
                            typeOffset, in.offset() - typeOffset);
                    continue;
                }
                case RDB_OPCODE_EOF -> {
                    end(v);
                    return;
                }
                default -> {
                    if (!objectType(t)) throw unknownCode(t, typeOffset);
                }
            }
            keyType = t;
            readKey();
            if (longName != null) v.longKeyName(longName);
            object(v, db, t, expireAt, typeOffset);
            v.endKey(in.offset(), lruIdle, lfu);
            keysRead++;
            keyLen = -1;
            expireAt = -1;
            lruIdle = -1;
            lfu = -1;
        }
    }

    private void end(RdbVisitor v) throws IOException {
        long at = in.offset();
        long computed = in.checksumSoFar();
        if (version < 5) {
            v.end(at, false, true);
            return;
        }
        long stored;
        try {
            stored = in.u64le();
        } catch (EOFException e) {
            throw truncated("the 8-byte checksum after the EOF marker is missing");
        }
        v.end(at, stored != 0, stored == 0 || stored == computed);
        afterEnd(v);
    }

    /**
     * What follows the checksum. An AOF with an RDB preamble (aof.c loadSingleAppendOnlyFile: "REDIS" then the RDB,
     * then RESP commands) goes on with {@code *N} arrays: they are counted by streaming, never held. Anything else
     * is reported as bytes nobody read.
     */
    private void afterEnd(RdbVisitor v) throws IOException {
        if (!in.request()) return;
        long start = in.offset();
        if ((in.buf[in.pos] & 0xff) != '*') {
            v.trailingBytes(start, in.skipToEnd());
            return;
        }
        long commands = 0;
        boolean clean = true;
        try {
            while (in.request()) {
                if (in.u8() != '*') { clean = false; break; }
                long args = respNumber();
                if (args < 0) { clean = false; break; }
                boolean ok = true;
                for (long i = 0; i < args && ok; i++) {
                    if (in.u8() != '$') { ok = false; break; }
                    long len = respNumber();
                    if (len < 0 || len > in.remaining()) { ok = false; break; }
                    in.skip(len);
                    ok = in.u8() == '\r' && in.u8() == '\n';
                }
                if (!ok) { clean = false; break; }
                commands++;
            }
        } catch (EOFException e) {
            clean = false;
        }
        in.skipToEnd();
        v.aofTail(start, in.offset() - start, commands, clean);
    }

    /** A RESP number up to CRLF (at most 19 digits), or -1 when the bytes are not one. */
    private long respNumber() throws IOException {
        long n = 0;
        int digits = 0;
        while (true) {
            int c = in.u8();
            if (c == '\r') return digits > 0 && in.u8() == '\n' ? n : -1;
            if (c < '0' || c > '9' || ++digits > 18) return -1;
            n = n * 10 + (c - '0');
        }
    }

    /** Redis 8.6 RDB_OPCODE_KEY_META (keymeta.c rdbLoadKeyMetadata): class count, then per class a 32-bit spec and a module-opcode value. */
    private void keyMetadata(RdbVisitor v) throws IOException {
        long n = length("key metadata class count");
        if (n > 7) throw corrupt("key metadata of " + n + " classes (Redis allows at most 7, KEY_META_MAX_NUM_MODULES)");
        for (long i = 0; i < n; i++) {
            long spec = in.u32le();
            int flags = (int) (spec & 7);
            int ver = (int) (spec >>> 3 & 31);
            long bits = spec >>> 8;
            if (bits != lastMetaBits || lastMetaName == null) {
                // One String per distinct class, not per key: files repeat the same few classes on every key.
                char[] cls = new char[4];
                for (int c = 3; c >= 0; c--) cls[c] = KEY_META_CHARSET.charAt((int) (bits >>> (6 * (3 - c)) & 63));
                lastMetaName = new String(cls);
                lastMetaBits = bits;
            }
            long start = in.offset();
            skipModuleValue();
            v.keyMetadata(lastMetaName, ver, flags, in.offset() - start);
        }
    }

    private long lastMetaBits = -1;
    private String lastMetaName;

    /** keymeta.c keyMetaCharSet: note "_-", the reverse of the module type charset's "-_". */
    private static final String KEY_META_CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /** Valkey 9 opcode 243 (cluster_migrateslots.c clusterRDBLoadSlotImport): job name, range count, ranges. */
    private void slotImport(RdbVisitor v, long at) throws IOException {
        skipString("slot import job name", ReadLimits.Limit.KEY_BYTES);
        long ranges = count("slot import range count", 2);
        for (long i = 0; i < ranges; i++) {
            length("slot range start");
            length("slot range end");
        }
        v.skippedOpcode(VALKEY_RDB_OPCODE_SLOT_IMPORT, "SLOT_IMPORT (Valkey)", at, in.offset() - at);
    }

    private void readKey() throws IOException {
        long len = stringHeader("key", ReadLimits.Limit.KEY_BYTES);
        longName = null;
        if (len > KeyName.MAX_HELD) {
            readLongKey(len);
            return;
        }
        materialise(len);
        if (key.length < strLen) key = new byte[Math.max(strLen, key.length * 2)];
        System.arraycopy(scratch, 0, key, 0, strLen);
        keyLen = strLen;
        keySlot = ClusterSlot.slot(key, keyLen);
    }

    /** Set by {@link #readKey} for a name over {@link KeyName#MAX_HELD} bytes; null otherwise. */
    private KeyName longName;
    /**
     * The key's cluster slot, over every byte of its name: computed here, on the reader's thread when the read runs on
     * two ({@link RdbEventPipe}), since it is a function of the name's bytes alone and a long name is whole only here.
     */
    private int keySlot;
    private final ClusterSlot.Stream slotStream = new ClusterSlot.Stream();

    /**
     * A key name too long to hold (up to --max-key-bytes, 512 MiB by default): streamed through a {@link BlobFeed} in
     * 64 KiB windows, keeping its first {@link KeyName#MAX_HELD} bytes, and hashing and slotting every byte, so its
     * memory cost is that of a short name.
     */
    private void readLongKey(long len) throws IOException {
        BlobFeed f = pendingEncoding == RDB_ENC_LZF ? new BlobFeed.Lzf(in, pendingCompressed, len) : new BlobFeed.Raw(in, len);
        byte[] window = new byte[(int) Math.min(len, 1 << 16)];
        long hash = KeyName.FNV_OFFSET;
        slotStream.reset();
        try {
            for (long done = 0; done < len; ) {
                int n = (int) Math.min(window.length, len - done);
                f.read(window, n);
                if (done == 0) {
                    if (key.length < KeyName.MAX_HELD) key = new byte[KeyName.MAX_HELD];
                    System.arraycopy(window, 0, key, 0, KeyName.MAX_HELD);
                }
                hash = KeyName.fnv1a(hash, window, 0, n);
                slotStream.update(window, 0, n);
                done += n;
            }
            f.finish();
        } catch (BlobWalker.BadBlob e) {
            throw corrupt("key name: " + e.getMessage());
        } catch (EOFException e) {
            throw truncated("the file ends inside a key name of " + len + " bytes");
        }
        keyLen = KeyName.MAX_HELD;
        longName = KeyName.cut(key, KeyName.MAX_HELD, len, hash);
        keySlot = slotStream.slot();
    }

    /**
     * One key's value, of RDB type {@code t} (rdb.c rdbLoadObject). The strings and compact encodings (listpacks,
     * intsets, ziplists, quicklists) that make most keys of any file are read here; the encodings of large values
     * (hashtables, skiplists, linked lists, streams, modules) in {@link #largeObject}. Why two methods: the JIT
     * compiles this one with the calls it makes, and a type it had not met by then makes it throw that compilation
     * away and redo it (on the benchmark file, four compilations of the read loop's largest method, a fifth of the
     * C2 compiler's time). Large values come late and rare in a file; split off, the first of them costs one such
     * recompilation, not one per kind.
     */
    private void object(RdbVisitor v, int db, int t, long expireAt, long typeOffset) throws IOException, BlobWalker.BadBlob {
        switch (t) {
            case RDB_TYPE_STRING -> {
                v.beginKey(db, key, keyLen, keySlot, t, -1, expireAt, typeOffset);
                valueString();
                v.stringValue(lastLength, lastInteger, lastValue);
            }
            case RDB_TYPE_HASH_ZIPMAP, RDB_TYPE_LIST_ZIPLIST, RDB_TYPE_SET_INTSET, RDB_TYPE_ZSET_ZIPLIST, RDB_TYPE_HASH_ZIPLIST,
                 RDB_TYPE_HASH_LISTPACK, RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_SET_LISTPACK, RDB_TYPE_HASH_LISTPACK_EX_PRE_GA,
                 RDB_TYPE_HASH_LISTPACK_EX -> {
                if (t == RDB_TYPE_HASH_LISTPACK_EX) in.u64le(); // minExpire, kept for future use by Redis itself
                v.beginKey(db, key, keyLen, keySlot, t, -1, expireAt, typeOffset);
                blob(v, t);
            }
            case RDB_TYPE_LIST_QUICKLIST, RDB_TYPE_LIST_QUICKLIST_2 -> {
                long nodes = count("quicklist node count", 2);
                v.beginKey(db, key, keyLen, keySlot, t, nodes, expireAt, typeOffset);
                for (long i = 0; i < nodes; i++) {
                    int container = QUICKLIST_NODE_CONTAINER_PACKED;
                    if (t == RDB_TYPE_LIST_QUICKLIST_2) {
                        long c = length("quicklist node container");
                        if (c != QUICKLIST_NODE_CONTAINER_PLAIN && c != QUICKLIST_NODE_CONTAINER_PACKED) {
                            throw corrupt("quicklist node container " + c + " is neither 1 (plain) nor 2 (packed)");
                        }
                        container = (int) c;
                    }
                    if (container == QUICKLIST_NODE_CONTAINER_PLAIN) {
                        valueString();
                        v.quicklistNode(BlobKind.PLAIN, lastLength, 1, container);
                        v.element(ElementRole.LIST_ITEM, lastLength, lastInteger, lastValue, true);
                        continue;
                    }
                    long nodeLen = stringHeader("quicklist node", ReadLimits.Limit.ELEMENT_BYTES);
                    if (t == RDB_TYPE_LIST_QUICKLIST_2 && nodes == 1 && headerOnly(v, t, nodeLen)) continue;
                    long len = openBlob(nodeLen);
                    BlobKind kind = t == RDB_TYPE_LIST_QUICKLIST ? BlobKind.ZIPLIST : BlobKind.LISTPACK;
                    long declared = kind == BlobKind.ZIPLIST ? (len >= 10 ? RdbInput.le(head, 8, 2) : -1)
                            : (len >= 6 ? RdbInput.le(head, 4, 2) : -1);
                    long entries = declared == 0xffff ? -1 : declared;
                    v.quicklistNode(kind, len, entries, container);
                    // Only a quicklist of one listpack node is the blob whole: a later node could make the key a top one.
                    if (kind == BlobKind.LISTPACK && nodes == 1) walkValue(t, RDB_TYPE_SET_LISTPACK, BlobWalker.LIST, v, len, entries);
                    else walk(kind == BlobKind.ZIPLIST ? RDB_TYPE_LIST_ZIPLIST : RDB_TYPE_SET_LISTPACK, BlobWalker.LIST, v);
                }
            }
            default -> largeObject(v, db, t, expireAt, typeOffset);
        }
    }

    /** The values {@link #object} leaves: hashtable, skiplist and linked-list encodings, streams, module values. */
    private void largeObject(RdbVisitor v, int db, int t, long expireAt, long typeOffset) throws IOException, BlobWalker.BadBlob {
        switch (t) {
            case RDB_TYPE_LIST, RDB_TYPE_SET -> {
                long n = count("element count", 1);
                v.beginKey(db, key, keyLen, keySlot, t, n, expireAt, typeOffset);
                ElementRole role = t == RDB_TYPE_LIST ? ElementRole.LIST_ITEM : ElementRole.SET_MEMBER;
                for (long i = 0; i < n; i++) element(v, role);
            }
            case RDB_TYPE_ZSET, RDB_TYPE_ZSET_2 -> {
                long n = count("member count", t == RDB_TYPE_ZSET_2 ? 9 : 2);
                v.beginKey(db, key, keyLen, keySlot, t, n, expireAt, typeOffset);
                for (long i = 0; i < n; i++) {
                    element(v, ElementRole.ZSET_MEMBER);
                    v.score(t == RDB_TYPE_ZSET_2 ? Double.longBitsToDouble(in.u64le()) : textDouble());
                }
            }
            case RDB_TYPE_HASH_METADATA_PRE_GA -> {
                // Same code, two formats: Valkey's RDB_TYPE_HASH_2 (9.0) or Redis 7.4 release candidates'.
                if (valkey) valkeyHash(v, db, t, expireAt, typeOffset);
                else redisHashWithFieldTtls(v, db, t, expireAt, typeOffset);
            }
            case RDB_TYPE_HASH_METADATA -> redisHashWithFieldTtls(v, db, t, expireAt, typeOffset);
            case RDB_TYPE_HASH -> {
                long n = count("field count", 2);
                v.beginKey(db, key, keyLen, keySlot, t, n, expireAt, typeOffset);
                for (long i = 0; i < n; i++) {
                    element(v, ElementRole.HASH_FIELD);
                    element(v, ElementRole.HASH_VALUE);
                }
            }
            case RDB_TYPE_STREAM_LISTPACKS, RDB_TYPE_STREAM_LISTPACKS_2, RDB_TYPE_STREAM_LISTPACKS_3, RDB_TYPE_STREAM_LISTPACKS_4 -> {
                v.beginKey(db, key, keyLen, keySlot, t, -1, expireAt, typeOffset);
                stream(v, t);
            }
            case RDB_TYPE_MODULE_2 -> {
                long start = in.offset();
                long id = length("module id");
                v.beginKey(db, key, keyLen, keySlot, t, -1, expireAt, typeOffset);
                String module = moduleName(id);
                if (module.equals(VECTORSET_MODULE) && (id & 1023) == 0) vectorSet(v);
                else skipModuleValue();
                v.moduleValue(id, module, in.offset() - start);
            }
            case RDB_TYPE_MODULE_PRE_GA -> throw corrupt("a module value of a 4.0 release candidate (type 6) cannot be skipped without its module");
            default -> throw corrupt("unknown object type " + t);
        }
    }

    /** Redis 7.4 (type 24) and its release candidates (22): per field a TTL, the field, the value. */
    private void redisHashWithFieldTtls(RdbVisitor v, int db, int t, long expireAt, long typeOffset) throws IOException {
        long minExpire = t == RDB_TYPE_HASH_METADATA ? in.u64le() : 0;
        long n = count("field count", 3);
        v.beginKey(db, key, keyLen, keySlot, t, n, expireAt, typeOffset);
        for (long i = 0; i < n; i++) {
            long ttl = length("field TTL");
            element(v, ElementRole.HASH_FIELD);
            element(v, ElementRole.HASH_VALUE);
            v.fieldExpire(ttl == 0 ? -1 : t == RDB_TYPE_HASH_METADATA ? ttl + minExpire - 1 : ttl);
        }
    }

    /** Valkey 9 (RDB 80) uses type 22 for hashes with field expiry: field, value, then an 8-byte expire time (-1 none). */
    private void valkeyHash(RdbVisitor v, int db, int t, long expireAt, long typeOffset) throws IOException {
        long n = count("field count", 10);
        v.beginKey(db, key, keyLen, keySlot, t, n, expireAt, typeOffset);
        for (long i = 0; i < n; i++) {
            element(v, ElementRole.HASH_FIELD);
            element(v, ElementRole.HASH_VALUE);
            long at = in.u64le();
            v.fieldExpire(at < 0 ? -1 : at);
        }
    }

    private void blob(RdbVisitor v, int t) throws IOException, BlobWalker.BadBlob {
        long declaredLen = stringHeader("encoded value", ReadLimits.Limit.ELEMENT_BYTES);
        if ((t == RDB_TYPE_SET_INTSET || t == RDB_TYPE_SET_LISTPACK || t == RDB_TYPE_ZSET_LISTPACK || t == RDB_TYPE_HASH_LISTPACK)
                && headerOnly(v, t, declaredLen)) return;
        long len = openBlob(declaredLen);
        switch (t) {
            case RDB_TYPE_HASH_ZIPMAP -> {
                v.blob(BlobKind.ZIPMAP, len, len > 0 && (head[0] & 0xff) < 254 ? head[0] & 0xff : -1);
                walk(t, BlobWalker.HASH, v);
            }
            case RDB_TYPE_SET_INTSET -> {
                long n = len >= 8 ? RdbInput.le(head, 4, 4) : -1;
                v.blob(BlobKind.INTSET, len, n);
                walkValue(t, t, BlobWalker.SET, v, len, n);
            }
            case RDB_TYPE_LIST_ZIPLIST, RDB_TYPE_ZSET_ZIPLIST, RDB_TYPE_HASH_ZIPLIST -> {
                long n = len >= 10 ? RdbInput.le(head, 8, 2) : -1;
                v.blob(BlobKind.ZIPLIST, len, n == 0xffff ? -1 : n);
                walk(t, t == RDB_TYPE_LIST_ZIPLIST ? BlobWalker.LIST : t == RDB_TYPE_ZSET_ZIPLIST ? BlobWalker.ZSET : BlobWalker.HASH, v);
            }
            default -> {
                long n = len >= 6 ? RdbInput.le(head, 4, 2) : -1;
                boolean ex = t == RDB_TYPE_HASH_LISTPACK_EX || t == RDB_TYPE_HASH_LISTPACK_EX_PRE_GA;
                v.blob(ex ? BlobKind.LISTPACK_EX : BlobKind.LISTPACK, len, n == 0xffff ? -1 : n);
                ElementRole[] roles = t == RDB_TYPE_ZSET_LISTPACK ? BlobWalker.ZSET : t == RDB_TYPE_SET_LISTPACK ? BlobWalker.SET
                        : ex ? BlobWalker.HASH_EX : BlobWalker.HASH;
                // A listpackex's field TTLs travel as events of their own: its entries are always sent.
                if (ex) walk(t, roles, v);
                else walkValue(t, t, roles, v, len, n == 0xffff ? -1 : n);
            }
        }
    }

    /**
     * A blob that is the key's whole value (an intset, a set, sorted set or hash listpack, or the one listpack node of
     * a quicklist 2) whose string header of {@code len} bytes was just read, taken by its header alone when that
     * suffices: no visitor wants its entries ({@link RdbVisitor#wantsEntries}), and its header, read without decoding
     * the blob, agrees with its length. The blob is then announced ({@link RdbVisitor#blob} or
     * {@link RdbVisitor#quicklistNode}, then {@link RdbVisitor#entriesCounted}) and skipped, not decompressed nor
     * walked: decoding those is most of the reader's time, and pricing them needs only the header's count. These
     * are the checks a loading server makes with sanitize-dump-payload at its default, no (rdb.c rdbLoadObject;
     * listpack.c lpValidateIntegrity and intset.c intsetValidateIntegrity without deep), but for a compressed
     * listpack's end byte; the file's CRC64, computed over the skipped bytes too, vouches for the rest. Returns false,
     * having consumed nothing, when the blob must be opened as before: {@link ReadLimits#sanitizeBlobs} (every blob
     * walked, as redis-check-rdb does), entries wanted, a header that disagrees (whose error the walk then names), or
     * a compressed blob whose first LZF literal run does not hold the header.
     */
    private boolean headerOnly(RdbVisitor v, int t, long len) throws IOException {
        if (limits.sanitizeBlobs()) return false;
        boolean intset = t == RDB_TYPE_SET_INTSET;
        // an intset's encoding and length; a listpack's total bytes and count (its end byte makes 7 at least)
        if (len < (intset ? 8 : 7) || !peekHead(intset ? 8 : 6)) return false;
        long entries;
        if (intset) {
            long enc = RdbInput.le(head, 0, 4);
            entries = RdbInput.le(head, 4, 4);
            if ((enc != 2 && enc != 4 && enc != 8) || 8 + entries * enc != len) return false;
        } else {
            entries = RdbInput.le(head, 4, 2);
            if (RdbInput.le(head, 0, 4) != len || entries == 0xffff) return false;
            // a plain listpack's end byte, where the buffer can hold the blob (a compressed one's needs decoding)
            if (pendingEncoding != RDB_ENC_LZF && len <= RdbInput.BUFFER) {
                in.require((int) len);
                if (in.buf[in.pos + (int) len - 1] != (byte) 0xff) return false;
            }
        }
        if (v.wantsEntries(t, longName != null ? longName.length() : keyLen, len, entries)) return false;
        if (intset) v.blob(BlobKind.INTSET, len, entries);
        else if (t == RDB_TYPE_LIST_QUICKLIST_2) v.quicklistNode(BlobKind.LISTPACK, len, entries, QUICKLIST_NODE_CONTAINER_PACKED);
        else v.blob(BlobKind.LISTPACK, len, entries);
        in.skip(pendingEncoding == RDB_ENC_LZF ? pendingCompressed : len);
        v.entriesCounted(entries);
        return true;
    }

    /**
     * Copies the first bytes of the blob whose string header was just read into {@link #head} (zeroes after them),
     * consuming nothing, when that needs no decoding: a plain blob's from the input buffer; a compressed one's from its
     * first LZF literal run, with which every stream begins (liblzf lzf_d.c: a control byte under 32 is a run of that
     * many bytes plus one), when the run holds at least {@code need} bytes. Returns false otherwise.
     */
    private boolean peekHead(int need) throws IOException {
        java.util.Arrays.fill(head, (byte) 0);
        if (pendingEncoding == RDB_ENC_LZF) {
            if (pendingCompressed < 1 + need) return false;
            in.require(1);
            int run = (in.buf[in.pos] & 0xff) + 1;
            if (run > 32 || run < need) return false;
            int n = (int) Math.min(Math.min(run, head.length), pendingCompressed - 1);
            in.require(1 + n);
            System.arraycopy(in.buf, in.pos + 1, head, 0, n);
            return true;
        }
        in.require(need);
        System.arraycopy(in.buf, in.pos, head, 0, need);
        return true;
    }

    /** The first bytes of the current blob (its header), whether it was materialised or streams. */
    private final byte[] head = new byte[16];
    /** Non-null while the current blob is larger than {@link #materialiseMax} and streams through a feed. */
    private BlobFeed feed;

    /**
     * Prepares the blob whose string header was just read: blobs up to {@link #materialiseMax} bytes are put in
     * {@code scratch}; larger ones (a listpack of 130 MB, or an LZF value that claims it) stream through a
     * {@link BlobFeed} and are walked without being held. Returns the blob's length; its header is in {@link #head}.
     */
    private long openBlob(long len) throws IOException {
        java.util.Arrays.fill(head, (byte) 0);
        if (len > materialiseMax) {
            feed = pendingEncoding == RDB_ENC_LZF ? new BlobFeed.Lzf(in, pendingCompressed, len) : new BlobFeed.Raw(in, len);
            feed.peek(head, head.length);
            return len;
        }
        feed = null;
        materialise(len);
        System.arraycopy(scratch, 0, head, 0, Math.min(strLen, head.length));
        return strLen;
    }

    /**
     * Walks the blob {@link #openBlob} prepared that is the key's whole value, of {@code entries} entries by its header
     * (-1 unknown): as elements to {@code v} when it wants them ({@link RdbVisitor#wantsEntries}, asked as RDB type
     * {@code keyType}), else checked just as whole and announced by {@link RdbVisitor#entriesCounted}.
     */
    private void walkValue(int keyType, int blobType, ElementRole[] roles, RdbVisitor v, long rawBytes, long entries) throws IOException, BlobWalker.BadBlob {
        if (entries >= 0 && !v.wantsEntries(keyType, longName != null ? longName.length() : keyLen, rawBytes, entries)) {
            walk(blobType, roles, BlobWalker.IGNORE);
            v.entriesCounted(entries);
            return;
        }
        walk(blobType, roles, v);
    }

    /** Walks the blob {@link #openBlob} prepared, as the encoding of RDB type {@code t} (listpack for 16-26 and quicklist 2 nodes). */
    private void walk(int t, ElementRole[] roles, RdbVisitor v) throws IOException, BlobWalker.BadBlob {
        BlobFeed f = feed;
        try {
            switch (t) {
                case RDB_TYPE_HASH_ZIPMAP -> { if (f == null) blobs.zipmap(scratch, strLen, v); else blobs.zipmap(f, v); }
                case RDB_TYPE_SET_INTSET -> { if (f == null) blobs.intset(scratch, strLen, v); else blobs.intset(f, v); }
                case RDB_TYPE_LIST_ZIPLIST, RDB_TYPE_ZSET_ZIPLIST, RDB_TYPE_HASH_ZIPLIST -> {
                    if (f == null) blobs.ziplist(scratch, strLen, roles, v); else blobs.ziplist(f, roles, v);
                }
                default -> { if (f == null) blobs.listpack(scratch, strLen, roles, v); else blobs.listpack(f, roles, v); }
            }
            if (f != null) f.finish();
        } catch (BlobFeed.Corrupt c) {
            throw c.bad;
        } catch (EOFException e) {
            // The walker asked for bytes past the blob's declared end (the file itself may go on): a blob error.
            if (f != null && f.pos >= f.length) throw new BlobWalker.BadBlob((int) Math.min(f.length, Integer.MAX_VALUE), "the encoding runs past the end of the blob");
            throw e;
        } finally {
            feed = null;
        }
    }

    /** rdb.c rdbLoadObject, RDB_TYPE_STREAM_LISTPACKS{,_2,_3}. */
    private void stream(RdbVisitor v, int t) throws IOException, BlobWalker.BadBlob {
        long nodes = count("stream node count", 18);
        for (long i = 0; i < nodes; i++) {
            long keyBytes = stringHeader("stream node key", ReadLimits.Limit.KEY_BYTES);
            if (keyBytes > 16) throw corrupt("stream node key has " + keyBytes + " bytes instead of 16");
            materialise(keyBytes);
            if (strLen != 16) throw corrupt("stream node key has " + strLen + " bytes instead of 16");
            v.streamNodeId(RdbInput.be(scratch, 0, 8), RdbInput.be(scratch, 8, 8));
            long lp = openBlob(stringHeader("stream listpack", ReadLimits.Limit.ELEMENT_BYTES));
            v.streamNode(16, lp);
            walk(RDB_TYPE_STREAM_LISTPACKS, BlobWalker.LIST, BlobWalker.IGNORE);
        }
        long length = length("stream length");
        long lastMs = length("stream last id");
        long lastSeq = length("stream last id");
        if (t >= RDB_TYPE_STREAM_LISTPACKS_2) {
            length("stream first id");
            length("stream first id");
            length("stream max deleted id");
            length("stream max deleted id");
            length("stream entries added");
        }
        v.streamMeta(length, lastMs, lastSeq, nodes);
        long groups = count("consumer group count", 4);
        for (long g = 0; g < groups; g++) {
            int nameLen = readName("consumer group name");
            long groupMs = length("group last id");
            long groupSeq = length("group last id");
            long entriesRead = t >= RDB_TYPE_STREAM_LISTPACKS_2 ? length("group entries read") : -1;
            v.streamGroupBegin(name, nameLen, groupMs, groupSeq, entriesRead);
            long pel = count("pending entries", 16 + 8 + 1);
            for (long i = 0; i < pel; i++) {
                long ms = in.u64be();
                long seq = in.u64be();
                long deliveryTime = in.u64le();
                v.streamPendingEntry(ms, seq, deliveryTime, length("delivery count"));
            }
            long consumers = count("consumer count", 10);
            v.streamGroup(nameLen, pel, consumers);
            for (long c = 0; c < consumers; c++) {
                int cname = readName("consumer name");
                long seen = in.u64le();
                long active = t >= RDB_TYPE_STREAM_LISTPACKS_3 ? in.u64le() : -1;
                v.streamConsumerBegin(name, cname, seen, active);
                long cpel = count("consumer pending entries", 16);
                for (long i = 0; i < cpel; i++) {
                    long ms = in.u64be();
                    v.streamConsumerPendingId(ms, in.u64be());
                }
                v.streamConsumer(cname, cpel);
            }
        }
        if (t >= RDB_TYPE_STREAM_LISTPACKS_4) idmp(v);
    }

    /** Redis 8.6 type 26 after the groups (rdb.c rdbLoadObject and rdbLoadStreamIdmpEntries). */
    private void idmp(RdbVisitor v) throws IOException {
        long duration = length("stream IDMP duration");
        long maxEntries = length("stream IDMP max entries");
        long producers = count("stream IDMP producer count", 2);
        v.streamIdmp(duration, maxEntries, producers);
        for (long p = 0; p < producers; p++) {
            int pid = readName("stream IDMP producer id");
            long entries = count("stream IDMP entries", 3);
            v.streamIdmpProducer(name, pid, entries);
            for (long i = 0; i < entries; i++) {
                long iid = skipString("stream IDMP iid", ReadLimits.Limit.KEY_BYTES);
                long ms = length("stream IDMP entry id");
                v.streamIdmpEntry(iid, ms, length("stream IDMP entry id"));
            }
        }
        long added = length("stream IDMP iids added");
        v.streamIdmpEnd(added, length("stream IDMP iids duplicates"));
    }

    /** Reads a name string (group, consumer, producer) into {@link #name}; returns its length. */
    private int readName(String what) throws IOException {
        long len = stringHeader(what, ReadLimits.Limit.KEY_BYTES);
        materialise(len);
        if (name.length < strLen) name = new byte[Math.max(strLen, name.length * 2)];
        System.arraycopy(scratch, 0, name, 0, strLen);
        return strLen;
    }

    /**
     * A Redis 8 vector set as VectorSetRdbSave writes it (modules/vector-sets/vset.c): dim, count, hnsw config,
     * flags, optional projection, then per node the element, optional attribute, the vector and the params of
     * hnsw.c hnsw_serialize_node (id, level, per layer num_links, max_links, the links, worst; then l2/range).
     * Each value is a module opcode followed by its payload; the value ends with the module EOF opcode.
     */
    private void vectorSet(RdbVisitor v) throws IOException {
        long dim = moduleUnsigned("vector set dimension");
        long elements = moduleUnsigned("vector set element count");
        long config = moduleUnsigned("vector set HNSW config");
        long flags = moduleUnsigned("vector set flags");
        int quant = (int) (config & 0xff);
        if (dim == 0 || quant > 2) throw corrupt("vector set with dimension " + dim + " and quantization " + quant);
        long projIn = 0;
        if ((flags & 1) != 0) {
            projIn = moduleUnsigned("vector set projection input dimension");
            moduleOpcode(RDB_MODULE_OPCODE_STRING, "vector set projection matrix");
            long bytes = skipString("vector set projection matrix", ReadLimits.Limit.ELEMENT_BYTES);
            if (bytes != 4 * projIn * dim) throw corrupt("vector set projection matrix of " + bytes + " bytes, expected 4 x " + projIn + " x " + dim);
        }
        boolean attributes = (flags & 2) != 0;
        if (elements > in.remaining() / 12) throw truncatedClaim("vector set element count (" + elements + " of at least 12 bytes each)", elements * 12);
        v.vectorSet(dim, elements, quant, (int) (config >>> 8 & 0xffff), projIn, attributes);
        long vectorBytes = quant == 0 ? dim * 4 : quant == 1 ? dim : (dim + 63) / 64 * 8;
        for (long e = 0; e < elements; e++) {
            moduleOpcode(RDB_MODULE_OPCODE_STRING, "vector set element");
            valueString();
            long nameBytes = lastLength;
            boolean nameInteger = lastInteger;
            long attrBytes = 0;
            if (attributes) {
                moduleOpcode(RDB_MODULE_OPCODE_STRING, "vector set attribute");
                attrBytes = skipString();
            }
            moduleOpcode(RDB_MODULE_OPCODE_STRING, "vector set vector");
            long vec = skipString();
            if (vec != vectorBytes) throw corrupt("vector set vector of " + vec + " bytes, expected " + vectorBytes);
            long params = moduleUnsigned("vector set node parameter count");
            long id = moduleUnsigned("vector set node id");
            int level = (int) (moduleUnsigned("vector set node level") & 0xff);
            v.vectorSetNode(nameBytes, nameInteger, attrBytes, vec, id, level);
            long used = 2;
            for (int l = 0; l <= level; l++) {
                long links = moduleUnsigned("vector set layer links");
                long max = moduleUnsigned("vector set layer max links");
                if (links > max) throw corrupt("vector set layer with " + links + " links of at most " + max);
                if (links > in.remaining() / 2) throw truncatedClaim("vector set layer links (" + links + " of at least 2 bytes each)", links * 2);
                for (long k = 0; k < links; k++) moduleUnsigned("vector set link");
                moduleUnsigned("vector set layer worst link");
                v.vectorSetLayer(l, links, max);
                used += 3 + links;
            }
            moduleUnsigned("vector set node l2 and range");
            if (++used != params) throw corrupt("vector set node has " + used + " parameters, its count says " + params);
        }
        if (length("module EOF") != RDB_MODULE_OPCODE_EOF) throw corrupt("vector set value does not end with the module EOF opcode");
    }

    private long moduleUnsigned(String what) throws IOException {
        moduleOpcode(RDB_MODULE_OPCODE_UINT, what);
        return length(what);
    }

    private void moduleOpcode(int expected, String what) throws IOException {
        long op = length("module opcode");
        if (op != expected) throw corrupt("expected module opcode " + expected + " for the " + what + ", found " + op);
    }

    /** Module values written with the module API carry typed opcodes until EOF (rdb.c rdbLoadCheckModuleValue). */
    private void skipModuleValue() throws IOException {
        int depth = 0;
        while (true) {
            long op = length("module opcode");
            switch ((int) Math.min(op, 99)) {
                case RDB_MODULE_OPCODE_EOF -> { return; }
                case RDB_MODULE_OPCODE_SINT, RDB_MODULE_OPCODE_UINT -> length("module integer");
                case RDB_MODULE_OPCODE_FLOAT -> in.skip(4);
                case RDB_MODULE_OPCODE_DOUBLE -> in.skip(8);
                case RDB_MODULE_OPCODE_STRING -> skipString();
                default -> throw corrupt("unknown module opcode " + op);
            }
            if (++depth > 1 << 30) throw corrupt("module value never ends");
        }
    }

    static String moduleName(long id) {
        String charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] name = new char[9];
        long bits = id >>> 10;
        for (int i = 8; i >= 0; i--) {
            name[i] = charset.charAt((int) (bits & 63));
            bits >>>= 6;
        }
        return new String(name);
    }

    // ---------------------------------------------------------------- strings and lengths

    /** A plain length (rdbLoadLen); special encodings are an error here. */
    private long length(String what) throws IOException {
        return length(what, "");
    }

    /** As {@link #length(String)}, naming the {@code what + suffix} only on error: no string per compressed value. */
    private long length(String what, String suffix) throws IOException {
        int b = in.u8();
        int type = (b & 0xc0) >> 6;
        if (type == RDB_6BITLEN) return b & 0x3f;
        if (type == RDB_14BITLEN) return (long) (b & 0x3f) << 8 | in.u8();
        if (b == RDB_32BITLEN) return in.u32be();
        if (b == RDB_64BITLEN) return in.u64be(); // unsigned: module ids and "not set" markers use all 64 bits
        throw corrupt(String.format("expected a length for the %s%s, found the encoding byte 0x%02x", what, suffix, b));
    }

    /**
     * A count of things that each take at least {@code minBytesEach} bytes in the file: a count the rest
     * of the file cannot hold is a lie, caught here before any loop or allocation trusts it.
     */
    private long count(String what, long minBytesEach) throws IOException {
        long n = length(what);
        if (n < 0 || n > in.remaining() / minBytesEach) {
            throw truncatedClaim(what + " (" + Long.toUnsignedString(n) + " of at least " + minBytesEach + " bytes each)",
                    n < 0 ? Long.MAX_VALUE : n * minBytesEach);
        }
        return n;
    }

    private int pendingEncoding = -1;

    /**
     * Reads a string's length prefix. Returns the byte length to read next, or -1 when the string was an
     * integer encoding (already consumed; see {@link #lastValue}). For LZF the compressed payload follows.
     */
    private long stringHeader(String what, ReadLimits.Limit which) throws IOException {
        long limit = limits.value(which);
        pendingEncoding = -1;
        int b = in.u8();
        int type = (b & 0xc0) >> 6;
        long len;
        if (type == RDB_ENCVAL) {
            int enc = b & 0x3f;
            switch (enc) {
                case RDB_ENC_INT8 -> { lastValue = (byte) in.u8(); return intString(); }
                case RDB_ENC_INT16 -> { lastValue = (short) in.u16le(); return intString(); }
                case RDB_ENC_INT32 -> { lastValue = (int) in.u32le(); return intString(); }
                case RDB_ENC_LZF -> {
                    long clen = length(what, " compressed length");
                    long ulen = length(what, " length");
                    // a 64-bit length over 2^63 reads as negative: a lie that would slip past every "greater than" check
                    if (ulen < 0 || ulen > limit) throw new InputException(file, "offset " + in.offset(),
                            limits.exceeded(what, ulen < 0 ? Long.MAX_VALUE : ulen, which) + where());
                    if (clen < 0 || clen > in.remaining()) throw truncatedClaim(what + " compressed", clen < 0 ? Long.MAX_VALUE : clen);
                    if (ulen > 0 && clen == 0) throw corrupt("LZF " + what + " of " + ulen + " bytes has no compressed bytes");
                    // LZF expands at most ~132x (a 264-byte back-reference costs 2 bytes): a larger claim is a lie,
                    // and checking it keeps allocations proportional to bytes really present.
                    if (ulen > clen * LZF_MAX_EXPANSION + 64) {
                        throw corrupt("LZF " + what + " claims " + ulen + " bytes from " + clen + " compressed bytes, more than LZF can expand");
                    }
                    pendingEncoding = RDB_ENC_LZF;
                    pendingCompressed = clen;
                    return ulen;
                }
                default -> throw corrupt(String.format("unknown string encoding %d for the %s", enc, what));
            }
        } else if (type == RDB_6BITLEN) len = b & 0x3f;
        else if (type == RDB_14BITLEN) len = (long) (b & 0x3f) << 8 | in.u8();
        else if (b == RDB_32BITLEN) len = in.u32be();
        else if (b == RDB_64BITLEN) len = in.u64be();
        else throw corrupt(String.format("invalid length byte 0x%02x for the %s", b, what));
        if (len < 0 || len > limit) {
            throw new InputException(file, "offset " + in.offset(), limits.exceeded(what, len < 0 ? Long.MAX_VALUE : len, which) + where());
        }
        if (len > in.remaining()) throw truncatedClaim(what, len);
        return len;
    }

    private long pendingCompressed;

    private long intString() {
        pendingEncoding = RDB_ENC_INT8; // marks "integer already read"
        return -1;
    }

    /**
     * Puts the string whose header was just read into {@code scratch[0..strLen)}: integer encodings as
     * their decimal text, LZF decompressed.
     */
    private void materialise(long len) throws IOException {
        if (len < 0) {
            byte[] text = Long.toString(lastValue).getBytes(StandardCharsets.US_ASCII);
            ensureScratch(text.length);
            System.arraycopy(text, 0, scratch, 0, text.length);
            strLen = text.length;
            return;
        }
        if (len > Integer.MAX_VALUE - 16) {
            throw new InputException(file, "offset " + in.offset(), "a value of " + len + " bytes cannot be decoded in one piece" + where());
        }
        ensureScratch((int) len);
        if (pendingEncoding == RDB_ENC_LZF) {
            decompress((int) len);
        } else {
            in.readFully(scratch, (int) len);
        }
        strLen = (int) len;
    }

    private void decompress(int ulen) throws IOException {
        if (pendingCompressed > Integer.MAX_VALUE - 16) throw corrupt("LZF payload of " + pendingCompressed + " bytes");
        int clen = (int) pendingCompressed;
        // Compressed bytes that fit the input buffer are decoded where they lie, not copied first; longer ones go
        // through lzfScratch (grown, never shrunk). Either way the decoder is given clen as the input's end and fails
        // when the compressed bytes it consumed are not exactly those (compress-lzf 1.2 ChunkDecoder.decodeChunk's final check).
        byte[] src;
        int from;
        if (clen <= RdbInput.BUFFER) {
            in.require(clen);
            src = in.buf;
            from = in.pos;
            in.pos += clen;
        } else {
            if (lzfScratch.length < clen) lzfScratch = new byte[clen];
            in.readFully(lzfScratch, clen);
            src = lzfScratch;
            from = 0;
        }
        try {
            lzf.decodeChunk(src, from, from + clen, scratch, 0, ulen);
        } catch (Exception e) {
            // LZFException or a bounds failure: the declared sizes do not match the compressed bytes. The decoder's own
            // text ("Index -917 out of bounds for length 21157") says nothing to a reader of the file.
            throw corrupt("LZF data of " + clen + " bytes does not decompress to the declared " + ulen + " bytes (damaged compressed bytes)");
        }
    }

    private void ensureScratch(int n) {
        if (scratch.length < n) scratch = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(n, (long) scratch.length * 2))];
    }

    /**
     * A value string: sets {@link #lastLength}, {@link #lastInteger}, {@link #lastValue}. Only strings
     * short enough to be integers are looked at; longer ones are skipped (or, compressed, skipped unread).
     */
    private void valueString() throws IOException {
        long len = stringHeader("value", ReadLimits.Limit.ELEMENT_BYTES);
        if (len < 0) {
            lastInteger = true;
            lastLength = IntegerString.decimalLength(lastValue);
            return;
        }
        lastLength = len;
        if (len <= INT_CHECK_MAX) {
            materialise(len);
            lastInteger = IntegerString.parse(scratch, 0, strLen, parsed);
            lastValue = lastInteger ? parsed[0] : 0;
            return;
        }
        lastInteger = false;
        lastValue = 0;
        in.skip(pendingEncoding == RDB_ENC_LZF ? pendingCompressed : len);
    }

    private void element(RdbVisitor v, ElementRole role) throws IOException {
        valueString();
        v.element(role, lastLength, lastInteger, lastValue, false);
    }

    private long skipString() throws IOException {
        return skipString("string", ReadLimits.Limit.ELEMENT_BYTES);
    }

    /** Skips a string of any encoding; returns its decoded length. */
    private long skipString(String what, ReadLimits.Limit which) throws IOException {
        long len = stringHeader(what, which);
        if (len < 0) return IntegerString.decimalLength(lastValue);
        in.skip(pendingEncoding == RDB_ENC_LZF ? pendingCompressed : len);
        return len;
    }

    private String auxString() throws IOException {
        long len = stringHeader("AUX field", ReadLimits.Limit.KEY_BYTES);
        materialise(len);
        return new String(scratch, 0, strLen, StandardCharsets.UTF_8);
    }

    /** Scores of type-3 zsets: a length byte, or 253 nan / 254 +inf / 255 -inf, then ASCII. */
    private double textDouble() throws IOException {
        int n = in.u8();
        if (n == 253) return Double.NaN;
        if (n == 254) return Double.POSITIVE_INFINITY;
        if (n == 255) return Double.NEGATIVE_INFINITY;
        in.require(n);
        String s = new String(in.buf, in.pos, n, StandardCharsets.US_ASCII);
        in.pos += n;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw corrupt("zset score '" + s + "' is not a number");
        }
    }

    // ---------------------------------------------------------------- errors

    private String where() {
        if (keyLen < 0) return "";
        return " (key '" + KeyName.of(key, 0, keyLen) + "', " + typeName(keyType) + ", RDB type " + keyType + ")";
    }

    private InputException corrupt(String what) {
        return new InputException(file, "offset " + in.offset(), what + where(), false, null);
    }

    private InputException truncated(String what) {
        return new InputException(file, "offset " + in.offset(), "truncated: " + what + where(), true, null);
    }

    private InputException truncatedClaim(String what, long claimed) {
        return new InputException(file, "offset " + in.offset(), "truncated: the " + what + " claims " + claimed
                + " bytes but only " + in.remaining() + " remain in the file" + where(), true, null);
    }

    private static boolean digits(String s, int from) {
        for (int i = from; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }
}
