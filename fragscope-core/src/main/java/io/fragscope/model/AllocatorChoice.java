package io.fragscope.model;

import java.util.Map;

/** The allocator model used for an input, and why, in words for the report. */
public record AllocatorChoice(Allocator allocator, String reason) {

    /** The allocator given by its setting; the reason names the setting as the library does. */
    public static AllocatorChoice explicit(String name) { return explicit(name, io.fragscope.source.Setting.LIBRARY); }

    /** The allocator given by its setting, named in the reason by {@code naming} (the CLI: {@code --allocator jemalloc}). */
    public static AllocatorChoice explicit(String name, io.fragscope.source.Setting.Naming naming) {
        Allocator a = Allocators.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown allocator '" + name + "' (choose jemalloc, jemalloc-q16, jemalloc-3.6, libc, libc-prefix or tcmalloc)"));
        return new AllocatorChoice(a, naming.name(io.fragscope.source.Setting.ALLOCATOR) + " " + a.name());
    }

    public static AllocatorChoice assumed(RedisVersion v) {
        if (!v.atLeast(3, 2)) return new AllocatorChoice(Allocators.JEMALLOC_36, "no INFO dump of this instance: assumed Redis " + v
                + "'s bundled jemalloc 3.6");
        return new AllocatorChoice(Allocators.JEMALLOC, "no INFO dump of this instance: assumed Redis's bundled jemalloc (8-byte quantum)");
    }

    /** As {@link #assumed(RedisVersion)}, naming the server: Valkey bundles the same jemalloc 5.3 as Redis 7.2. */
    public static AllocatorChoice assumed(ServerVersion v) {
        if (!v.isValkey()) return assumed(v.version());
        return new AllocatorChoice(Allocators.JEMALLOC, "no INFO dump of this instance: assumed Valkey's bundled jemalloc (8-byte quantum)");
    }

    /** The jemalloc each Redis release bundles in deps/ (shared docs §1.4). */
    static String bundledJemalloc(RedisVersion v) {
        if (v.atLeast(7, 2)) return "5.3.0";
        if (v.atLeast(7, 0)) return "5.2.1";
        if (v.atLeast(5, 0)) return "5.1.0";
        if (v.atLeast(3, 2)) return "4.0.3";
        return "3.6.0";
    }

    /**
     * Whether a jemalloc build is a distribution's (system jemalloc, 16-byte quantum, no defrag hint): its
     * jemalloc version is not the one this Redis bundles, or, when it is, the executable sits in /usr/bin
     * or /usr/sbin where packages put it. (A source build run from PATH reports a cwd-relative executable.)
     */
    public static boolean systemJemalloc(RedisVersion v, String memAllocator, String executable) {
        String ver = memAllocator.startsWith("jemalloc-") ? memAllocator.substring("jemalloc-".length()) : "";
        if (!ver.isEmpty() && !ver.equals(bundledJemalloc(v))) return true;
        return executable.startsWith("/usr/bin/") || executable.startsWith("/usr/sbin/");
    }

    /** From INFO fields of the same instance: mem_allocator, redis_version, executable. */
    public static AllocatorChoice infer(Map<String, String> info) {
        String alloc = info.getOrDefault("mem_allocator", "").trim();
        String exe = info.getOrDefault("executable", "").trim();
        String ver = info.getOrDefault("redis_version", "").trim();
        RedisVersion v = ver.isEmpty() ? new RedisVersion(7, 0) : RedisVersion.parse(ver);
        // Valkey reports redis_version 7.2.4 to clients whatever its release; its own version is said beside it
        String valkey = info.getOrDefault("valkey_version", "").trim();
        String said = "mem_allocator=" + alloc + (exe.isEmpty() ? "" : ", executable=" + exe) + ", redis_version=" + ver
                + (valkey.isEmpty() ? "" : ", valkey_version=" + valkey);
        // Valkey's jemalloc is Redis 7.2's (its redis_version, 7.2.4, picks it); the words name the server itself
        String server = valkey.isEmpty() ? "Redis " + v : "Valkey " + RedisVersion.parse(valkey);
        String owner = valkey.isEmpty() ? "Redis's" : "Valkey's";
        if (alloc.startsWith("jemalloc")) {
            if (systemJemalloc(v, alloc, exe)) {
                return new AllocatorChoice(Allocators.JEMALLOC_Q16, said + ": not the jemalloc " + server + " bundles, so a distribution build "
                        + "linked to the system jemalloc (16-byte quantum)");
            }
            if (alloc.startsWith("jemalloc-3.")) return new AllocatorChoice(Allocators.JEMALLOC_36, said + ": jemalloc 3.x size classes");
            if (v.major() == 3 && v.minor() == 2 && ver.matches("3\\.2\\.0.*")) {
                return new AllocatorChoice(Allocators.JEMALLOC_Q16, said + ": Redis 3.2.0 built jemalloc without --with-lg-quantum=3");
            }
            return new AllocatorChoice(Allocators.JEMALLOC, said + ": " + owner + " bundled jemalloc (8-byte quantum)");
        }
        if (alloc.startsWith("libc")) {
            if (v.atLeast(5, 0)) return new AllocatorChoice(Allocators.LIBC, said + ": glibc with malloc_usable_size (5.0+)");
            return new AllocatorChoice(Allocators.LIBC_PREFIX, said + ": libc before 5.0 prefixes each allocation with its size (PREFIX_SIZE 8)");
        }
        if (alloc.startsWith("tcmalloc")) return new AllocatorChoice(Allocators.TCMALLOC, said + ": tcmalloc (approximate classes)");
        return assumed(v);
    }
}
