package io.fragscope.source;

/**
 * The cluster hash slot of a key, exactly as Redis computes it (src/cluster.c {@code keyHashSlot}, CRC16-CCITT
 * XMODEM from src/crc16.c): the CRC of the whole key, or of the text between the first '{' and the next '}'
 * when that text is not empty, modulo 16384. A function of a key's bytes, like {@link KeyName}: the reader computes
 * it for names too long to hold ({@link Stream}).
 */
public final class ClusterSlot {
    public static final int SLOTS = 16384;
    private static final int[] TABLE = new int[256];
    /** The CRC of a byte followed by a zero byte: two bytes per step ("slicing-by-2"), half the serial steps per key. */
    private static final int[] TABLE2 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int j = 0; j < 8; j++) c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            TABLE[i] = c & 0xffff;
        }
        for (int i = 0; i < 256; i++) TABLE2[i] = ((TABLE[i] << 8) ^ TABLE[TABLE[i] >>> 8]) & 0xffff;
    }

    private ClusterSlot() {}

    public static int crc16(byte[] b, int from, int to) {
        int crc = 0, i = from;
        // Both bytes of the register are shifted out by two input bytes: each selects its table entry independently.
        for (; to - i >= 2; i += 2) crc = TABLE2[((crc >>> 8) ^ b[i]) & 0xff] ^ TABLE[(crc ^ b[i + 1]) & 0xff];
        if (i < to) crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ b[i]) & 0xff]) & 0xffff;
        return crc;
    }

    /** @return the start (inclusive) and end (exclusive) of the hash tag in {@code key[0..len)}, or null when it has none */
    public static int[] hashTag(byte[] key, int len) {
        int open = -1;
        for (int i = 0; i < len; i++) if (key[i] == '{') { open = i; break; }
        if (open < 0) return null;
        for (int i = open + 1; i < len; i++) {
            if (key[i] == '}') return i == open + 1 ? null : new int[] {open + 1, i};
        }
        return null;
    }

    public static int slot(byte[] key, int len) {
        int[] tag = hashTag(key, len);
        return (tag == null ? crc16(key, 0, len) : crc16(key, tag[0], tag[1])) & (SLOTS - 1);
    }

    private static int step(int crc, byte b) {
        return ((crc << 8) ^ TABLE[((crc >>> 8) ^ b) & 0xff]) & 0xffff;
    }

    /**
     * The slot of a key read in pieces (a key name too long to hold, see {@link KeyName#MAX_HELD}): the same
     * {@code keyHashSlot} rule as {@link #slot}, fed in order. One per reader, {@link #reset} per key.
     */
    public static final class Stream {
        private int whole, tag;
        /** 0 before the first '{', 1 inside the tag, 2 after the '}' that ends it. */
        private int state;
        private long tagLength;

        public void reset() {
            whole = tag = state = 0;
            tagLength = 0;
        }

        public void update(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                byte c = b[i];
                whole = step(whole, c);
                if (state == 0) {
                    if (c == '{') state = 1;
                } else if (state == 1) {
                    if (c == '}') state = 2;
                    else { tag = step(tag, c); tagLength++; }
                }
            }
        }

        /** The slot of everything fed since {@link #reset}. */
        public int slot() {
            return (state == 2 && tagLength > 0 ? tag : whole) & (SLOTS - 1);
        }
    }
}
