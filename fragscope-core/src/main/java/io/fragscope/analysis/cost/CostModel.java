package io.fragscope.analysis.cost;

import io.fragscope.model.AllocatorChoice;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;

/**
 * Everything that prices a key: the Redis layout, the allocator, the encoding thresholds the server ran
 * with, and two server facts that change costs — cluster mode (7.0/7.2 add 16 bytes of slot metadata to
 * each dictEntry) and whether integers 0..9999 are shared (not under an LRU/LFU maxmemory policy).
 */
public record CostModel(RedisLayout layout, AllocatorChoice allocator, EncodingThresholds thresholds,
                        boolean clusterMode, boolean sharedIntegers, String versionReason) {

    public int dictEntry() {
        return layout.dictEntry() + (clusterMode ? layout.clusterEntryMetadata() : 0);
    }

    /**
     * Whether the load keeps a list of one packed quicklist node of {@code nodeBytes} as a plain listpack (7.2+,
     * t_list.c listTypeTryConvertQuicklist: within list-max-listpack-size), freeing the quicklist and its node.
     */
    public boolean keepsOneNodeListAsListpack(long nodeBytes) {
        long limit = thresholds.listNodeBytes();
        return layout.listpackLists() && (limit < 0 || nodeBytes <= limit);
    }
}
