package io.fragscope.source.rdb;

import java.io.EOFException;
import java.io.IOException;

/**
 * The bytes of one encoded blob (listpack, ziplist, intset, zipmap) read in order without holding the blob: for
 * blobs larger than the reader materialises. {@link Raw} reads them from the file; {@link Lzf} decompresses them as
 * they are asked for, keeping only LZF's back-reference history, so a value whose header claims 130 MB costs a
 * 64 KiB ring however much it expands. Positions are offsets inside the decoded blob, {@code 0 ≤ pos ≤ length}.
 */
abstract class BlobFeed {
    /** Decoded length the file declares for the blob. */
    final long length;
    /** Bytes of the blob consumed so far. */
    long pos;

    BlobFeed(long length) {
        this.length = length;
    }

    /** The next byte; EOFException at the blob's declared end. */
    abstract int u8() throws IOException;

    /** Skips {@code n} bytes of the blob (decoding them, for LZF). */
    abstract void skip(long n) throws IOException;

    /** Copies the first {@code n ≤ 16} bytes of the blob to {@code dst} without consuming them; only before any read. */
    abstract int peek(byte[] dst, int n) throws IOException;

    /** Reads what the walker left and checks the blob's encoding ended exactly where declared. */
    abstract void finish() throws IOException, BlobWalker.BadBlob;

    void read(byte[] dst, int n) throws IOException {
        for (int i = 0; i < n; i++) dst[i] = (byte) u8();
    }

    /** The blob stored as is: its bytes stream from the file's buffer. */
    static final class Raw extends BlobFeed {
        private final RdbInput in;

        Raw(RdbInput in, long length) {
            super(length);
            this.in = in;
        }

        @Override int u8() throws IOException {
            if (pos >= length) throw new EOFException();
            pos++;
            return in.u8();
        }

        @Override void skip(long n) throws IOException {
            if (n > length - pos) throw new EOFException();
            in.skip(n);
            pos += n;
        }

        @Override int peek(byte[] dst, int n) throws IOException {
            int k = (int) Math.min(n, length);
            in.require(k);
            System.arraycopy(in.buf, in.pos, dst, 0, k);
            return k;
        }

        @Override void finish() throws IOException {
            skip(length - pos);
        }
    }

    /**
     * An LZF-compressed blob decoded op by op (the format of liblzf's lzf_d.c: a control byte below 32 starts a run
     * of control+1 literals; otherwise a back-reference of (control &gt;&gt; 5) + 2 bytes, 7 meaning "plus the next
     * byte", reaching at most 8192 bytes back). One op yields at most 264 bytes, so a 64 KiB ring holds the history
     * and everything not yet consumed.
     */
    static final class Lzf extends BlobFeed {
        private static final int RING = 1 << 16, MASK = RING - 1;
        private final RdbInput in;
        private final byte[] ring = new byte[RING];
        private long compressedLeft;
        /** Decoded bytes produced so far; {@code produced - pos} of them are not consumed yet. */
        private long produced;

        Lzf(RdbInput in, long compressed, long length) {
            super(length);
            this.in = in;
            this.compressedLeft = compressed;
        }

        private int in8() throws IOException, BlobWalker.BadBlob {
            if (compressedLeft-- <= 0) throw new BlobWalker.BadBlob((int) Math.min(produced, Integer.MAX_VALUE),
                    "LZF data ends after " + produced + " of the declared " + length + " bytes");
            return in.u8();
        }

        /** Decodes one op. */
        private void op() throws IOException, BlobWalker.BadBlob {
            int ctrl = in8();
            if (ctrl < 32) {
                int n = ctrl + 1;
                if (produced + n > length) throw overflow();
                for (int i = 0; i < n; i++) ring[(int) (produced++ & MASK)] = (byte) in8();
                return;
            }
            int n = ctrl >> 5;
            if (n == 7) n += in8();
            long back = ((long) (ctrl & 0x1f) << 8) + in8() + 1;
            n += 2;
            if (back > produced) throw new BlobWalker.BadBlob((int) Math.min(produced, Integer.MAX_VALUE),
                    "LZF back-reference before the start of the data");
            if (produced + n > length) throw overflow();
            for (int i = 0; i < n; i++, produced++) ring[(int) (produced & MASK)] = ring[(int) ((produced - back) & MASK)];
        }

        private BlobWalker.BadBlob overflow() {
            return new BlobWalker.BadBlob((int) Math.min(produced, Integer.MAX_VALUE), "LZF data decompresses to more than the declared " + length + " bytes");
        }

        private void need(long upTo) throws IOException {
            try {
                while (produced < upTo) op();
            } catch (BlobWalker.BadBlob e) {
                throw new Corrupt(e);
            }
        }

        @Override int u8() throws IOException {
            if (pos >= length) throw new EOFException();
            if (pos >= produced) need(pos + 1);
            return ring[(int) (pos++ & MASK)] & 0xff;
        }

        @Override void skip(long n) throws IOException {
            if (n > length - pos) throw new EOFException();
            long target = pos + n;
            while (pos < target) {
                if (pos >= produced) need(pos + 1);
                pos = Math.min(target, produced);
            }
        }

        @Override int peek(byte[] dst, int n) throws IOException {
            int k = (int) Math.min(n, length);
            need(k);
            for (int i = 0; i < k; i++) dst[i] = ring[i];
            return k;
        }

        @Override void finish() throws IOException, BlobWalker.BadBlob {
            try {
                skip(length - pos);
            } catch (Corrupt c) {
                throw c.bad;
            }
            if (compressedLeft != 0) throw new BlobWalker.BadBlob((int) Math.min(length, Integer.MAX_VALUE),
                    "LZF data holds " + compressedLeft + " compressed bytes beyond the declared " + length + " bytes");
        }
    }

    /** Carries a decoding error through the IOException-only read methods. */
    static final class Corrupt extends IOException {
        final BlobWalker.BadBlob bad;

        Corrupt(BlobWalker.BadBlob bad) {
            super(bad.getMessage(), null);
            this.bad = bad;
        }
    }
}
