package io.fragscope.source.rdb;

import io.fragscope.source.rdb.RdbVisitor.ElementRole;

/**
 * Walks the encoded blobs Redis stores as one string (ziplist, listpack, intset, zipmap), checks them
 * the way {@code sanitize-dump-payload} does (header sizes against the real size, entry counts,
 * back-lengths, terminators) and reports each entry as an element. Problems come back as a message
 * with the offset inside the blob; the reader turns it into a positioned error.
 */
final class BlobWalker {

    /** Thrown with an offset relative to the blob start. */
    static final class BadBlob extends Exception {
        final int at;

        BadBlob(int at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** The roles entries take in turn: a hash is field, value; a zset member, score; a list item. */
    static final ElementRole[] LIST = {ElementRole.LIST_ITEM};
    static final ElementRole[] SET = {ElementRole.SET_MEMBER};
    static final ElementRole[] ZSET = {ElementRole.ZSET_MEMBER, ElementRole.ZSET_SCORE};
    static final ElementRole[] HASH = {ElementRole.HASH_FIELD, ElementRole.HASH_VALUE};
    /** Hash with field TTLs (listpackEx): field, value, expire time. */
    static final ElementRole[] HASH_EX = {ElementRole.HASH_FIELD, ElementRole.HASH_VALUE, null};

    private final long[] parsed = new long[1];

    /** For blobs that are validated but whose entries nobody needs (stream listpacks; {@link RdbVisitor#wantsEntries}). */
    static final RdbVisitor IGNORE = new RdbVisitor() {
        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) { }

        @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { }
    };

    /** @return number of entries */
    long listpack(byte[] b, int len, ElementRole[] roles, RdbVisitor v) throws BadBlob {
        if (len < 7) throw new BadBlob(0, "listpack of " + len + " bytes is shorter than its 7-byte minimum");
        long total = RdbInput.le(b, 0, 4);
        if (total != len) throw new BadBlob(0, "listpack header says " + total + " bytes but the blob has " + len);
        int declared = (int) RdbInput.le(b, 4, 2);
        if ((b[len - 1] & 0xff) != 0xff) throw new BadBlob(len - 1, "listpack does not end with 0xFF");
        int p = 6;
        long count = 0;
        while (p < len - 1) {
            int start = p;
            int e = b[p] & 0xff;
            long strLen = -1;
            long value = 0;
            int head;
            if ((e & 0x80) == 0) { value = e & 0x7f; head = 1; }
            else if ((e & 0xc0) == 0x80) { strLen = e & 0x3f; head = 1; }
            else if ((e & 0xe0) == 0xc0) {
                need(b, p, 2, len);
                value = ((e & 0x1f) << 8) | (b[p + 1] & 0xff);
                if (value >= 1 << 12) value -= 1 << 13;
                head = 2;
            } else if ((e & 0xf0) == 0xe0) {
                need(b, p, 2, len);
                strLen = ((e & 0x0f) << 8) | (b[p + 1] & 0xff);
                head = 2;
            } else if (e == 0xf0) {
                need(b, p, 5, len);
                strLen = RdbInput.le(b, p + 1, 4);
                head = 5;
            } else if (e == 0xf1) { need(b, p, 3, len); value = (short) RdbInput.le(b, p + 1, 2); head = 3; }
            else if (e == 0xf2) { need(b, p, 4, len); value = ((int) RdbInput.le(b, p + 1, 3) << 8) >> 8; head = 4; }
            else if (e == 0xf3) { need(b, p, 5, len); value = (int) RdbInput.le(b, p + 1, 4); head = 5; }
            else if (e == 0xf4) { need(b, p, 9, len); value = RdbInput.le(b, p + 1, 8); head = 9; }
            else throw new BadBlob(p, String.format("listpack entry with unknown encoding byte 0x%02x", e));
            long entryLen = head + Math.max(strLen, 0);
            if (p + entryLen > len - 1) throw new BadBlob(p, "listpack entry of " + entryLen + " bytes runs past the end of the blob");
            int dataAt = p + head;
            p += (int) entryLen;
            int back = backlenSize(entryLen);
            if (p + back > len - 1) throw new BadBlob(p, "listpack back-length runs past the end of the blob");
            long decoded = decodeBacklen(b, p + back - 1);
            if (decoded != entryLen) {
                throw new BadBlob(p, "listpack back-length says " + decoded + " but the entry has " + entryLen + " bytes");
            }
            p += back;
            emit(v, roles, count, b, dataAt, strLen, value);
            count++;
        }
        if (declared != 0xffff && declared != count) {
            throw new BadBlob(4, "listpack header counts " + declared + " entries but holds " + count);
        }
        return count;
    }

