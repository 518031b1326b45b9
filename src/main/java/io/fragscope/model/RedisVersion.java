package io.fragscope.model;

/** A Redis (or Valkey) version as far as memory layout cares: major and minor. */
public record RedisVersion(int major, int minor) implements Comparable<RedisVersion> {

    public static RedisVersion parse(String s) {
        String[] p = s.trim().split("[.\\-]");
        try {
            int major = Integer.parseInt(p[0]);
            int minor = p.length > 1 ? Integer.parseInt(p[1].replaceAll("\\D.*", "")) : 0;
            return new RedisVersion(major, minor);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + s + "' is not a Redis version such as 7.0 or 6.2.14");
        }
    }

    /**
     * The newest Redis that writes RDB {@code rdbVersion}: RDB 9 is written by 5.0, 6.0 and 6.2 alike, and 6.2
     * is assumed. Valkey's RDB 80 is Valkey 9, whose layout is Redis 7.2's.
     */
    public static RedisVersion ofRdb(int rdbVersion) {
        return switch (rdbVersion) {
            case 1, 2, 3, 4, 5, 6 -> new RedisVersion(3, 0);
            case 7 -> new RedisVersion(3, 2);
            case 8 -> new RedisVersion(4, 0);
            case 9 -> new RedisVersion(6, 2);
            case 10 -> new RedisVersion(7, 0);
            case 11 -> new RedisVersion(7, 2);
            default -> rdbVersion >= 80 ? new RedisVersion(7, 2) : new RedisVersion(7, 4);
        };
    }

    public boolean atLeast(int major, int minor) { return this.major > major || this.major == major && this.minor >= minor; }

    @Override public int compareTo(RedisVersion o) { return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor); }

    @Override public String toString() { return major + "." + minor; }
}
