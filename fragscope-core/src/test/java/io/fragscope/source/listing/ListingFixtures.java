package io.fragscope.source.listing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the listing tests. */
final class ListingFixtures {
    private ListingFixtures() {}

    static Path fixture(String name) {
        return Paths.get("fragscope-core/src/test/resources/listing", name);
    }

    static Path groundtruth(String build) {
        return Paths.get("../shared/groundtruth", build);
    }

    static List<ListingRow> readAll(Path file, ListingOptions options) throws IOException {
        List<ListingRow> rows = new ArrayList<>();
        ListingReader.read(file, options, rows::add);
        return rows;
    }

    /** Hands out one byte per read call (okio's OneByteAtATimeSource idea). */
    static final class OneByteAtATime extends InputStream {
        private final InputStream in;

        OneByteAtATime(InputStream in) { this.in = in; }

        @Override public int read() throws IOException { return in.read(); }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            int c = in.read();
            if (c < 0) return -1;
            b[off] = (byte) c;
            return 1;
        }

        @Override public void close() throws IOException { in.close(); }
    }
}
