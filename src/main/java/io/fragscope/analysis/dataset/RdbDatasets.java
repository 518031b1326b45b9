package io.fragscope.analysis.dataset;

import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.cost.RdbKeyCoster;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.keys.KeyAggregator;
import io.fragscope.model.Allocator;
import io.fragscope.model.AllocatorChoice;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.model.RedisVersion;
import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.source.rdb.RdbVisitor;

import io.fragscope.source.KeyName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one RDB file, prices every key with the model of the version and allocator that wrote it, and
 * aggregates. The version comes from {@code --redis-version}, else the file's {@code redis-ver} AUX field,
 * else the RDB format version; the allocator from {@code --allocator}, else an INFO dump of the same
 * instance, else Redis's bundled jemalloc.
 */
public final class RdbDatasets {

    /** Explicit choices from the command line; null fields mean "infer". */
    public record Options(String allocator, String redisVersion, Map<String, Long> config, ReadLimits limits,
                          AggregationOptions aggregation) {}

    /** Reports bytes read as the file is consumed, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void at(long bytesRead, long keys);
    }

    private final Options options;

    public RdbDatasets(Options options) { this.options = options; }

    private static RedisVersion parsed(String text) {
        try {
            return RedisVersion.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param info an INFO dump of the same instance, if one was matched (it picks the allocator and is reconciled)
     */
    public DatasetOutcome analyze(Path file, List<MatchedInfo> candidates, KeyCostSink downstream, Progress progress) throws IOException {
        // The allocator needs a dump before reading; any candidate will do when they agree on the build.
        Optional<MatchedInfo> info = candidates.stream()
                .filter(c -> sameBuild(c, candidates.get(0))).count() == candidates.size() && !candidates.isEmpty()
                ? Optional.of(candidates.get(0)) : Optional.empty();
        Header h = header(file);
        RedisVersion version = null;
        String versionReason = null;
        // The file's and the dump's versions are untrusted text: one that does not parse ("7.x.15") is passed over
        // for the next source, down to the format version, and the reason says so.
        String unparsed = "";
        if (options.redisVersion() != null) {
            version = RedisVersion.parse(options.redisVersion());
            versionReason = "--redis-version " + options.redisVersion();
        }
        if (version == null && h.redisVer != null) {
            version = parsed(h.redisVer);
            if (version != null) versionReason = "redis-ver " + KeyName.escapeControls(h.redisVer) + " in the RDB";
            else unparsed = "redis-ver '" + KeyName.escapeControls(h.redisVer) + "' in the RDB is not a version; ";
        }
        Optional<String> infoVer = info.flatMap(i -> i.dump().text("redis_version"));
        if (version == null && infoVer.isPresent()) {
            version = parsed(infoVer.get());
            if (version != null) versionReason = unparsed + "redis_version of the matched INFO dump";
            else unparsed += "redis_version '" + KeyName.escapeControls(infoVer.get()) + "' of the matched INFO dump is not a version; ";
        }
        if (version == null) {
            version = RedisVersion.ofRdb(h.rdbVersion);
            versionReason = unparsed + "RDB format " + h.rdbVersion + (h.redisVer == null ? " (no redis-ver field)" : "")
                    + ": assumed Redis " + version;
        }
        final RedisVersion modelled = version;
        AllocatorChoice alloc = options.allocator() != null ? AllocatorChoice.explicit(options.allocator())
                : info.map(i -> AllocatorChoice.infer(i.dump().asMap())).orElseGet(() -> AllocatorChoice.assumed(modelled));
        boolean cluster = info.map(i -> "1".equals(i.dump().text("cluster_enabled").orElse("0"))).orElse(false);
        String policy = info.flatMap(i -> i.dump().text("maxmemory_policy")).orElse("noeviction");
        boolean sharedInts = !(policy.contains("lru") || policy.contains("lfu"));
        CostModel model = new CostModel(RedisLayout.of(version), alloc, EncodingThresholds.DEFAULTS.withOverrides(options.config()),
                cluster, sharedInts, versionReason);

        KeyAggregator agg = new KeyAggregator(options.aggregation());
        long[] keys = {0};
        RdbKeyCoster coster = new RdbKeyCoster(model, c -> {
            agg.accept(c);
            downstream.accept(c);
            keys[0]++;
        });
        AuxCapture aux = new AuxCapture(coster, progress);
        InputException error = null;
        try {
            RdbReader.read(file, options.limits(), aux);
        } catch (InputException e) {
            error = e;
        }
        progress.at(Files.size(file), keys[0]);
        agg.acceptSizeClasses(coster.sizeClasses());

        List<DatasetSummary.AllocatorTotals> whatIf = new ArrayList<>();
        List<Allocator> allocators = coster.whatIfAllocators();
        List<long[]> rows = coster.whatIf();
        for (int i = 0; i < allocators.size(); i++) {
            long[] r = rows.get(i);
            whatIf.add(new DatasetSummary.AllocatorTotals(allocators.get(i).name(), r[0], r[1], r[2], r[3], r[4]));
        }
        long estimated = coster.estimatedUsedMemory();
        long read = keys[0];
        // Reconcile with the candidate whose keyspace holds as many keys as the file did.
        Optional<MatchedInfo> closest = candidates.stream().min(java.util.Comparator.comparingLong(c -> Math.abs(keyspaceKeys(c) - read)));
        DatasetSummary.Reconciliation rec = closest.map(i -> new DatasetSummary.Reconciliation(String.valueOf(i.dump().source()), i.matchedBy(),
                i.dump().bytes("used_memory").orElse(-1), i.dump().bytes("used_memory_dataset").orElse(-1),
                i.dump().bytes("used_memory_startup").orElse(-1), i.dump().bytes("used_memory_rss").orElse(-1), estimated)).orElse(null);
        List<String> notes = new ArrayList<>();
        if (error != null) notes.add(error.getMessage());
        if (aux.checksumPresent && !aux.checksumOk) notes.add("checksum mismatch: the file's CRC64 does not match its contents");
        if (aux.modules > 0) notes.add(aux.modules + " module values skipped (priced by their size in the file)");
        String reason = "Redis " + version + " layout (" + versionReason + "); allocator " + alloc.allocator().name() + " (" + alloc.reason() + ")";
        DatasetSummary s = new DatasetSummary("RDB version " + h.rdbVersion + (h.redisVer != null ? ", written by Redis " + KeyName.escapeControls(h.redisVer) : ""),
                version.toString(), alloc.allocator().name(), reason, agg.summary(), estimated, aux.usedMem, whatIf, rec,
                error == null && aux.checksumOk, String.join("; ", notes), h.ctime == null ? -1 : h.ctime);
        return new DatasetOutcome(s, error);
    }

