package io.fragscope.analysis.dataset;

import io.fragscope.source.InputException;
import io.fragscope.source.InputSource;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.source.rdb.RdbVisitor;

import java.io.IOException;
import java.io.InputStream;

/**
 * What an RDB file says of its writer before its first key (rdb.c rdbSaveInfoAuxFields): read once per file, before
 * the pass that prices it, to choose the model ({@link ModelChoice}) and find the instance's INFO ({@link InfoMatch}).
 *
 * @param rdbVersion  the magic's version number (10 for {@code REDIS0010}; 80+ for Valkey's {@code VALKEY080})
 * @param valkeyMagic the magic is Valkey's
 * @param redisVer    the {@code redis-ver} AUX field, or null
 * @param valkeyVer   the {@code valkey-ver} AUX field (Valkey 8+), or null
 * @param replId      the {@code repl-id} AUX field (4.0+): INFO's {@code master_replid} of the writer, or null
 * @param ctime       the {@code ctime} AUX field, in seconds since the epoch, or null
 */
public record RdbHeader(int rdbVersion, boolean valkeyMagic, String redisVer, String valkeyVer, String replId, Long ctime) {

    /**
     * Reads the magic and the AUX fields before the first SELECTDB or key. A file that breaks before then gives what it
     * held: its errors are the pricing pass's to report, with their full context.
     */
    public static RdbHeader read(InputSource file) throws IOException {
        int[] version = {0};
        boolean[] valkeyMagic = {false};
        String[] aux = {null, null, null, null};
        try (InputStream in = file.open()) {
            RdbReader.read(in, file.name(), file.size(), ReadLimits.DEFAULTS, new RdbVisitor() {
                @Override public void header(int v, boolean valkey) {
                    version[0] = v;
                    valkeyMagic[0] = valkey;
                }

                @Override public void aux(String k, String v) {
                    switch (k) {
                        case "redis-ver" -> aux[0] = v;
                        case "repl-id" -> aux[1] = v;
                        case "ctime" -> aux[2] = v;
                        case "valkey-ver" -> aux[3] = v;
                        default -> { }
                    }
                }

                @Override public void beginKey(int db, byte[] key, int len, int slot, int t, long d, long e, long o) { throw new HeaderEnds(); }

                @Override public void selectDb(int db) { throw new HeaderEnds(); }

                @Override public void endKey(long o, long l, int f) { }
            });
        } catch (HeaderEnds | InputException stop) {
            // the header is all this reads
        }
        Long ctime = null;
        try {
            if (aux[2] != null) ctime = Long.parseLong(aux[2].trim());
        } catch (NumberFormatException e) {
            ctime = null;
        }
        return new RdbHeader(version[0], valkeyMagic[0], aux[0], aux[3], aux[1], ctime);
    }

    private static final class HeaderEnds extends RuntimeException {
        HeaderEnds() { super(null, null, false, false); }
    }
}