    static int backlenSize(long l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    /** Back-length bytes are read right to left, 7 bits each, high bit set on all but the last. */
    private static long decodeBacklen(byte[] b, int p) {
        long v = 0;
        int shift = 0;
        while (true) {
            int c = b[p] & 0xff;
            v |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) return v;
            shift += 7;
            p--;
            if (shift > 28) return -1;
        }
    }

    long ziplist(byte[] b, int len, ElementRole[] roles, RdbVisitor v) throws BadBlob {
        if (len < 11) throw new BadBlob(0, "ziplist of " + len + " bytes is shorter than its 11-byte minimum");
        long total = RdbInput.le(b, 0, 4);
        if (total != len) throw new BadBlob(0, "ziplist header says " + total + " bytes but the blob has " + len);
        long tail = RdbInput.le(b, 4, 4);
        int declared = (int) RdbInput.le(b, 8, 2);
        if ((b[len - 1] & 0xff) != 0xff) throw new BadBlob(len - 1, "ziplist does not end with 0xFF");
        int p = 10;
        long count = 0;
        long prevLen = 0;
        int last = 10;
        while (p < len - 1) {
            int start = p;
            long prevlen;
            if ((b[p] & 0xff) < 254) { prevlen = b[p] & 0xff; p += 1; }
            else { need(b, p, 5, len); prevlen = RdbInput.le(b, p + 1, 4); p += 5; }
            if (prevlen != prevLen) throw new BadBlob(start, "ziplist entry says the previous entry has " + prevlen + " bytes, it has " + prevLen);
            need(b, p, 1, len);
            int e = b[p] & 0xff;
            long strLen = -1;
            long value = 0;
            int head;
            switch (e >> 6) {
                case 0 -> { strLen = e & 0x3f; head = 1; }
                case 1 -> { need(b, p, 2, len); strLen = ((e & 0x3f) << 8) | (b[p + 1] & 0xff); head = 2; }
                case 2 -> {
                    need(b, p, 5, len);
                    strLen = (long) (b[p + 1] & 0xff) << 24 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 8 | (b[p + 4] & 0xff);
                    head = 5;
                }
                default -> {
                    switch (e) {
                        case 0xc0 -> { need(b, p, 3, len); value = (short) RdbInput.le(b, p + 1, 2); head = 3; }
                        case 0xd0 -> { need(b, p, 5, len); value = (int) RdbInput.le(b, p + 1, 4); head = 5; }
                        case 0xe0 -> { need(b, p, 9, len); value = RdbInput.le(b, p + 1, 8); head = 9; }
                        case 0xf0 -> { need(b, p, 4, len); value = ((int) RdbInput.le(b, p + 1, 3) << 8) >> 8; head = 4; }
                        case 0xfe -> { need(b, p, 2, len); value = b[p + 1]; head = 2; }
                        default -> {
                            if (e >= 0xf1 && e <= 0xfd) { value = (e & 0x0f) - 1; head = 1; }
                            else throw new BadBlob(p, String.format("ziplist entry with unknown encoding byte 0x%02x", e));
                        }
                    }
                }
            }
            long dataLen = Math.max(strLen, 0);
            if (p + head + dataLen > len - 1) throw new BadBlob(start, "ziplist entry runs past the end of the blob");
            int dataAt = p + head;
            p = (int) (p + head + dataLen);
            prevLen = p - start;
            last = start;
            emit(v, roles, count, b, dataAt, strLen, value);
            count++;
        }
        if (count > 0 && tail != last) throw new BadBlob(4, "ziplist tail offset " + tail + " does not point at the last entry (" + last + ")");
        if (declared != 0xffff && declared != count) throw new BadBlob(8, "ziplist header counts " + declared + " entries but holds " + count);
        return count;
    }

