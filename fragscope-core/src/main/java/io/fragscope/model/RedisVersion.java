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

    public boolean atLeast(int major, int minor) { return this.major > major || this.major == major && this.minor >= minor; }

    @Override public int compareTo(RedisVersion o) { return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor); }

    @Override public String toString() { return major + "." + minor; }
}
