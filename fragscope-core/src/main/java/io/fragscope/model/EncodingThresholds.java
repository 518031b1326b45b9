package io.fragscope.model;

import java.util.Map;

/**
 * The {@code *-max-listpack-*} (formerly {@code *-max-ziplist-*}) settings that decide when a small
 * encoding becomes a hashtable or skiplist; defaults from src/config.c, which every version since 2.6
 * shares (set listpacks arrived in 7.2). Users change them, so each can be overridden by its config name.
 */
public record EncodingThresholds(long hashEntries, long hashValue, long setIntsetEntries, long setListpackEntries,
                                 long setListpackValue, long zsetEntries, long zsetValue, long listSize) {

    public static final EncodingThresholds DEFAULTS = new EncodingThresholds(512, 64, 512, 128, 64, 128, 64, -2);

    /**
     * Names as in redis.conf; the old ziplist names are accepted as aliases, as Redis accepts them.
     *
     * @throws io.fragscope.source.SettingException for a name that is not a threshold fragscope models
     */
    public EncodingThresholds withOverrides(Map<String, Long> config) {
        EncodingThresholds t = this;
        for (Map.Entry<String, Long> e : config.entrySet()) {
            long v = e.getValue();
            t = switch (e.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "hash-max-listpack-entries", "hash-max-ziplist-entries" -> new EncodingThresholds(v, t.hashValue, t.setIntsetEntries, t.setListpackEntries, t.setListpackValue, t.zsetEntries, t.zsetValue, t.listSize);
                case "hash-max-listpack-value", "hash-max-ziplist-value" -> new EncodingThresholds(t.hashEntries, v, t.setIntsetEntries, t.setListpackEntries, t.setListpackValue, t.zsetEntries, t.zsetValue, t.listSize);
                case "set-max-intset-entries" -> new EncodingThresholds(t.hashEntries, t.hashValue, v, t.setListpackEntries, t.setListpackValue, t.zsetEntries, t.zsetValue, t.listSize);
                case "set-max-listpack-entries" -> new EncodingThresholds(t.hashEntries, t.hashValue, t.setIntsetEntries, v, t.setListpackValue, t.zsetEntries, t.zsetValue, t.listSize);
                case "set-max-listpack-value" -> new EncodingThresholds(t.hashEntries, t.hashValue, t.setIntsetEntries, t.setListpackEntries, v, t.zsetEntries, t.zsetValue, t.listSize);
                case "zset-max-listpack-entries", "zset-max-ziplist-entries" -> new EncodingThresholds(t.hashEntries, t.hashValue, t.setIntsetEntries, t.setListpackEntries, t.setListpackValue, v, t.zsetValue, t.listSize);
                case "zset-max-listpack-value", "zset-max-ziplist-value" -> new EncodingThresholds(t.hashEntries, t.hashValue, t.setIntsetEntries, t.setListpackEntries, t.setListpackValue, t.zsetEntries, v, t.listSize);
                case "list-max-listpack-size", "list-max-ziplist-size" -> new EncodingThresholds(t.hashEntries, t.hashValue, t.setIntsetEntries, t.setListpackEntries, t.setListpackValue, t.zsetEntries, t.zsetValue, v);
                default -> throw new io.fragscope.source.SettingException("{0} " + io.fragscope.source.KeyName.escapeControls(e.getKey())
                        + " is not an encoding threshold fragscope models (hash-max-listpack-entries/-value, set-max-intset-entries, "
                        + "set-max-listpack-entries/-value, zset-max-listpack-entries/-value, list-max-listpack-size)",
                        io.fragscope.source.Setting.CONFIG);
            };
        }
        return t;
    }

    /** Largest quicklist node in bytes for a negative fill (quicklist.c optimization_level), or -1 for a count fill. */
    public long listNodeBytes() {
        if (listSize >= 0) return -1;
        // 4096 << (level - 1): quicklist.c's optimization_level {4096, 8192, 16384, 32768, 65536}, fills below -5 as -5.
        return 4096L << (Math.min(5, -listSize) - 1);
    }

    /** Largest quicklist node in entries for a positive fill. */
    public long listNodeEntries() { return listSize > 0 ? listSize : Long.MAX_VALUE; }
}