    long intset(byte[] b, int len, RdbVisitor v) throws BadBlob {
        if (len < 8) throw new BadBlob(0, "intset of " + len + " bytes is shorter than its 8-byte header");
        long enc = RdbInput.le(b, 0, 4);
        if (enc != 2 && enc != 4 && enc != 8) throw new BadBlob(0, "intset encoding " + enc + " is not 2, 4 or 8");
        long n = RdbInput.le(b, 4, 4);
        if (8 + n * enc != len) throw new BadBlob(4, "intset header counts " + n + " entries of " + enc + " bytes but the blob has " + len);
        long prev = 0;
        for (int i = 0; i < n; i++) {
            int at = 8 + i * (int) enc;
            long x = enc == 2 ? (short) RdbInput.le(b, at, 2) : enc == 4 ? (int) RdbInput.le(b, at, 4) : RdbInput.le(b, at, 8);
            if (i > 0 && x <= prev) throw new BadBlob(at, "intset is not strictly ascending");
            prev = x;
            v.element(ElementRole.SET_MEMBER, IntegerString.decimalLength(x), true, x, true);
        }
        return n;
    }

    long zipmap(byte[] b, int len, RdbVisitor v) throws BadBlob {
        if (len < 2) throw new BadBlob(0, "zipmap of " + len + " bytes is too short");
        int declared = b[0] & 0xff;
        int p = 1;
        long count = 0;
        while (true) {
            if (p >= len) throw new BadBlob(p, "zipmap has no 0xFF terminator");
            if ((b[p] & 0xff) == 0xff) break;
            long[] kl = zipmapLen(b, p, len);
            p = (int) kl[1];
            if (p + kl[0] > len) throw new BadBlob(p, "zipmap key runs past the end");
            int keyAt = p;
            p += (int) kl[0];
            long[] vl = zipmapLen(b, p, len);
            p = (int) vl[1];
            if (p >= len) throw new BadBlob(p, "zipmap value header runs past the end");
            int free = b[p++] & 0xff;
            if (p + vl[0] + free > len) throw new BadBlob(p, "zipmap value runs past the end");
            emit(v, HASH, 0, b, keyAt, kl[0], 0);
            emit(v, HASH, 1, b, p, vl[0], 0);
            p += (int) (vl[0] + free);
            count++;
        }
        if (p != len - 1) throw new BadBlob(p, "zipmap terminator is not the last byte");
        if (declared < 254 && declared != count) throw new BadBlob(0, "zipmap header counts " + declared + " entries but holds " + count);
        return count;
    }

    private static long[] zipmapLen(byte[] b, int p, int len) throws BadBlob {
        if (p >= len) throw new BadBlob(p, "zipmap length runs past the end");
        int c = b[p] & 0xff;
        if (c < 254) return new long[] {c, p + 1};
        if (c == 254) {
            if (p + 5 > len) throw new BadBlob(p, "zipmap length runs past the end");
            return new long[] {RdbInput.le(b, p + 1, 4), p + 5};
        }
        throw new BadBlob(p, "zipmap length byte 0xFF inside an entry");
    }

    // ------------------------------------------------------------------ the same walks over a BlobFeed

    /** Room for strings short enough to be integers (the longest int64 in decimal is 20 bytes). */
    private final byte[] small = new byte[32];

    private static int at(BlobFeed f) {
        return (int) Math.min(f.pos, Integer.MAX_VALUE);
    }

