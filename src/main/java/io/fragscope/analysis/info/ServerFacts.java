package io.fragscope.analysis.info;

import io.fragscope.source.info.InfoDump;

/**
 * What a dump says about the build that wrote it, as far as the findings need it.
 *
 * @param defrag whether {@code activedefrag} can work on this build: it needs Redis 4.0+ built with its
 *               bundled, patched jemalloc (zmalloc.h HAVE_DEFRAG needs JEMALLOC_FRAG_HINT); distribution
 *               packages link the system jemalloc, libc and tcmalloc builds have no defrag at all
 */
public record ServerFacts(String version, int major, int minor, String allocator, String executable,
                          boolean jemalloc, boolean distributionBuild, Availability defrag, String product) {

    public enum Availability { YES, NO, UNKNOWN }

    public static ServerFacts of(InfoDump d) {
        // Valkey keeps redis_version at 7.2.4 for clients; its own version is valkey_version.
        String valkey = d.text("valkey_version").orElse(null);
        String version = valkey != null ? valkey : d.text("redis_version").orElse("");
        String product = valkey != null || d.text("server_name").map("valkey"::equalsIgnoreCase).orElse(false) ? "valkey" : "redis";
        int[] mm = majorMinor(version);
        String allocator = d.text("mem_allocator").orElse("");
        String exe = d.text("executable").orElse("");
        boolean jemalloc = allocator.startsWith("jemalloc");
        boolean distro = jemalloc && !version.isEmpty() && mm[0] > 0
                && io.fragscope.model.AllocatorChoice.systemJemalloc(new io.fragscope.model.RedisVersion(mm[0], mm[1]), allocator, exe);
        Availability defrag;
        boolean versionOk = product.equals("valkey") || mm[0] >= 4;
        if (!jemalloc || !versionOk) defrag = Availability.NO;
        else if (distro) defrag = Availability.NO;
        else if (exe.isEmpty() && !allocator.startsWith("jemalloc-")) defrag = Availability.UNKNOWN;
        else defrag = Availability.YES;
        return new ServerFacts(version, mm[0], mm[1], allocator, exe, jemalloc, distro, defrag, product);
    }

    static int[] majorMinor(String v) {
        String[] p = v.split("\\.");
        int major = 0, minor = 0;
        try {
            if (p.length > 0) major = Integer.parseInt(p[0].trim());
            if (p.length > 1) minor = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
        return new int[] {major, minor};
    }

    /** MEMORY PURGE only does something on jemalloc builds of 4.0+; elsewhere it answers OK and does nothing. */
    public boolean purgeWorks() { return jemalloc && (major >= 4 || product.equals("valkey")); }
}
