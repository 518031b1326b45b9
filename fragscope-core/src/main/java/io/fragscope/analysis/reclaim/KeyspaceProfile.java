package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.where.WhereSummary;

import java.util.List;

/**
 * What one pass over an RDB file learnt beyond the per-key costs, for the reclaim plan and "where the memory sits".
 * Bytes are allocated bytes as the model prices them.
 *
 * @param referenceTimeMs    "now" for expiry buckets: the file's ctime AUX field, else its modification time (ms)
 * @param expiryBytes        allocated bytes per {@link ExpiryBucket}
 * @param expiryKeys         keys per {@link ExpiryBucket}
 * @param lruKnown           whether the file stored LRU idle times (written under an LRU maxmemory-policy, RDB 9+)
 * @param idleBytes          bytes of keys idle more than a day, a week, 30 days (cumulative: a month-idle key is in all three)
 * @param lfuKnown           whether the file stored LFU counters (an LFU maxmemory-policy)
 * @param lfuColdBytes       bytes of keys whose LFU counter is below LFU_INIT_VAL (5, src/evict.c): not read since the counter decayed
 * @param encodingWhatIfs    the same keys priced under raised and lowered encoding thresholds
 * @param keyBytesTotal      bytes of all key names (sds requests), for the key-prefix step
 * @param where              where the memory sits
 */
public record KeyspaceProfile(long referenceTimeMs, long[] expiryBytes, long[] expiryKeys, boolean lruKnown, long[] idleBytes,
                              boolean lfuKnown, long lfuColdBytes, List<EncodingWhatIf> encodingWhatIfs,
                              long keyBytesTotal, WhereSummary where) implements java.io.Serializable {

    public KeyspaceProfile { encodingWhatIfs = List.copyOf(encodingWhatIfs); }

    /** This profile with {@code w} in place of {@link #where()}. */
    public KeyspaceProfile withWhere(WhereSummary w) {
        return new KeyspaceProfile(referenceTimeMs, expiryBytes, expiryKeys, lruKnown, idleBytes, lfuKnown, lfuColdBytes, encodingWhatIfs,
                keyBytesTotal, w);
    }

    /** Where a key's expire time falls, seen from {@link #referenceTimeMs}. */
    public enum ExpiryBucket {
        EXPIRED, WITHIN_HOUR, WITHIN_DAY, WITHIN_WEEK, LATER, NEVER;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

        static ExpiryBucket of(long ttlMs, long nowMs) {
            if (ttlMs < 0) return NEVER;
            long left = ttlMs - nowMs;
            if (left <= 0) return EXPIRED;
            if (left <= 3_600_000L) return WITHIN_HOUR;
            if (left <= 86_400_000L) return WITHIN_DAY;
            if (left <= 7 * 86_400_000L) return WITHIN_WEEK;
            return LATER;
        }
    }

    public static final long[] IDLE_THRESHOLDS_SECONDS = {86_400, 7 * 86_400, 30 * 86_400};

    /**
     * One threshold what-if for one type: every key of {@code type} priced again with other thresholds.
     *
     * @param direction      "raise" or "lower"
     * @param type           Redis type (hash, set, zset)
     * @param settings       the settings to change, as {@code name from→to} pairs, only those that decide the converted keys
     * @param keysConverted  keys whose encoding changes
     * @param bytesDelta     allocated bytes after minus before (negative: a saving)
     */
    public record EncodingWhatIf(String direction, io.fragscope.model.KeyType type, List<Setting> settings, long keysConverted, long bytesDelta) implements java.io.Serializable {
        public EncodingWhatIf { settings = List.copyOf(settings); }
    }

    public record Setting(String name, long from, long to) implements java.io.Serializable {
        @Override public String toString() { return name + " " + from + " → " + to; }
    }
}