    /** Reads an entry's string: the first bytes if it could be an integer, else skips it; then emits it. */
    private void emitFed(RdbVisitor v, ElementRole[] roles, long index, BlobFeed f, long strLen, long value) throws java.io.IOException {
        if (strLen >= 0 && strLen <= 20) {
            f.read(small, (int) strLen);
            emit(v, roles, index, small, 0, strLen, value);
        } else {
            if (strLen > 0) f.skip(strLen);
            ElementRole role = roles[(int) (index % roles.length)];
            if (strLen < 0) emit(v, roles, index, small, 0, -1, value);
            else if (role == null) v.fieldExpire(-1);
            else v.element(role, strLen, false, 0, true);
        }
    }

    /** {@link #listpack(byte[], int, ElementRole[], RdbVisitor)} over a feed. */
    long listpack(BlobFeed f, ElementRole[] roles, RdbVisitor v) throws BadBlob, java.io.IOException {
        long len = f.length;
        if (len < 7) throw new BadBlob(0, "listpack of " + len + " bytes is shorter than its 7-byte minimum");
        long total = f.u8() | f.u8() << 8 | f.u8() << 16 | (long) f.u8() << 24;
        if (total != len) throw new BadBlob(0, "listpack header says " + total + " bytes but the blob has " + len);
        int declared = f.u8() | f.u8() << 8;
        long count = 0;
        byte[] back = new byte[5];
        while (f.pos < len - 1) {
            long start = f.pos;
            int e = f.u8();
            long strLen = -1;
            long value = 0;
            int head;
            if ((e & 0x80) == 0) { value = e & 0x7f; head = 1; }
            else if ((e & 0xc0) == 0x80) { strLen = e & 0x3f; head = 1; }
            else if ((e & 0xe0) == 0xc0) {
                needFed(f, start, 2, len);
                value = ((e & 0x1f) << 8) | f.u8();
                if (value >= 1 << 12) value -= 1 << 13;
                head = 2;
            } else if ((e & 0xf0) == 0xe0) {
                needFed(f, start, 2, len);
                strLen = ((e & 0x0f) << 8) | f.u8();
                head = 2;
            } else if (e == 0xf0) {
                needFed(f, start, 5, len);
                strLen = f.u8() | f.u8() << 8 | f.u8() << 16 | (long) f.u8() << 24;
                head = 5;
            } else if (e == 0xf1) { needFed(f, start, 3, len); value = (short) (f.u8() | f.u8() << 8); head = 3; }
            else if (e == 0xf2) { needFed(f, start, 4, len); value = ((f.u8() | f.u8() << 8 | f.u8() << 16) << 8) >> 8; head = 4; }
            else if (e == 0xf3) { needFed(f, start, 5, len); value = f.u8() | f.u8() << 8 | f.u8() << 16 | f.u8() << 24; head = 5; }
            else if (e == 0xf4) {
                needFed(f, start, 9, len);
                value = 0;
                for (int i = 0; i < 8; i++) value |= (long) f.u8() << (8 * i);
                head = 9;
            } else throw new BadBlob(at(f) - 1, String.format("listpack entry with unknown encoding byte 0x%02x", e));
            long entryLen = head + Math.max(strLen, 0);
            if (start + entryLen > len - 1) throw new BadBlob((int) start, "listpack entry of " + entryLen + " bytes runs past the end of the blob");
            emitFed(v, roles, count, f, strLen, value);
            int backSize = backlenSize(entryLen);
            if (f.pos + backSize > len - 1) throw new BadBlob(at(f), "listpack back-length runs past the end of the blob");
            f.read(back, backSize);
            long decoded = decodeBacklenWithin(back, backSize);
            if (decoded != entryLen) {
                throw new BadBlob(at(f), "listpack back-length says " + decoded + " but the entry has " + entryLen + " bytes");
            }
            count++;
        }
        if (f.u8() != 0xff) throw new BadBlob((int) (len - 1), "listpack does not end with 0xFF");
        if (declared != 0xffff && declared != count) {
            throw new BadBlob(4, "listpack header counts " + declared + " entries but holds " + count);
        }
        return count;
    }

