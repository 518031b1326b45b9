package io.fragscope.analysis.reclaim;

import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.ServerFacts;
import io.fragscope.analysis.keys.Group;
import io.fragscope.source.KeyName;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link ReclaimPlan} of one instance. The RSS model, per step (all figures bytes, from the dump unless
 * said otherwise):
 * <ul>
 *   <li>outside the allocator: {@code rss − allocator_resident} (binary, libraries, stacks), or
 *       {@link #NON_ALLOCATOR_FALLBACK} when the allocator's resident figure (an upper bound in jemalloc) exceeds RSS;</li>
 *   <li>jemalloc keeps, even after a purge, its metadata and thread caches: {@link #JEMALLOC_KEPT_BASE} plus
 *       {@link #JEMALLOC_KEPT_SHARE} of active bytes (measured after MEMORY PURGE on Debian's redis-server 7.0 and
 *       Valkey 8.1.1 and 9.1.2, {@code ReclaimLiveTest});</li>
 *   <li>{@code memory-purge}: RSS after = outside + active + kept (jemalloc arena.purge, object.c memoryCommand);</li>
 *   <li>{@code active-defrag}: the defragger (defrag.c) runs until fragmentation is under
 *       {@code active-defrag-threshold-lower}; RSS after = outside + allocated × (1 + lower) + kept;</li>
 *   <li>{@code restart}: used_memory after = the RDB's estimated used_memory (keys already expired are not loaded by a
 *       master, rdb.c rdbLoadRioWithLoadingCtx) + used_memory_startup; allocated adds what the allocator holds beyond
 *       used_memory today; active = allocated × the fresh-load ratio of the nearest ground-truth build ({@link FreshLoad});</li>
 *   <li>{@code config}, {@code allocator}, {@code key-prefixes}, {@code cold-data}: bytes the keys would lose, at the
 *       restart's RSS per used byte (they take effect on a reload or restart).</li>
 * </ul>
 */
public final class ReclaimPlanner {
    static final long MIB = 1 << 20;
    /** Non-allocator RSS when the dump cannot tell: this machine's three builds measured 2.1-3.2 MiB empty. */
    static final long NON_ALLOCATOR_FALLBACK = 3 * MIB;
    static final long JEMALLOC_KEPT_BASE = 2_700_000;
    static final double JEMALLOC_KEPT_SHARE = 0.012;
    /** RSS given back per byte of used_memory a reload frees, bundled jemalloc (measured 0.69-0.90 on Valkey 8.1/9.1). */
    static final double RSS_PER_USED_BUNDLED = 0.8;
    /** active-defrag-threshold-lower default (config.c). */
    static final int DEFRAG_LOWER = 10;
    static final int DEFRAG_UPPER = 100, CYCLE_MIN = 1, CYCLE_MAX = 25;
    /**
     * Allocated bytes the defragger works through per second of its CPU time, all passes until it settles: Valkey 9.1.2
     * took about 5 s at 25 % CPU for 18.7 MB allocated, 36,000 keys of which 300 hashtables of 600-900 fields
     * ({@code ReclaimLiveTest}).
     */
    static final double DEFRAG_BYTES_PER_CPU_SECOND = 15_000_000;
    /** Per-key model within this share of used_memory − used_memory_startup: its figures are used as they are. */
    static final double MODEL_FIT = 0.10;

    private ReclaimPlanner() {}

    /** The instance's keys: a dataset of the same instance, with its profile when it was an RDB file. */
    public record Keys(java.nio.file.Path source, DatasetSummary summary, KeyspaceProfile profile) {}

    public static ReclaimPlan plan(DumpAnalysis d, Keys keys) {
        MemoryBreakdown b = d.breakdown();
        ServerFacts f = d.server();
        List<ReclaimStep> steps = new ArrayList<>();
        if (!b.hasCore()) {
            steps.add(notApplicable("memory-purge", "no-core", b.rss()));
            return new ReclaimPlan(d, keys == null ? null : keys.source(), steps);
        }
        long rss = b.rss(), used = b.usedMemory();
        boolean split = b.hasAllocatorSplit();
        long outside = split && b.rss() - b.allocatorResident() >= MIB ? b.rss() - b.allocatorResident() : NON_ALLOCATOR_FALLBACK;
        long prev = rss;

        // 1. MEMORY PURGE
        if (!f.purgeWorks()) {
            steps.add(notApplicable("memory-purge", f.jemalloc() ? "purge-old-version" : "purge-not-jemalloc", prev, f.allocator()));
        } else if (!split) {
            steps.add(notApplicable("memory-purge", "purge-no-split", prev));
        } else {
            // INFO samples RSS and the allocator's figures at different moments, and jemalloc's resident is an upper
            // bound: take the smaller of "every dirty page beyond what jemalloc keeps" and "RSS down to a nominal
            // process + active + kept".
            long dirty = b.allocatorResident() - b.allocatorActive() - kept(b.allocatorActive());
            long after = Math.min(prev, Math.max(prev - Math.max(0, dirty), NON_ALLOCATOR_FALLBACK + b.allocatorActive() + kept(b.allocatorActive())));
            long muzzy = d.dump().bytes("allocator_muzzy").orElse(0);
            boolean lazy = f.product().equals("valkey") && f.major() >= 9;
            if (f.distributionBuild() && d.dump().bytes("allocator_muzzy").isEmpty() || lazy) {
                // A distribution jemalloc whose INFO has no allocator_muzzy (Redis before 7.4): pages it already freed
                // lazily (MADV_FREE) look the same as dirty ones, and a purge cannot return those. Measured on Debian's
                // 7.0 (ReclaimLiveTest): 0 to 2 MiB back for the same "dirty" figure. Promise nothing, say up to what.
                // Valkey 9's bundled jemalloc: a purge lowers jemalloc's resident figure (by 4 MiB in ReclaimLiveTest)
                // but RSS not at all in any run here; the pages are likely freed lazily and stay resident until the
                // kernel needs them. The same promise: nothing for sure, up to the dirty pages.
                steps.add(step("memory-purge", lazy ? "purge-lazy" : "purge-uncertain", List.of(new Bytes(b.allocatorResident() - b.allocatorActive()),
                        new Bytes(Math.max(0, prev - after))), prev, prev, used, List.of("MEMORY PURGE"), -1));
            } else {
                steps.add(step("memory-purge", "purge", List.of(new Bytes(b.allocatorResident() - b.allocatorActive()), new Bytes(muzzy),
                        new Bytes(kept(b.allocatorActive()))), prev, after, used, List.of("MEMORY PURGE"), -1));
                prev = after;
            }
        }

        // 2. Active defrag
        long frag = b.allocatorFragBytes();
        if (f.defrag() == ServerFacts.Availability.NO) {
            steps.add(notApplicable("active-defrag", !f.jemalloc() ? "defrag-not-jemalloc" : f.distributionBuild() ? "defrag-distribution"
                    : "defrag-old-version", prev, f.allocator(), f.executable()));
        } else if (!split) {
            steps.add(notApplicable("active-defrag", "defrag-no-split", prev));
        } else if (frag <= b.allocatorAllocated() * DEFRAG_LOWER / 100) {
            steps.add(notApplicable("active-defrag", "defrag-below-threshold", prev, new Bytes(frag), b.allocatorFragRatio()));
        } else {
            long activeAfter = b.allocatorAllocated() * (100 + DEFRAG_LOWER) / 100;
            long after = Math.min(prev, outside + activeAfter + kept(activeAfter));
            double fragPct = 100.0 * frag / b.allocatorAllocated();
            double cpu = Math.min(CYCLE_MAX, CYCLE_MIN + (CYCLE_MAX - CYCLE_MIN) * Math.max(0, fragPct - DEFRAG_LOWER) / (DEFRAG_UPPER - DEFRAG_LOWER));
            long keyCount = d.dump().keyspace().stream().mapToLong(io.fragscope.source.info.KeyspaceEntry::keys).sum();
            double seconds = b.allocatorAllocated() / (DEFRAG_BYTES_PER_CPU_SECOND * cpu / 100);
            // Below ignore-bytes the defragger stops even when the ratio is still high (defrag.c computeDefragCycles):
            // a single pass only moves what sits in emptier-than-average slabs, so it needs room for further passes.
            long ignore = Math.max(MIB, Math.min(100 * MIB, b.allocatorAllocated() * DEFRAG_LOWER / 100));
            boolean smallBins = f.product().equals("valkey") ? f.major() >= 8 : f.major() > 7 || f.major() == 7 && f.minor() >= 4;
            steps.add(step("active-defrag", f.defrag() == ServerFacts.Availability.UNKNOWN ? "defrag-maybe" : smallBins ? "defrag-smallbins" : "defrag",
                    List.of(new Bytes(frag), b.allocatorFragRatio(), DEFRAG_LOWER, Math.round(cpu), keyCount, String.format(java.util.Locale.ROOT, "%.0f", Math.ceil(seconds))),
                    prev, after, used, List.of("CONFIG SET active-defrag-ignore-bytes " + ignore,
                            "CONFIG SET active-defrag-threshold-lower " + DEFRAG_LOWER, "CONFIG SET active-defrag-cycle-min " + CYCLE_MIN,
                            "CONFIG SET active-defrag-cycle-max " + CYCLE_MAX, "CONFIG SET activedefrag yes"), seconds));
            prev = after;
        }

        // 3. Restart (or failover to a replica that loaded the same data)
        FreshLoad fresh = FreshLoad.nearest(f);
        long startup = b.startup() > 0 ? b.startup() : 0;
        long expired = keys != null && keys.profile() != null ? keys.profile().expiryBytes()[KeyspaceProfile.ExpiryBucket.EXPIRED.ordinal()] : 0;
        boolean priced = keys != null && keys.summary().estimatedUsedMemory() > 0;
        // Whether the per-key model fits this build: its estimate against the used_memory of the dump it was matched
        // with (the RDB's own moment). Without such a dump the model is taken as is.
        DatasetSummary.Reconciliation rec = priced ? keys.summary().reconciliation() : null;
        double scale = rec != null && rec.usedMemory() - Math.max(0, rec.usedMemoryStartup()) > 0
                ? (double) (rec.usedMemory() - Math.max(0, rec.usedMemoryStartup())) / keys.summary().estimatedUsedMemory() : 1.0;
        boolean fits = priced && Math.abs(scale - 1) <= MODEL_FIT;
        // A key file read in part (cut, damaged): the model is off used_memory because keys are missing, not because it
        // misprices them; the steps priced from its keys say how many were read.
        boolean partial = keys != null && !keys.summary().complete();
        long keysRead = keys == null ? 0 : keys.summary().keys().totals().keys();
        // The RDB prices a restart only when it was written at this dump's moment; else today's used_memory is the data.
        boolean sameMoment = rec != null && rec.infoSource().equals(io.fragscope.source.FileNames.text(d.dump().source()));
        boolean fromKeys = fits && (sameMoment || rec == null);
        if (!fromKeys && !sameMoment) expired = 0;
        long usedFresh = fromKeys ? keys.summary().estimatedUsedMemory() - expired + startup : used - Math.round(expired * scale);
        long rssFresh = freshRss(b, f, fresh, outside, usedFresh);
        // RSS a byte of used_memory gives back when a reload drops it (and a purge follows): about one byte with
        // Debian's jemalloc (0.97 measured on 7.0); 0.7-0.9 with a server's bundled jemalloc, which keeps part of the
        // freed pages in partly used slabs (Valkey 8.1.1 and 9.1.2, ReclaimLiveTest).
        double rssPerUsed = fresh.kind() == FreshLoad.Kind.JEMALLOC_BUNDLED ? RSS_PER_USED_BUNDLED : 1.0;
        double modelScale = fits ? 1.0 : scale;
        if (rssFresh >= prev * 99 / 100) {
            steps.add(notApplicable("restart", "restart-no-gain", prev, new Bytes(rssFresh), fresh.build()));
        } else {
            steps.add(step("restart", fromKeys ? "restart-priced" : !priced ? "restart-unpriced" : !fits ? (partial ? "restart-partial" : "restart-unfit")
                    : "restart-other-moment", List.of(new Bytes(usedFresh), fresh.build(),
                    fresh.kind() == FreshLoad.Kind.LIBC ? fresh.rssPerUsed() : fresh.activeRatio(), new Bytes(expired), Math.round(Math.abs(scale - 1) * 100),
                    keysRead),
                    prev, rssFresh, usedFresh, List.of(ReclaimStep.FAILOVER_OR_RESTART), -1));
            prev = rssFresh;
        }
        long usedNow = prev == rssFresh ? usedFresh : used;

        // 4. Encoding thresholds, from the keys priced again with other thresholds
        KeyspaceProfile p = keys == null ? null : keys.profile();
        if (p == null) {
            steps.add(notApplicable("config", "config-no-rdb", prev));
        } else {
            boolean any = false;
            for (KeyspaceProfile.EncodingWhatIf w : p.encodingWhatIfs()) {
                if (!w.direction().equals("raise") || w.bytesDelta() >= 0 || w.keysConverted() == 0) continue;
                long lowerCost = p.encodingWhatIfs().stream().filter(x -> x.direction().equals("lower") && x.type() == w.type())
                        .mapToLong(KeyspaceProfile.EncodingWhatIf::bytesDelta).sum();
                long saved = Math.round(-w.bytesDelta() * modelScale);
                long after = Math.max(outside, prev - Math.round(saved * rssPerUsed));
                usedNow -= saved;
                List<String> cmds = new ArrayList<>();
                for (KeyspaceProfile.Setting s : w.settings()) cmds.add("CONFIG SET " + s.name() + " " + s.to());
                cmds.add(ReclaimStep.RELOAD);
                steps.add(step("config", fits ? "config-raise" : partial ? "config-raise-partial" : "config-raise-unfit",
                        List.of(w.settings().isEmpty() ? w.type().redisName() : String.join(", ", w.settings().stream().map(Object::toString).toList()),
                        w.keysConverted(), w.type().redisName(), new Bytes(saved), new Bytes(Math.max(0, Math.round(lowerCost * modelScale))),
                        Math.round(Math.abs(scale - 1) * 100), keysRead), prev, after, usedNow, cmds, -1));
                prev = after;
                any = true;
            }
            if (!any) steps.add(notApplicable("config", "config-no-gain", prev));
        }

        // 5. Allocator what-if
        if (keys != null && !keys.summary().whatIf().isEmpty() && keys.summary().estimatedUsedMemory() > 0) {
            DatasetSummary.AllocatorTotals best = keys.summary().whatIf().stream()
                    .min(java.util.Comparator.comparingLong(DatasetSummary.AllocatorTotals::estimatedUsedMemory)).orElseThrow();
            long saved = keys.summary().estimatedUsedMemory() - best.estimatedUsedMemory();
            if (saved > keys.summary().estimatedUsedMemory() / 100 && !best.allocator().equals(keys.summary().allocator())) {
                long after = Math.max(outside, prev - Math.round(saved * rssPerUsed));
                usedNow -= saved;
                steps.add(step("allocator", partial ? "allocator-partial" : "allocator",
                        List.of(best.allocator(), new Bytes(saved), keys.summary().allocator(), keysRead), prev, after, usedNow, List.of(), -1));
                prev = after;
            } else {
                steps.add(notApplicable("allocator", "allocator-no-gain", prev, keys.summary().allocator()));
            }
        } else {
            steps.add(notApplicable("allocator", "config-no-rdb", prev));
        }

        // 6. Shorter key prefixes
        if (keys != null && keys.summary().keys().totals().keys() > 0) {
            long saved = 0;
            String heaviest = null;
            long heaviestSaved = 0;
            for (Group<KeyName> g : keys.summary().keys().byPrefix().groups()) {
                long literal = 0;
                for (int i = 0; i < g.key().length(); i++) if (g.key().byteAt(i) != '*') literal++;
                // a prefix cut to two bytes plus its separator, per key
                long s = Math.max(0, literal - 3) * g.totals().keys();
                saved += s;
                if (s > heaviestSaved) { heaviestSaved = s; heaviest = g.key().escaped(); }
            }
            if (saved >= Math.max(MIB, usedNow / 100)) {
                long after = Math.max(outside, prev - Math.round(saved * rssPerUsed));
                usedNow -= saved;
                steps.add(step("key-prefixes", partial ? "key-prefixes-partial" : "key-prefixes",
                        List.of(new Bytes(saved), heaviest, new Bytes(heaviestSaved), keysRead), prev, after, usedNow, List.of(), -1));
                prev = after;
            } else {
                steps.add(notApplicable("key-prefixes", partial ? "key-prefixes-light-partial" : "key-prefixes-light", prev, new Bytes(saved), keysRead));
            }
        } else {
            steps.add(notApplicable("key-prefixes", "config-no-rdb", prev));
        }

        // 7. Expiry: what has no TTL, and when the rest goes
        if (p == null) {
            steps.add(notApplicable("expire", "config-no-rdb", prev));
        } else {
            long[] e = p.expiryBytes();
            // Bytes without a TTL per prefix, from the prefix table's share of keys without one (the same pass's totals).
            List<Group<KeyName>> groups = new ArrayList<>(keys.summary().keys().byPrefix().groups());
            java.util.function.ToLongFunction<Group<KeyName>> noTtl = g -> g.totals().keys() == 0 ? 0
                    : Math.round((double) g.totals().allocatedBytes() * g.totals().keysWithoutTtl() / g.totals().keys());
            groups.sort(java.util.Comparator.comparingLong(noTtl).reversed());
            StringBuilder top = new StringBuilder();
            for (Group<KeyName> g : groups.subList(0, Math.min(3, groups.size()))) {
                if (noTtl.applyAsLong(g) == 0) break;
                if (top.length() > 0) top.append(", ");
                top.append(g.key().escaped()).append(' ').append(Bytes.human(noTtl.applyAsLong(g)));
            }
            long never = e[KeyspaceProfile.ExpiryBucket.NEVER.ordinal()];
            steps.add(new ReclaimStep("expire", never > 0, never > 0 ? (partial ? "expire-partial" : "expire") : "expire-all-have-ttl",
                    List.of(new Bytes(never), top.length() == 0 ? "-" : top.toString(), new Bytes(e[1]), new Bytes(e[2]), new Bytes(e[3]), new Bytes(e[4]),
                            new Bytes(expired), keysRead), 0, prev, ratio(prev, usedNow), List.of(), -1));
        }

        // 8. Cold data, from the LRU idle time or LFU counter the RDB stores
        if (p == null) {
            steps.add(notApplicable("cold-data", "config-no-rdb", prev));
        } else if (p.lruKnown() || p.lfuKnown()) {
            long cold = p.lruKnown() ? p.idleBytes()[2] : p.lfuColdBytes();
            long after = Math.max(outside, prev - Math.round(cold * rssPerUsed));
            steps.add(step("cold-data", p.lruKnown() ? "cold-lru" : "cold-lfu", List.of(new Bytes(p.idleBytes()[0]), new Bytes(p.idleBytes()[1]),
                    new Bytes(p.idleBytes()[2]), new Bytes(p.lfuColdBytes())), prev, after, usedNow - cold, List.of(), -1));
        } else {
            steps.add(notApplicable("cold-data", "cold-unknown", prev));
        }
        return new ReclaimPlan(d, keys == null ? null : keys.source(), steps);
    }

    /** RSS of a fresh server holding {@code usedFresh} bytes of used_memory. */
    static long freshRss(MemoryBreakdown b, ServerFacts f, FreshLoad fresh, long outside, long usedFresh) {
        if (f.jemalloc() && b.hasAllocatorSplit()) {
            long allocated = usedFresh + Math.max(0, b.allocatorAllocated() - b.usedMemory());
            long active = Math.round(allocated * fresh.activeRatio());
            return outside + active + kept(active);
        }
        if (f.jemalloc()) return Math.round(usedFresh * fresh.activeRatio()) + kept(usedFresh) + outside;
        return Math.round((usedFresh - fresh.emptyUsed()) * fresh.rssPerUsed()) + fresh.emptyRss();
    }

    static long kept(long active) { return JEMALLOC_KEPT_BASE + Math.round(active * JEMALLOC_KEPT_SHARE); }

    static double ratio(long rss, long used) { return used > 0 ? (double) rss / used : Double.NaN; }

    private static ReclaimStep step(String method, String reason, List<Object> args, long prev, long after, long usedAfter,
                                    List<String> commands, double seconds) {
        return new ReclaimStep(method, true, reason, args, prev - after, after, ratio(after, usedAfter), commands, seconds);
    }

    private static ReclaimStep notApplicable(String method, String reason, long prev, Object... args) {
        return new ReclaimStep(method, false, reason, List.of(args), 0, prev, Double.NaN, List.of(), -1);
    }
}
