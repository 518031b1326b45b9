package io.fragscope.source.listing;

import io.fragscope.source.KeyName;

/**
 * One key as a listing states it.
 *
 * @param db                  database number (0 when the listing has no db column)
 * @param key                 the key name, decoded to its bytes
 * @param type                Redis {@code TYPE} name ({@code string}, {@code hash}, {@code zset}, …;
 *                            redis-rdb-tools' {@code sortedset} becomes {@code zset}); empty when not listed
 * @param encoding            encoding as the listing writes it ({@code listpack}, {@code quicklist}, …); empty when not listed
 * @param sizeBytes           the listed size in bytes (MEMORY USAGE, or the tool's estimate); {@link #UNKNOWN} when
 *                            the cell is empty (Redis 3.2 has no MEMORY USAGE). Unit-formatted sizes such as
 *                            {@code 92.4kB} are converted and so carry the writer's rounding.
 * @param elements            element count, {@link #UNKNOWN} when not listed
 * @param largestElementBytes length of the largest element, {@link #UNKNOWN} when not listed
 * @param expireAtMs          ABSOLUTE expire time, Unix epoch ms; {@link #NO_EXPIRY} when the key has none,
 *                            {@link #NOT_LISTED} when the listing gives only a relative TTL or nothing
 * @param ttlMs               RELATIVE time to live in ms at the time the listing was written (PTTL);
 *                            {@link #NO_EXPIRY} when the key has none, {@link #NOT_LISTED} when not given
 * @param line                physical line (1-based) where the row starts, for messages
 */
public record ListingRow(int db, KeyName key, String type, String encoding, long sizeBytes, long elements,
                         long largestElementBytes, long expireAtMs, long ttlMs, long line) {

    /** A numeric cell the listing leaves empty or does not have. */
    public static final long UNKNOWN = -1;
    /** The key has no expiry. */
    public static final long NO_EXPIRY = -1;
    /** The listing does not carry this kind of expiry. */
    public static final long NOT_LISTED = -2;

    /** True when the listing says the key expires, by either an absolute time or a TTL. */
    public boolean hasExpiry() {
        return expireAtMs >= 0 || ttlMs >= 0;
    }

    /** True when the listing says anything about expiry for this key (a time, a TTL, or "none"). */
    public boolean expiryListed() {
        return expireAtMs != NOT_LISTED || ttlMs != NOT_LISTED;
    }

    /**
     * The key's absolute expire time (Unix epoch ms) as {@code KeyCost.ttlMs} holds it: the listed time, or the listed
     * TTL counted from {@code listedAtMs} (when the listing was written); {@link #NO_EXPIRY} when the listing says the
     * key has none, {@link #NOT_LISTED} when it says nothing of expiry (a listing without such a column).
     */
    public long expireAtMs(long listedAtMs) {
        if (expireAtMs >= 0) return expireAtMs;
        if (ttlMs >= 0) return listedAtMs + ttlMs;
        return expiryListed() ? NO_EXPIRY : NOT_LISTED;
    }
}