    private static boolean sameBuild(MatchedInfo a, MatchedInfo b) {
        return a.dump().text("mem_allocator").equals(b.dump().text("mem_allocator"))
                && a.dump().text("executable").equals(b.dump().text("executable"))
                && a.dump().text("redis_version").equals(b.dump().text("redis_version"));
    }

    private static long keyspaceKeys(MatchedInfo m) {
        return m.dump().keyspace().stream().mapToLong(io.fragscope.source.info.KeyspaceEntry::keys).sum();
    }

    /** An INFO dump matched to an RDB file, and how. */
    public record MatchedInfo(InfoDump dump, String matchedBy) {}

    record Header(int rdbVersion, String redisVer, String replId, Long ctime) {}

    /** Reads the magic and the leading AUX fields only, to choose the model before the real pass. */
    static Header header(Path file) throws IOException {
        int[] version = {0};
        String[] ver = {null, null, null};
        try (InputStream in = Files.newInputStream(file)) {
            RdbReader.read(in, file, Files.size(file), ReadLimits.DEFAULTS, new RdbVisitor() {
                @Override public void header(int v) { version[0] = v; }

                @Override public void aux(String k, String v) {
                    if (k.equals("redis-ver")) ver[0] = v;
                    if (k.equals("repl-id")) ver[1] = v;
                    if (k.equals("ctime")) ver[2] = v;
                }

                @Override public void beginKey(int db, byte[] key, int len, int t, long d, long e, long o) { throw new StopReading(); }

                @Override public void selectDb(int db) { throw new StopReading(); }

                @Override public void endKey(long o, long l, int f) { }
            });
        } catch (StopReading | InputException stop) {
            // the header is all we wanted; errors surface in the real pass with full context
        }
        Long ctime = null;
        try {
            if (ver[2] != null) ctime = Long.parseLong(ver[2].trim());
        } catch (NumberFormatException e) {
            ctime = null;
        }
        return new Header(version[0], ver[0], ver[1], ctime);
    }

