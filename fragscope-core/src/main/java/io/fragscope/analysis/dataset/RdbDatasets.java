package io.fragscope.analysis.dataset;

import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.cost.RdbKeyCoster;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.keys.KeyAggregator;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.model.Allocator;
import io.fragscope.model.AllocatorChoice;
import io.fragscope.source.InputException;
import io.fragscope.source.InputSource;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.rdb.RdbEventPipe;
import io.fragscope.source.rdb.RdbReader;

import io.fragscope.source.KeyName;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Explicit choices from the command line; null fields mean "infer".
     *
     * @param threads 1: read and price on the calling thread; more: read on a second thread ({@link RdbEventPipe})
     */
    public record Options(String allocator, String redisVersion, Map<String, Long> config, ReadLimits limits,
                          AggregationOptions aggregation, int threads, io.fragscope.source.Setting.Naming naming) {
        public Options {
            if (naming == null) naming = io.fragscope.source.Setting.LIBRARY;
        }

        public Options(String allocator, String redisVersion, Map<String, Long> config, ReadLimits limits, AggregationOptions aggregation,
                       int threads) {
            this(allocator, redisVersion, config, limits, aggregation, threads, io.fragscope.source.Setting.LIBRARY);
        }

        public Options(String allocator, String redisVersion, Map<String, Long> config, ReadLimits limits, AggregationOptions aggregation) {
            this(allocator, redisVersion, config, limits, aggregation, 1);
        }

        /** The same options, the model's reasons naming the settings by {@code n}. */
        public Options withNaming(io.fragscope.source.Setting.Naming n) {
            return new Options(allocator, redisVersion, config, limits, aggregation, threads, n);
        }
    }

    /** Reports bytes read as the file is consumed, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void at(long bytesRead, long keys);
    }

    private final Options options;
    private final boolean splitSizeClasses;

    public RdbDatasets(Options options) { this(options, false); }

    private RdbDatasets(Options options, boolean splitSizeClasses) {
        this.options = options;
        this.splitSizeClasses = splitSizeClasses;
    }

    /**
     * This reader, also splitting the size classes by key type and prefix ({@link SizeClassHistogram#owners()}): what a
     * MEMORY MALLOC-STATS capture of the instance needs to name the keys behind its holes. Off by default: it costs a
     * call per allocation priced.
     */
    public RdbDatasets splittingSizeClasses() { return new RdbDatasets(options, true); }


    /**
     * @param info an INFO dump of the same instance, if one was matched (it picks the allocator and is reconciled)
     */
    public DatasetOutcome analyze(Path file, List<MatchedInfo> candidates, KeyCostSink downstream, Progress progress) throws IOException {
        return analyze(InputSource.of(file), candidates, downstream, progress);
    }

    /** As {@link #analyze(Path, List, KeyCostSink, Progress)} for an input held anywhere (opened twice: header, then the pass). */
    public DatasetOutcome analyze(InputSource file, List<MatchedInfo> candidates, KeyCostSink downstream, Progress progress) throws IOException {
        return analyze(file, RdbHeader.read(file), candidates, downstream, progress);
    }

    /** As {@link #analyze(InputSource, List, KeyCostSink, Progress)} with the file's header already read (the caller matched INFO with it). */
    public DatasetOutcome analyze(InputSource file, RdbHeader h, List<MatchedInfo> candidates, KeyCostSink downstream, Progress progress) throws IOException {
        // The allocator needs a dump before reading; any candidate will do when they agree on the build.
        CostModel model = ModelChoice.choose(options.redisVersion(), options.allocator(), options.config(),
                InfoMatch.modelDump(candidates), Optional.of(new ModelChoice.Writer(h.rdbVersion(), h.valkeyMagic(), h.redisVer(), h.valkeyVer())),
                options.naming());
        AllocatorChoice alloc = model.allocator();

        KeyAggregator agg = new KeyAggregator(options.aggregation());
        long[] keys = {0};
        io.fragscope.analysis.reclaim.ProfileCollector profile = new io.fragscope.analysis.reclaim.ProfileCollector(model,
                options.aggregation(), file.modifiedMillis());
        io.fragscope.analysis.KeyCostSink profileSink = profile.sink();
        io.fragscope.analysis.keys.SizeClassOwners owners = splitSizeClasses
                ? new io.fragscope.analysis.keys.SizeClassOwners(options.aggregation()) : null;
        // Keys are priced on the reader's thread (the coster, with the size-class owners it tells of each allocation)
        // and their costs aggregated on this one; the lane keeps each cost between its key's events.
        RdbEventPipe.Lane<io.fragscope.analysis.KeyCost> costs = new RdbEventPipe.Lane<>(c -> {
            agg.accept(c);
            downstream.accept(c);
            profileSink.accept(c);
            keys[0]++;
        }, c -> c.key().heldLength() + 160L);   // the cost, its name and the name's bytes
        RdbKeyCoster coster = new RdbKeyCoster(model, c -> {
            if (owners != null) owners.key(c);
            costs.send(c);
        });
        if (owners != null) coster.observeSizeClasses(owners);
        AuxCapture aux = new AuxCapture(progress);
        InputException error = null;
        try {
            RdbEventPipe.read(file.name(), v -> {
                try (InputStream in = file.open()) {
                    RdbReader.read(in, file.name(), file.size(), options.limits(), v);
                }
            }, coster, costs, new io.fragscope.source.rdb.TeeVisitor(List.of(aux, profile)), options.threads());
        } catch (InputException e) {
            error = e;
        }
        progress.at(file.size(), keys[0]);
        SizeClassHistogram classes = coster.sizeClasses();
        agg.acceptSizeClasses(owners == null ? classes : classes.withOwners(owners.owners(SizeClassHistogram.OWNERS_PER_CLASS)));

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
        DatasetSummary.Reconciliation rec = InfoMatch.reconcileWith(candidates, read).map(i -> DatasetSummary.Reconciliation.of(i, estimated)).orElse(null);
        List<String> notes = new ArrayList<>();
        if (error != null) notes.add(error.getMessage());
        if (aux.checksumPresent && !aux.checksumOk && aux.trailingBytes > 0) {
            // A damaged byte read as the end-of-file opcode: the "end" comes early, its "checksum" is 8 bytes of data,
            // and the rest of the file follows. Redis refuses the file (rdbLoad: "Wrong RDB checksum").
            notes.add("checksum mismatch: the file's CRC64 does not match its contents, and " + aux.trailingBytes + " bytes follow the"
                    + " checksum read at offset " + aux.endOffset + ": most likely a damaged byte read as the end of the file, so"
                    + " only the keys before it were analysed; Redis refuses to load this file");
        } else {
            if (aux.checksumPresent && !aux.checksumOk) notes.add("checksum mismatch: the file's CRC64 does not match its contents");
            if (aux.trailingBytes > 0) {
                notes.add(aux.trailingBytes + " bytes after the RDB checksum at offset " + aux.trailingOffset + " were ignored, as Redis ignores them");
            }
        }
        if (coster.skippedEmptyKeys() > 0) notes.add(coster.skippedEmptyKeys() + " empty keys not priced: the server drops them on load");
        if (aux.modules > 0) notes.add(aux.modules + " module values skipped (priced by their size in the file)");
        notes.addAll(aux.readerNotes);
        if (aux.end && !aux.checksumPresent && aux.countedBlobs > 0 && !options.limits().sanitizeBlobs()) {
            // Without a checksum, nothing vouches for the bytes of the blobs the reader took by their header.
            notes.add(io.fragscope.source.Setting.text(options.naming(), "the file has no CRC64 checksum (RDB version 4 or older, or saved"
                    + " with rdbchecksum no): listpacks and intsets whose entries no figure needs were checked by their header where it"
                    + " could be read undecoded, as a loading server checks them, and nothing vouches for the rest of their bytes"
                    + " ({0} checks every one entry by entry)", io.fragscope.source.Setting.SANITIZE_BLOBS));
        }
        String reason = model.layout().version() + " layout (" + model.versionReason() + "); allocator " + alloc.allocator().name() + " (" + alloc.reason() + ")";
        String writer = h.valkeyVer() != null ? ", written by Valkey " + KeyName.escapeControls(h.valkeyVer()) : h.redisVer() != null ? ", written by " + (h.valkeyMagic() ? "Valkey " : "Redis ") + KeyName.escapeControls(h.redisVer()) : "";
        DatasetSummary s = new DatasetSummary((h.valkeyMagic() ? "Valkey RDB version " : "RDB version ") + h.rdbVersion() + writer,
                model.layout().version().toString(), alloc.allocator().name(), reason, agg.summary(), estimated, aux.usedMem, whatIf, rec,
                error == null && aux.checksumOk && aux.complete, String.join("; ", notes), h.ctime() == null ? -1 : h.ctime(),
                ModelChoice.clusterEnabled(InfoMatch.modelDump(candidates)));
        return new DatasetOutcome(s, error, profile.profile());
    }

    /**
     * An INFO dump matched to an RDB file or a listing, and how.
     *
     * @param byKeyCount a candidate among dumps of several instances: it stands only if its keyspace holds the keys read
     *                   (within 1 %) and no other instance's does ({@link InfoMatch#forListing})
     */
    public record MatchedInfo(InfoDump dump, String matchedBy, boolean byKeyCount) {
        public MatchedInfo(InfoDump dump, String matchedBy) { this(dump, matchedBy, false); }
    }


    /** Keeps the AUX facts, warnings and checksum status the summary reports, and tells the progress bar. */
    private static final class AuxCapture implements io.fragscope.source.rdb.RdbVisitor {
        private final Progress progress;
        long usedMem = -1;
        boolean checksumPresent, checksumOk = true;
        /** Where the checksum after the end-of-file opcode was read, and the bytes past it nobody read (none: 0). */
        long endOffset = -1, trailingOffset = -1, trailingBytes;
        long modules;
        /** False after a reader warning or an AOF tail: the input is then reported partial. */
        boolean complete = true;
        final List<String> readerNotes = new ArrayList<>();
        private long skippedOpcodes;
        private long keys;
        /** Blobs whose entries were counted, not sent (RdbVisitor.entriesCounted): most were taken by their header. */
        long countedBlobs;
        /** The reader reached the end of the file (its checksum, if any, was read). */
        boolean end;

        @Override public void entriesCounted(long entries) { countedBlobs++; }

        AuxCapture(Progress progress) { this.progress = progress; }

        /** It reads no element; asked with the others, it must not make the reader walk every blob. */
        @Override public boolean wantsEntries(int rdbType, long keyBytes, long rawBytes, long entries) { return false; }

        @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {}

        @Override public void aux(String k, String v) {
            if (k.equals("used-mem")) {
                try { usedMem = Long.parseLong(v.trim()); } catch (NumberFormatException e) { usedMem = -1; }
            }
        }

        @Override public void skippedOpcode(int opcode, String name, long offset, long bytes) {
            if (skippedOpcodes++ == 0) readerNotes.add("opcodes this model does not need were skipped by their length, first " + name + " at offset " + offset);
        }

        @Override public void warning(long offset, String message) {
            complete = false;
            readerNotes.add(message);
        }

        @Override public void aofTail(long offset, long bytes, long commands, boolean clean) {
            complete = false;
            readerNotes.add("an AOF with an RDB preamble: the RDB part was analysed; the AOF tail of " + bytes + " bytes from offset " + offset
                    + " holds " + commands + " commands" + (clean ? "" : " and an incomplete or unreadable end") + ", not analysed");
        }

        @Override public void trailingBytes(long offset, long bytes) {
            trailingOffset = offset;
            trailingBytes = bytes;
        }

        @Override public void moduleValue(long id, String name, long bytes) {
            // Vector sets are decoded and priced node by node; other modules' values only by their size in the file.
            if (!io.fragscope.source.rdb.RdbFormat.VECTORSET_MODULE.equals(name)) modules++;
        }


        @Override public void endKey(long endOffset, long lru, int lfu) {
            if ((++keys & 0xfff) == 0) progress.at(endOffset, keys);
        }

        @Override public void end(long offset, boolean present, boolean ok) {
            end = true;
            endOffset = offset;
            checksumPresent = present;
            checksumOk = ok;
        }
    }
}
