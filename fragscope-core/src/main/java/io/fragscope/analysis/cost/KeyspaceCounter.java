package io.fragscope.analysis.cost;

import io.fragscope.source.ClusterSlot;
import io.fragscope.model.Allocator;
import io.fragscope.model.RedisLayout;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the keyspace of a loaded dataset holds, key by key, and charges it once at the end: per database
 * the keys and volatile keys and the table sizes RESIZEDB announced; in cluster mode on a server whose keyspace is
 * a kvstore of one dict per slot (7.4+ Redis, 8.0+ Valkey), the keys and volatile keys of every slot and the slots
 * a SLOT_INFO named. The RDB path and the listing path feed the same counter, so both charge the keyspace alike.
 *
 * <p>Sized by the databases the input uses, not by their numbers (a SELECTDB of 5,000,000 costs one entry); the
 * per-slot arrays (3 × 16384 ints a database) exist only in cluster mode.
 */
public final class KeyspaceCounter {
    private static final int KEYS = 0, VOLATILE = 1, RESIZE = 2, RESIZE_EXPIRES = 3;
    private static final int SLOT_KEYS = 0, SLOT_VOLATILE = 1, SLOT_INFO = 2;

    private final RedisLayout l;
    private final boolean perSlot;
    private final Map<Integer, long[]> dbs = new TreeMap<>();
    private final Map<Integer, int[][]> slots = new TreeMap<>();

    /** @param clusterMode the server ran with {@code cluster_enabled:1} */
    public KeyspaceCounter(RedisLayout layout, boolean clusterMode) {
        this.l = layout;
        this.perSlot = clusterMode && layout.kvstorePerSlot();
    }

    /** Whether keys are counted per slot: only then does {@link #key} read their names. */
    public boolean perSlot() { return perSlot; }

    /**
     * One key of database {@code db}; {@code name} (its first {@code length} bytes) decides its slot when
     * {@link #perSlot()}, and is not read (may be null) otherwise.
     */
    public void key(int db, byte[] name, int length, boolean volatileKey) {
        key(db, perSlot ? ClusterSlot.slot(name, length) : -1, volatileKey);
    }

    /** One key of database {@code db} whose cluster slot is already known (a name too long to hold: the reader's). */
    public void key(int db, int slot, boolean volatileKey) {
        long[] d = db(db);
        d[KEYS]++;
        if (volatileKey) d[VOLATILE]++;
        if (perSlot) {
            int[][] s = slots(db);
            s[SLOT_KEYS][slot]++;
            if (volatileKey) s[SLOT_VOLATILE][slot]++;
        }
    }

    /** RESIZEDB: the sizes the loading server expands the database's tables to (rdb.c). */
    public void resizeHint(int db, long keys, long expires) {
        long[] d = db(db);
        d[RESIZE] = keys;
        d[RESIZE_EXPIRES] = expires;
    }

    /** SLOT_INFO: the loading server creates and expands that slot's dicts (Redis also an empty expires dict). */
    public void slotInfo(int db, long slot) {
        if (perSlot && slot >= 0 && slot < ClusterSlot.SLOTS) slots(db)[SLOT_INFO][(int) slot] = 1;
    }

    /**
     * Bytes of used_memory the keyspace adds beyond the keys' own allocations, under allocator {@code a}: dicts (or
     * Valkey hashtables) and their bucket arrays, per database or per slot (see {@link KeyspaceCharges}).
     *
     * @param perKeyExpiresEntry whether to charge the expires table's dictEntry per volatile key here (a listing
     *                           does; the RDB path charges it with each key)
     */
    public long charge(Allocator a, boolean perKeyExpiresEntry) {
        long total = 0;
        for (Map.Entry<Integer, long[]> e : dbs.entrySet()) {
            long[] d = e.getValue();
            int[][] s = slots.get(e.getKey());
            if (s == null) {
                total += KeyspaceCharges.charge(l, a, d[KEYS], d[VOLATILE], d[RESIZE], d[RESIZE_EXPIRES], perKeyExpiresEntry);
                continue;
            }
            for (int slot = 0; slot < ClusterSlot.SLOTS; slot++) {
                if (s[SLOT_KEYS][slot] == 0) continue;
                total += KeyspaceCharges.charge(l, a, s[SLOT_KEYS][slot], s[SLOT_VOLATILE][slot], 0, 0, perKeyExpiresEntry);
                if (s[SLOT_VOLATILE][slot] == 0 && s[SLOT_INFO][slot] > 0 && l.slotInfoCreatesEmptyExpires())
                    total += a.usedMemoryCharge(l.kvstoreExpiresDictBytes());
            }
        }
        return total;
    }

    /**
     * The last database's counts and slot arrays, each found once per database: keys come a database at a time, so a
     * key costs no boxed map lookup.
     */
    private int countsDb, slotsDb;
    private long[] counts;
    private int[][] slotArrays;

    private long[] db(int d) {
        if (counts == null || d != countsDb) {
            counts = dbs.computeIfAbsent(d, x -> new long[4]);
            countsDb = d;
        }
        return counts;
    }

    private int[][] slots(int d) {
        if (slotArrays == null || d != slotsDb) {
            slotArrays = slots.computeIfAbsent(d, x -> new int[3][ClusterSlot.SLOTS]);
            slotsDb = d;
        }
        return slotArrays;
    }
}