    /** The repl-id AUX field (4.0+), which equals INFO's master_replid of the instance that wrote the file. */
    public static Optional<String> replicationId(Path file) throws IOException {
        return Optional.ofNullable(header(file).replId);
    }

    public static Optional<Long> creationTime(Path file) throws IOException {
        return Optional.ofNullable(header(file).ctime);
    }

    public static Optional<String> writerVersion(Path file) throws IOException {
        return Optional.ofNullable(header(file).redisVer);
    }

    private static final class StopReading extends RuntimeException {
        StopReading() { super(null, null, false, false); }
    }

    /** Passes events to the coster and keeps the AUX facts and checksum status the summary reports. */
    private static final class AuxCapture implements RdbVisitor {
        private final RdbKeyCoster c;
        private final Progress progress;
        long usedMem = -1;
        boolean checksumPresent, checksumOk = true;
        long modules;

        AuxCapture(RdbKeyCoster c, Progress progress) {
            this.c = c;
            this.progress = progress;
        }

        @Override public void header(int v) { c.header(v); }

        @Override public void aux(String k, String v) {
            if (k.equals("used-mem")) {
                try { usedMem = Long.parseLong(v.trim()); } catch (NumberFormatException e) { usedMem = -1; }
            }
            c.aux(k, v);
        }

        @Override public void selectDb(int db) { c.selectDb(db); }

        @Override public void resizeDb(long a, long b) { c.resizeDb(a, b); }

        @Override public void beginKey(int db, byte[] key, int len, int t, long d, long e, long o) { c.beginKey(db, key, len, t, d, e, o); }

        @Override public void stringValue(long length, boolean integer, long value) { c.stringValue(length, integer, value); }

        @Override public void blob(BlobKind kind, long rawBytes, long entries) { c.blob(kind, rawBytes, entries); }

        @Override public void quicklistNode(BlobKind kind, long rawBytes, long entries, int container) { c.quicklistNode(kind, rawBytes, entries, container); }

        @Override public void element(ElementRole role, long length, boolean integer, long value, boolean inBlob) { c.element(role, length, integer, value, inBlob); }

        @Override public void score(double s) { c.score(s); }

        @Override public void fieldExpire(long at) { c.fieldExpire(at); }

        @Override public void streamNode(long k, long lp) { c.streamNode(k, lp); }

        @Override public void streamMeta(long length, long ms, long seq, long nodes) { c.streamMeta(length, ms, seq, nodes); }

        @Override public void streamGroup(long n, long pel, long consumers) { c.streamGroup(n, pel, consumers); }

        @Override public void streamConsumer(long n, long pel) { c.streamConsumer(n, pel); }

        @Override public void moduleValue(long id, String name, long bytes) {
            modules++;
            c.moduleValue(id, name, bytes);
        }

        private long keys;

        @Override public void endKey(long endOffset, long lru, int lfu) {
            c.endKey(endOffset, lru, lfu);
            if ((++keys & 0xfff) == 0) progress.at(endOffset, keys);
        }

        @Override public void end(long offset, boolean present, boolean ok) {
            checksumPresent = present;
            checksumOk = ok;
        }
    }
}
