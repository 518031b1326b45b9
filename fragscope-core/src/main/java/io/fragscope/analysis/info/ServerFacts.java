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
        // Valkey keeps redis_version at 7.2.4 for clients; its own version is valkey_version (InfoDump.serverVersion).
        String product = d.product();
        String version = d.serverVersion();
        int[] mm = majorMinor(version);
        String allocator = d.text("mem_allocator").orElse("").strip();
        String exe = d.text("executable").orElse("");
        boolean jemalloc = allocator.startsWith("jemalloc");
        boolean redisLike = product.equals("redis") || product.equals("valkey");
        boolean distro = jemalloc && redisLike && !version.isEmpty() && mm[0] > 0
                && io.fragscope.model.AllocatorChoice.systemJemalloc(new io.fragscope.model.RedisVersion(mm[0], mm[1]), allocator, exe);
        Availability defrag;
        if (!redisLike || allocator.isEmpty()) defrag = Availability.UNKNOWN;          // Dragonfly, KeyDB, no Memory section
        else if (allocator.equals("libc") || allocator.startsWith("tcmalloc")) defrag = Availability.NO; // zmalloc.h: HAVE_DEFRAG needs jemalloc
        else if (!jemalloc) defrag = Availability.UNKNOWN;                               // mimalloc and others fragscope does not know
        else if (product.equals("redis") && mm[0] > 0 && mm[0] < 4) defrag = Availability.NO; // activedefrag came in 4.0
        else if (distro) defrag = Availability.NO;
        else if (mm[0] == 0 || exe.isEmpty() && !allocator.startsWith("jemalloc-")) defrag = Availability.UNKNOWN;
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
    public boolean purgeWorks() { return purge() == Availability.YES; }

    /**
     * Whether MEMORY PURGE returns pages on this build: yes on jemalloc of Redis 4.0+ and Valkey, no where the dump
     * shows libc, tcmalloc or a Redis before 4.0, unknown for anything else (mimalloc, Dragonfly, KeyDB, no allocator
     * or no version in the dump).
     */
    public Availability purge() {
        boolean redisLike = product.equals("redis") || product.equals("valkey");
        if (!redisLike || allocator.isEmpty()) return Availability.UNKNOWN;
        if (allocator.equals("libc") || allocator.startsWith("tcmalloc")) return Availability.NO;
        if (!jemalloc) return Availability.UNKNOWN;
        if (product.equals("valkey") || major >= 4) return Availability.YES;
        return major == 0 ? Availability.UNKNOWN : Availability.NO;
    }

    /** How messages name the build: "Valkey 9.1.2", "Redis 7.0.15", "Dragonfly df-v1.2", "KeyDB 6.3.4", or the product alone. */
    public String displayName() {
        String name = switch (product) {
            case "valkey" -> "Valkey";
            case "dragonfly" -> "Dragonfly";
            case "keydb" -> "KeyDB";
            default -> "Redis";
        };
        return version.isEmpty() ? name + " (version not in the dump)" : name + " " + version;
    }

    /**
     * The version as an instance line shows it under a "Redis" heading: a Redis build's version alone ("7.0.15"), any
     * other server named with it ("Valkey 9.1.2"), so a Valkey's version is not read as a Redis release.
     */
    public String versionLabel() {
        return product.equals("redis") ? version : displayName();
    }

    /** Choice argument of the purge actions in the message bundles: 0 cannot, 1 can, 2 not known. */
    public int purgeChoice() {
        return switch (purge()) { case YES -> 1; case NO -> 0; case UNKNOWN -> 2; };
    }
}
