package io.fragscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A real RDB file (Debian's 7.0.15 ground truth) damaged inside one LZF-compressed listpack hash: one bit of the blob's
 * last compressed byte flipped. A loading server at {@code sanitize-dump-payload no} takes such a blob by its header and
 * only the file's CRC64 shows the damage; {@code redis-check-rdb} and {@code --sanitize-payload} decode it and name the key.
 *
 * @param bytes the damaged file
 * @param key   the damaged key's name (short, printable ASCII, no apostrophe)
 */
public record DamagedRdb(byte[] bytes, String key) {

    /** The ground-truth file with the last compressed listpack hash damaged (the last: an early key may enter the top keys, whose entries are always read). */
    public static DamagedRdb lastCompressedHash() throws IOException {
        byte[] d = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.0.15-debian").resolve("dump.rdb"));
        int[] found = null;
        for (int i = 0; i + 48 < d.length; i++) {
            int n = d[i + 1];
            if (d[i] != 16 || n < 4 || n > 40) continue;     // RDB_TYPE_HASH_LISTPACK, then the name's 6-bit length
            boolean ascii = true;
            for (int j = 0; j < n && ascii; j++) ascii = d[i + 2 + j] >= 0x21 && d[i + 2 + j] < 0x7f && d[i + 2 + j] != '\'';
            int p = i + 2 + n;
            if (!ascii || (d[p] & 0xff) != 0xc3) continue;  // RDB_ENC_LZF: compressed length, length, bytes
            int[] clen = len(d, p + 1);
            if (clen == null) continue;
            int[] ulen = len(d, p + 1 + clen[1]);
            if (ulen == null) continue;
            found = new int[] {p + 1 + clen[1] + ulen[1] + clen[0] - 1, i + 2, n};
        }
        if (found == null) throw new IllegalStateException("no compressed listpack hash in the 7.0.15-debian ground truth");
        String key = new String(d, found[1], found[2], StandardCharsets.US_ASCII);
        d[found[0]] ^= 0x20;
        return new DamagedRdb(d, key);
    }

    /** The same ground-truth file saved without a checksum: its 8 trailing bytes zero, as {@code rdbchecksum no} writes them. */
    public static byte[] withoutChecksum() throws IOException {
        byte[] d = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.0.15-debian").resolve("dump.rdb"));
        java.util.Arrays.fill(d, d.length - 8, d.length, (byte) 0);
        return d;
    }

    /** rdbLoadLen of a 6- or 14-bit length at {@code p}: {value, bytes}; null for a longer one. */
    private static int[] len(byte[] d, int p) {
        int b = d[p] & 0xff;
        if ((b & 0xc0) == 0) return new int[] {b & 0x3f, 1};
        if ((b & 0xc0) == 0x40) return new int[] {(b & 0x3f) << 8 | d[p + 1] & 0xff, 2};
        return null;
    }
}