    /** {@link #decodeBacklen} over exactly the {@code n} back-length bytes read: -1 when they do not end within them. */
    private static long decodeBacklenWithin(byte[] b, int n) {
        long v = 0;
        for (int i = n - 1, shift = 0; i >= 0; i--, shift += 7) {
            int c = b[i] & 0xff;
            v |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) return v;
        }
        return -1;
    }

    private static void needFed(BlobFeed f, long start, int n, long len) throws BadBlob {
        if (start + n > len) throw new BadBlob((int) Math.min(start, Integer.MAX_VALUE), "entry header runs past the end of the blob");
    }

    /** {@link #ziplist(byte[], int, ElementRole[], RdbVisitor)} over a feed. */
    long ziplist(BlobFeed f, ElementRole[] roles, RdbVisitor v) throws BadBlob, java.io.IOException {
        long len = f.length;
        if (len < 11) throw new BadBlob(0, "ziplist of " + len + " bytes is shorter than its 11-byte minimum");
        long total = u32(f);
        if (total != len) throw new BadBlob(0, "ziplist header says " + total + " bytes but the blob has " + len);
        long tail = u32(f);
        int declared = f.u8() | f.u8() << 8;
        long count = 0;
        long prevLen = 0;
        long last = 10;
        while (f.pos < len - 1) {
            long start = f.pos;
            long prevlen;
            int first = f.u8();
            if (first < 254) prevlen = first;
            else { needFed(f, start, 5, len); prevlen = u32(f); }
            if (prevlen != prevLen) throw new BadBlob((int) start, "ziplist entry says the previous entry has " + prevlen + " bytes, it has " + prevLen);
            long p = f.pos;
            needFed(f, p, 1, len);
            int e = f.u8();
            long strLen = -1;
            long value = 0;
            int head;
            switch (e >> 6) {
                case 0 -> { strLen = e & 0x3f; head = 1; }
                case 1 -> { needFed(f, p, 2, len); strLen = ((e & 0x3f) << 8) | f.u8(); head = 2; }
                case 2 -> {
                    needFed(f, p, 5, len);
                    strLen = (long) f.u8() << 24 | f.u8() << 16 | f.u8() << 8 | f.u8();
                    head = 5;
                }
                default -> {
                    switch (e) {
                        case 0xc0 -> { needFed(f, p, 3, len); value = (short) (f.u8() | f.u8() << 8); head = 3; }
                        case 0xd0 -> { needFed(f, p, 5, len); value = (int) u32(f); head = 5; }
                        case 0xe0 -> {
                            needFed(f, p, 9, len);
                            value = 0;
                            for (int i = 0; i < 8; i++) value |= (long) f.u8() << (8 * i);
                            head = 9;
                        }
                        case 0xf0 -> { needFed(f, p, 4, len); value = ((f.u8() | f.u8() << 8 | f.u8() << 16) << 8) >> 8; head = 4; }
                        case 0xfe -> { needFed(f, p, 2, len); value = (byte) f.u8(); head = 2; }
                        default -> {
                            if (e >= 0xf1 && e <= 0xfd) { value = (e & 0x0f) - 1; head = 1; }
                            else throw new BadBlob((int) p, String.format("ziplist entry with unknown encoding byte 0x%02x", e));
                        }
                    }
                }
            }
            long dataLen = Math.max(strLen, 0);
            if (p + head + dataLen > len - 1) throw new BadBlob((int) start, "ziplist entry runs past the end of the blob");
            emitFed(v, roles, count, f, strLen, value);
            prevLen = f.pos - start;
            last = start;
            count++;
        }
        if (f.u8() != 0xff) throw new BadBlob((int) (len - 1), "ziplist does not end with 0xFF");
        if (count > 0 && tail != last) throw new BadBlob(4, "ziplist tail offset " + tail + " does not point at the last entry (" + last + ")");
        if (declared != 0xffff && declared != count) throw new BadBlob(8, "ziplist header counts " + declared + " entries but holds " + count);
        return count;
    }

    private static long u32(BlobFeed f) throws java.io.IOException {
        return f.u8() | f.u8() << 8 | f.u8() << 16 | (long) f.u8() << 24;
    }

