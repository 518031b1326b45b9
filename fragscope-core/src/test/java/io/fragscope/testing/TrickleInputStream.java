package io.fragscope.testing;

import java.io.InputStream;

/** Hands out one byte per read call, as slow pipes do: the input shape most likely to break a reader's buffering. */
public final class TrickleInputStream extends InputStream {
    private final byte[] data;
    private int i;

    public TrickleInputStream(byte[] data) { this.data = data; }

    @Override public int read() { return i < data.length ? data[i++] & 0xff : -1; }

    @Override public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (i >= data.length) return -1;
        b[off] = data[i++];
        return 1;
    }
}
