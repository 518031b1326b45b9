package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.source.listing.ListingRow;

/**
 * A listing row taken at its word: the listed size is what the key costs, with no model behind
 * it, so requested = allocated = MEMORY USAGE = the listed size and there is no rounding waste to
 * report. The model can do better from type, encoding and element counts; this is the fallback
 * and what the aggregation tests feed.
 */
public final class ListedKeyCosts {
    private ListedKeyCosts() {}

    /**
     * @param listedAtMs when the listing was written (epoch ms), to turn a relative TTL into the
     *                   absolute expire time {@link KeyCost#ttlMs()} holds
     */
    public static KeyCost asListed(ListingRow row, long listedAtMs) {
        long size = Math.max(row.sizeBytes(), 0);   // an empty size cell (Redis 3.2) counts as 0 bytes
        long expireAt = row.expireAtMs(listedAtMs);
        KeyType type = KeyType.ofListed(row.type());
        return new KeyCost(row.db(), row.key(), type, Encoding.ofListed(type, row.encoding()), Math.max(row.elements(), 0),
                size, size, 0, 0, size, expireAt, KeyCost.Exactness.FROM_LISTING);
    }
}
