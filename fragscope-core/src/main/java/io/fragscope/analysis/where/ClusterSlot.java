package io.fragscope.analysis.where;

/**
 * The cluster hash slot of a key, exactly as Redis computes it (src/cluster.c {@code keyHashSlot}, CRC16-CCITT
 * XMODEM from src/crc16.c): the CRC of the whole key, or of the text between the first '{' and the next '}'
 * when that text is not empty, modulo 16384.
 */
public final class ClusterSlot {
    public static final int SLOTS = 16384;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int j = 0; j < 8; j++) c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            TABLE[i] = c & 0xffff;
        }
    }

    private ClusterSlot() {}

    public static int crc16(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ b[i]) & 0xff]) & 0xffff;
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
}