    /** {@link #intset(byte[], int, RdbVisitor)} over a feed. */
    long intset(BlobFeed f, RdbVisitor v) throws BadBlob, java.io.IOException {
        long len = f.length;
        if (len < 8) throw new BadBlob(0, "intset of " + len + " bytes is shorter than its 8-byte header");
        long enc = u32(f);
        if (enc != 2 && enc != 4 && enc != 8) throw new BadBlob(0, "intset encoding " + enc + " is not 2, 4 or 8");
        long n = u32(f);
        if (8 + n * enc != len) throw new BadBlob(4, "intset header counts " + n + " entries of " + enc + " bytes but the blob has " + len);
        long prev = 0;
        for (long i = 0; i < n; i++) {
            long x = 0;
            for (int k = 0; k < enc; k++) x |= (long) f.u8() << (8 * k);
            if (enc == 2) x = (short) x;
            else if (enc == 4) x = (int) x;
            if (i > 0 && x <= prev) throw new BadBlob(at(f) - (int) enc, "intset is not strictly ascending");
            prev = x;
            v.element(ElementRole.SET_MEMBER, IntegerString.decimalLength(x), true, x, true);
        }
        return n;
    }

    /** {@link #zipmap(byte[], int, RdbVisitor)} over a feed. */
    long zipmap(BlobFeed f, RdbVisitor v) throws BadBlob, java.io.IOException {
        long len = f.length;
        if (len < 2) throw new BadBlob(0, "zipmap of " + len + " bytes is too short");
        int declared = f.u8();
        long count = 0;
        while (true) {
            if (f.pos >= len) throw new BadBlob(at(f), "zipmap has no 0xFF terminator");
            int c = f.u8();
            if (c == 0xff) break;
            long kl = zipmapLen(f, c, len);
            if (f.pos + kl > len) throw new BadBlob(at(f), "zipmap key runs past the end");
            emitFed(v, HASH, 0, f, kl, 0);
            if (f.pos >= len) throw new BadBlob(at(f), "zipmap length runs past the end");
            long vl = zipmapLen(f, f.u8(), len);
            if (f.pos >= len) throw new BadBlob(at(f), "zipmap value header runs past the end");
            int free = f.u8();
            if (f.pos + vl + free > len) throw new BadBlob(at(f), "zipmap value runs past the end");
            emitFed(v, HASH, 1, f, vl, 0);
            f.skip(free);
            count++;
        }
        if (f.pos != len) throw new BadBlob(at(f) - 1, "zipmap terminator is not the last byte");
        if (declared < 254 && declared != count) throw new BadBlob(0, "zipmap header counts " + declared + " entries but holds " + count);
        return count;
    }

    private static long zipmapLen(BlobFeed f, int c, long len) throws BadBlob, java.io.IOException {
        if (c < 254) return c;
        if (c == 254) {
            if (f.pos + 4 > len) throw new BadBlob(at(f), "zipmap length runs past the end");
            return u32(f);
        }
        throw new BadBlob(at(f) - 1, "zipmap length byte 0xFF inside an entry");
    }

    private void emit(RdbVisitor v, ElementRole[] roles, long index, byte[] b, int dataAt, long strLen, long value) {
        if (v == IGNORE) return; // checked, not reported: no need to tell integers from strings
        ElementRole role = roles[(int) (index % roles.length)];
        boolean integer;
        long length;
        if (strLen < 0) {
            integer = true;
            length = IntegerString.decimalLength(value);
        } else {
            length = strLen;
            integer = IntegerString.parse(b, dataAt, (int) strLen, parsed);
            value = integer ? parsed[0] : 0;
        }
        if (role == null) {
            v.fieldExpire(integer && value != 0 ? value : -1); // HASH_LP_NO_TTL is 0 (t_hash.c)
        } else {
            v.element(role, length, integer, value, true);
        }
    }

    private static void need(byte[] b, int p, int n, int len) throws BadBlob {
        if (p + n > len) throw new BadBlob(p, "entry header runs past the end of the blob");
    }
}
