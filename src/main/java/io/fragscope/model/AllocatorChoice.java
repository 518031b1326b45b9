package io.fragscope.model;

import java.util.Map;

/** The allocator model used for an input, and why, in words for the report. */
public record AllocatorChoice(Allocator allocator, String reason) {

    public static AllocatorChoice explicit(String name) {
        Allocator a = Allocators.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown allocator '" + name + "' (choose jemalloc, jemalloc-q16, jemalloc-3.6, libc, libc-prefix or tcmalloc)"));
        return new AllocatorChoice(a, "--allocator " + a.name());
    }

    public static AllocatorChoice assumed(RedisVersion v) {
        if (!v.atLeast(3, 2)) return new AllocatorChoice(Allocators.JEMALLOC_36, "no INFO dump of this instance: assumed Redis " + v
                + "'s bundled jemalloc 3.6");
        return new AllocatorChoice(Allocators.JEMALLOC, "no INFO dump of this instance: assumed Redis's bundled jemalloc (8-byte quantum)");
    }

    /** From INFO fields of the same instance: mem_allocator, redis_version, executable. */
    public static AllocatorChoice infer(Map<String, String> info) {
        String alloc = info.getOrDefault("mem_allocator", "").trim();
        String exe = info.getOrDefault("executable", "").trim();
        String ver = info.getOrDefault("redis_version", "").trim();
        RedisVersion v = ver.isEmpty() ? new RedisVersion(7, 0) : RedisVersion.parse(ver);
        String said = "mem_allocator=" + alloc + (exe.isEmpty() ? "" : ", executable=" + exe) + ", redis_version=" + ver;
        if (alloc.startsWith("jemalloc")) {
            if (exe.startsWith("/usr/bin/") || exe.startsWith("/usr/sbin/")) {
                return new AllocatorChoice(Allocators.JEMALLOC_Q16, said + ": a distribution package linked to the system jemalloc (16-byte quantum)");
            }
            if (alloc.startsWith("jemalloc-3.")) return new AllocatorChoice(Allocators.JEMALLOC_36, said + ": jemalloc 3.x size classes");
            if (v.major() == 3 && v.minor() == 2 && ver.matches("3\\.2\\.0.*")) {
                return new AllocatorChoice(Allocators.JEMALLOC_Q16, said + ": Redis 3.2.0 built jemalloc without --with-lg-quantum=3");
            }
            return new AllocatorChoice(Allocators.JEMALLOC, said + ": Redis's bundled jemalloc (8-byte quantum)");
        }
        if (alloc.startsWith("libc")) {
            if (v.atLeast(5, 0)) return new AllocatorChoice(Allocators.LIBC, said + ": glibc with malloc_usable_size (5.0+)");
            return new AllocatorChoice(Allocators.LIBC_PREFIX, said + ": libc before 5.0 prefixes each allocation with its size (PREFIX_SIZE 8)");
        }
        if (alloc.startsWith("tcmalloc")) return new AllocatorChoice(Allocators.TCMALLOC, said + ": tcmalloc (approximate classes)");
        return assumed(v);
    }
}
