package io.fragscope.model;

/**
 * jemalloc 3.6.0, bundled with Redis 2.8 and 3.0 (doc/jemalloc.xml.in@3.6.0): small classes 8, 16…128 by 16,
 * 160…256 by 32, 320…512 by 64, 640…1024 by 128, 1280…2048 by 256, 2560…3584 by 512; large ones 4 KiB
 * multiples up to 4072 KiB; huge ones 4 MiB multiples.
 */
final class Jemalloc36Allocator implements Allocator {
    @Override public String name() { return "jemalloc-3.6"; }

    @Override public long prefixSize() { return 0; }

    @Override public long usable(long n) {
        if (n <= 8) return 8;
        if (n <= 128) return up(n, 16);
        if (n <= 256) return up(n, 32);
        if (n <= 512) return up(n, 64);
        if (n <= 1024) return up(n, 128);
        if (n <= 2048) return up(n, 256);
        if (n <= 3584) return up(n, 512);
        if (n <= 4072L * 1024) return up(n, 4096);
        return up(n, 4L << 20);
    }

    private static long up(long n, long step) { return (n + step - 1) / step * step; }
}
