package io.fragscope.model;

import java.util.Optional;

/**
 * A server build as far as memory layout cares: Redis or Valkey, and its own major.minor (Valkey's own
 * version, never the {@code redis_version:7.2.4} it reports for client compatibility).
 */
public record ServerVersion(ServerFlavor flavor, RedisVersion version) {

    public static ServerVersion redis(int major, int minor) { return new ServerVersion(ServerFlavor.REDIS, new RedisVersion(major, minor)); }

    public static ServerVersion valkey(int major, int minor) { return new ServerVersion(ServerFlavor.VALKEY, new RedisVersion(major, minor)); }

    /**
     * Parses what a user types for {@code --redis-version}: {@code 7.2}, {@code 7.2.6}, {@code redis-8.0},
     * {@code valkey-9.1} or {@code valkey 8.1.1}.
     *
     * @throws IllegalArgumentException naming the text when it is no version
     */
    public static ServerVersion parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        ServerFlavor f = ServerFlavor.REDIS;
        if (t.startsWith("valkey")) { f = ServerFlavor.VALKEY; t = t.substring(6); }
        else if (t.startsWith("redis")) t = t.substring(5);
        t = t.replaceFirst("^[\\s\\-_:/v]+", "");
        return new ServerVersion(f, RedisVersion.parse(t));
    }

    /**
     * The version an INFO dump states: {@code valkey_version} (or {@code server_name:valkey}) makes it Valkey;
     * else {@code redis_version}. Empty when the dump states neither or they do not parse.
     */
    public static Optional<ServerVersion> ofInfo(Optional<String> redisVersion, Optional<String> valkeyVersion, Optional<String> serverName) {
        try {
            if (valkeyVersion.isPresent()) return Optional.of(new ServerVersion(ServerFlavor.VALKEY, RedisVersion.parse(valkeyVersion.get())));
            if (redisVersion.isEmpty()) return Optional.empty();
            if (serverName.map("valkey"::equalsIgnoreCase).orElse(false)) {
                // Valkey before 8.0 had no valkey_version; it reported its own version as redis_version (7.2.x).
                return Optional.of(new ServerVersion(ServerFlavor.VALKEY, RedisVersion.parse(redisVersion.get())));
            }
            return Optional.of(new ServerVersion(ServerFlavor.REDIS, RedisVersion.parse(redisVersion.get())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The newest build that writes RDB {@code rdbVersion} (rdb.h RDB_VERSION at each tag): RDB 9 is written by
     * 5.0, 6.0 and 6.2 alike and 6.2 is assumed; RDB 11 is Redis 7.2 (and Valkey 7.2–8.1, told apart by the
     * {@code valkey-ver} AUX field); RDB 12 Redis 7.4–8.4; 13 Redis 8.6; Valkey's magic VALKEY080 is Valkey 9.
     */
    public static ServerVersion ofRdb(int rdbVersion, boolean valkeyMagic) {
        if (valkeyMagic) return valkey(9, 0);
        return switch (rdbVersion) {
            case 1, 2, 3, 4, 5, 6 -> redis(3, 0);
            case 7 -> redis(3, 2);
            case 8 -> redis(4, 0);
            case 9 -> redis(6, 2);
            case 10 -> redis(7, 0);
            case 11 -> redis(7, 2);
            case 12 -> redis(8, 0);
            default -> redis(8, 6);
        };
    }

    public boolean atLeast(int major, int minor) { return version.atLeast(major, minor); }

    public boolean isValkey() { return flavor == ServerFlavor.VALKEY; }

    @Override public String toString() { return (flavor == ServerFlavor.VALKEY ? "Valkey " : "Redis ") + version; }
}
