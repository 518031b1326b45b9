package io.fragscope;

import io.fragscope.analysis.dataset.DatasetOutcome;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.dataset.DatasetFindings;
import io.fragscope.analysis.dataset.DatasetGrowth;
import io.fragscope.analysis.dataset.InfoMatch;
import io.fragscope.analysis.dataset.ListingDatasets;
import io.fragscope.analysis.dataset.RdbDatasets;
import io.fragscope.analysis.dataset.RdbHeader;
import io.fragscope.analysis.info.InfoAnalyzer;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.listing.ColumnMapping;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingSniffer;
import io.fragscope.analysis.info.Series;
import io.fragscope.source.InputException;
import io.fragscope.source.InputKind;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The library's entry point: inputs in, {@link AnalysisResult} out. Unreadable inputs never stop the
 * run; they are reported in {@link AnalysisResult#inputs()} and the rest is analysed.
 */
public final class Analyzer {

    private final AnalysisRequest request;
    private final InputKind.ListingSniffer listingSniffer;
    /** Key inputs (RDB files, listings) opened so far in this run: the next one's {@link Dataset#id()} less one. */
    private int keyInputs;
    /** A MEMORY MALLOC-STATS capture is among the inputs: the RDB passes split their size classes by key for it. */
    private boolean mallocStats;
    /**
     * RDB files of a run whose prefix tree (the memory map) is kept whole: the memory map draws the first of them; the
     * others keep the root alone, so a run over hundreds of files does not hold up to 2,000 tree nodes for each.
     */
    public static final int PREFIX_MAPS_KEPT = 20;
    private int prefixMaps;

    /** Folders holding the run's key files (InfoMatch's sibling rule), known once every input is classified. */
    private java.util.Set<Path> keyFolders = java.util.Set.of();

    public Analyzer(AnalysisRequest request) {
        this.request = request;
        this.listingSniffer = head -> ListingSniffer.sniff(head).isPresent();
    }

    public AnalysisResult run() {
        return run(KeyListener.NONE, ProgressListener.NONE);
    }

    /** Runs the analysis, handing every key's cost to {@code keys} as it is computed. */
    public AnalysisResult run(KeyListener keys, ProgressListener progress) {
        keyInputs = 0;
        prefixMaps = 0;
        List<InputReport> reports = new ArrayList<>();
        InfoAnalyzer.Collector dumps = new InfoAnalyzer(request.thresholds(), f -> RunRollup.folderInstance(f, request.explicitInputs())).collector(request.since(),
                f -> new InfoParser(request.limits()).parse(f));
        // Bounded in the heap: past the first few key files, each dataset's tables go to a temporary file.
        HeldDatasets datasets = new HeldDatasets();
        List<Path> listings = new ArrayList<>();
        List<Path> rdbs = new ArrayList<>();
        List<io.fragscope.source.memstats.MemoryStats> memoryStats = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        List<Path> keyScans = new ArrayList<>();
        List<Path> infoFiles = new ArrayList<>();
        for (Candidate c : expand(reports)) {
            InputKind kind;
            try {
                kind = InputKind.detect(c.path(), listingSniffer);
            } catch (IOException | RuntimeException | Error e) {
                if (Crash.isUnexpected(e)) reports.add(crashed(c.path(), InputKind.UNKNOWN, e));
                else reports.add(new InputReport(c.path(), InputKind.UNKNOWN, InputReport.Status.ERROR, message(c.path(), e)));
                continue;
            }
            switch (kind) {
                case INFO -> infoFiles.add(c.path()); // after every MEMORY STATS reply is known, to pair them
                case LISTING -> listings.add(c.path());
                case RDB -> rdbs.add(c.path());
                case MEMORY_STATS -> readMemoryStats(c.path(), reports, memoryStats);
                case MEMORY_DOCTOR -> others.add(c.path());
                case MALLOC_STATS -> {
                    others.add(c.path());
                    mallocStats = true;
                }
                case BIGKEYS -> keyScans.add(c.path());
                case UNKNOWN -> reports.add(unknown(c));
            }
        }
        io.fragscope.source.memstats.MemoryStatsJoin.Stream joiner = new io.fragscope.source.memstats.MemoryStatsJoin.Stream(memoryStats);
        for (Path p : infoFiles) readInfo(p, reports, dumps, joiner);
        for (InfoDump alone : joiner.leftovers()) dumps.add(alone);
        List<String> joinNotes = joiner.notes();
        for (int i = 0; i < memoryStats.size(); i++) {
            io.fragscope.source.memstats.MemoryStats m = memoryStats.get(i);
            reports.add(new InputReport(m.source(), InputKind.MEMORY_STATS,
                    m.warnings().isEmpty() ? InputReport.Status.OK : InputReport.Status.PARTIAL,
                    m.source() + ": MEMORY STATS " + joinNotes.get(i) + (m.warnings().isEmpty() ? "" : "; " + String.join("; ", m.warnings()))));
        }
        // INFO first: it tells the key inputs which allocator and version the instance ran.
        List<Series> series = dumps.finish();
        java.util.Map<Path, InfoAnalyzer.Dropped> dropped = new java.util.HashMap<>();
        for (InfoAnalyzer.Dropped d : dumps.dropped()) dropped.put(d.source(), d);
        if (!dropped.isEmpty()) {
            reports.replaceAll(r -> !dropped.containsKey(r.path()) ? r : new InputReport(r.path(), r.kind(), InputReport.Status.SKIPPED,
                    r.path() + ": captured " + dropped.get(r.path()).capturedAt() + ", before the "
                            + request.naming().name(io.fragscope.source.Setting.SINCE) + " window"));
        }
        // A sibling folder holding key files of its own is another shard's: its dumps are not these files' (InfoMatch).
        java.util.List<Path> keyFiles = new ArrayList<>(rdbs);
        keyFiles.addAll(listings);
        keyFiles.addAll(keyScans);
        keyFolders = InfoMatch.foldersOf(keyFiles);
        for (Path p : rdbs) {
            try {
                readRdb(p, reports, datasets, keys, series, progress);
            } catch (RuntimeException | Error e) {
                reports.add(crashed(p, InputKind.RDB, e));
            }
        }
        for (Path p : listings) {
            try {
                readListing(p, reports, datasets, keys, series);
            } catch (RuntimeException | Error e) {
                reports.add(crashed(p, InputKind.LISTING, e));
            }
        }
        for (Path p : keyScans) {
            try {
                readKeyScan(p, reports, datasets, keys);
            } catch (RuntimeException | Error e) {
                reports.add(crashed(p, InputKind.BIGKEYS, e));
            }
        }
        series = new io.fragscope.analysis.info.CaptureInputs(request.limits()).read(others, series, datasets, reports);
        return new AnalysisResult(reports, series, datasets, DatasetGrowth.between(datasets),
                io.fragscope.analysis.reclaim.InstancePlans.of(series, datasets));
    }

    private void readRdb(Path file, List<InputReport> reports, List<Dataset> datasets, KeyListener keys, List<Series> series,
                         ProgressListener progress) {
        AnalysisRequest.ModelOptions mo = request.model();
        RdbDatasets reader = new RdbDatasets(new RdbDatasets.Options(mo.allocator(), mo.redisVersion(), mo.configOverrides(),
                request.limits(), aggregation(), request.threads(), request.naming()));
        if (mallocStats) reader = reader.splittingSizeClasses();
        try (ProgressListener.Tracker t = progress.start(file, Files.size(file))) {
            io.fragscope.source.InputSource input = io.fragscope.source.InputSource.of(file);
            RdbHeader header = RdbHeader.read(input);
            List<RdbDatasets.MatchedInfo> info = InfoMatch.find(file, header, series, keyFolders);
            int id = ++keyInputs;
            DatasetOutcome o = reader.analyze(input, header, info, keys.open(file, InputKind.RDB, id), t::update);
            DatasetSummary.Reconciliation r = o.summary().reconciliation();
            String name = datasetSeries(file, r, info, series);
            var profile = o.profile();
            if (profile != null && prefixMaps++ >= PREFIX_MAPS_KEPT) profile = profile.withWhere(profile.where().withoutPrefixTree());
            datasets.add(new Dataset(file, InputKind.RDB, name, DatasetFindings.of(InputKind.RDB, o.summary()), o.summary(), profile, id));
            reports.add(KeyInputStatus.of(file, InputKind.RDB, o));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException r && Crash.isUnexpected(r)) throw r;
            reports.add(new InputReport(file, InputKind.RDB, InputReport.Status.ERROR, message(file, e)));
        }
    }

    /**
     * The instance a key file is of: the series of the INFO dump it was reconciled with, as for an RDB so for a listing
     * (fragscope.prom labelled the samples' listing by its path beside its RDB's cache-01), else its own name's stem.
     */
    private static String datasetSeries(Path file, DatasetSummary.Reconciliation r, List<RdbDatasets.MatchedInfo> candidates, List<Series> series) {
        if (r == null) return Dataset.seriesOf(file);
        return candidates.stream().filter(i -> io.fragscope.source.FileNames.text(i.dump().source()).equals(r.infoSource()))
                .findFirst().map(i -> seriesOf(series, i)).orElse(Dataset.seriesOf(file));
    }

    private static String seriesOf(List<Series> series, RdbDatasets.MatchedInfo info) {
        for (Series s : series) for (var d : s.dumps()) if (d.dump() == info.dump()) return s.name();
        return "";
    }

    /**
     * A listing says nothing of the server: the model comes from the options, else from the INFO dumps beside the
     * listing ({@link InfoMatch#besideListing}, when they are all of one build, of one instance or several), else
     * the newest server the listing's format can come from (redis-rdb-tools: 6.2), else Redis 7.0 with its bundled jemalloc.
     */
    private io.fragscope.analysis.cost.CostModel listingModel(List<RdbDatasets.MatchedInfo> beside, io.fragscope.source.listing.ListingFormat format) {
        AnalysisRequest.ModelOptions mo = request.model();
        return io.fragscope.analysis.dataset.ModelChoice.forListing(mo.redisVersion(), mo.allocator(), mo.configOverrides(),
                InfoMatch.modelDump(beside), format, request.naming());
    }

    /** A --bigkeys/--memkeys/--keystats summary: its named keys as a partial key listing (KeyScanDatasets). */
    private void readKeyScan(Path file, List<InputReport> reports, List<Dataset> datasets, KeyListener keys) {
        try {
            io.fragscope.source.bigkeys.KeyScanSummary k = new io.fragscope.source.bigkeys.KeyScanSummaryParser(request.limits()).parse(file);
            int id = ++keyInputs;
            DatasetOutcome o = io.fragscope.analysis.dataset.KeyScanDatasets.analyze(k, aggregation(), keys.open(file, InputKind.BIGKEYS, id));
            datasets.add(new Dataset(file, InputKind.BIGKEYS, Dataset.seriesOf(file), List.of(), o.summary(), null, id));
            reports.add(io.fragscope.analysis.info.CaptureInputs.keyScanReport(file, k));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException r && Crash.isUnexpected(r)) throw r;
            reports.add(new InputReport(file, InputKind.BIGKEYS, InputReport.Status.ERROR, message(file, e)));
        }
    }

    private void readListing(Path file, List<InputReport> reports, List<Dataset> datasets, KeyListener keys, List<Series> series) {
        ListingOptions options = ListingOptions.DEFAULTS.withLimits(request.limits()).withNaming(request.naming());
        if (request.keys().listingFormat() != null) {
            java.util.Optional<io.fragscope.source.listing.ListingFormat> f = io.fragscope.source.listing.ListingFormat.byName(request.keys().listingFormat());
            if (f.isEmpty()) {
                reports.add(new InputReport(file, InputKind.LISTING, InputReport.Status.ERROR, file + ": unknown "
                        + request.naming().name(io.fragscope.source.Setting.LISTING_FORMAT) + " '" + request.keys().listingFormat() + "'"));
                return;
            }
            options = options.withFormat(f.get());
        }
        if (request.keys().listingColumns() != null) {
            try {
                options = options.withColumns(ColumnMapping.parse(request.keys().listingColumns()));
            } catch (IllegalArgumentException e) {
                reports.add(new InputReport(file, InputKind.LISTING, InputReport.Status.ERROR, file + ": " + e.getMessage()));
                return;
            }
        }
        try {
            List<RdbDatasets.MatchedInfo> near = InfoMatch.forListing(file, series, keyFolders);
            int id = ++keyInputs;
            List<RdbDatasets.MatchedInfo> beside = InfoMatch.besideListing(file, series, keyFolders);
            DatasetOutcome o = new ListingDatasets(options, aggregation(), near, format -> listingModel(beside, format))
                    .analyze(file, keys.open(file, InputKind.LISTING, id));
            datasets.add(new Dataset(file, InputKind.LISTING, datasetSeries(file, o.summary().reconciliation(), near, series),
                    DatasetFindings.of(InputKind.LISTING, o.summary()), o.summary(), null, id));
            reports.add(KeyInputStatus.of(file, InputKind.LISTING, o));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException r && Crash.isUnexpected(r)) throw r;
            reports.add(new InputReport(file, InputKind.LISTING, InputReport.Status.ERROR, message(file, e)));
        }
    }

    private AggregationOptions aggregation() {
        AnalysisRequest.KeyOptions k = request.keys();
        return new AggregationOptions(k.prefixSeparators(), k.prefixDepth(), k.maxPrefixes(), AggregationOptions.DEFAULTS.maxGroups(), k.topN());
    }


    /**
     * An input whose reading failed unexpectedly (out of memory, a bug): what it held is dropped (so the heap is
     * free again), the rest of the run goes on, and the CLI ends with exit status 3.
     */
    private static InputReport crashed(Path file, InputKind kind, Throwable t) {
        return new InputReport(file, kind, InputReport.Status.CRASHED, file + ": " + Crash.describe(t));
    }

    private String message(Path file, Throwable e) { return InputReport.errorMessage(file, e, request.naming()); }

    private void readMemoryStats(Path file, List<InputReport> reports, List<io.fragscope.source.memstats.MemoryStats> out) {
        try {
            out.add(new io.fragscope.source.memstats.MemoryStatsParser(request.limits()).parse(file));
        } catch (InputException e) {
            reports.add(new InputReport(file, InputKind.MEMORY_STATS, InputReport.Status.ERROR, e.getMessage()));
        } catch (IOException e) {
            reports.add(new InputReport(file, InputKind.MEMORY_STATS, InputReport.Status.ERROR, file + ": " + e.getMessage()));
        }
    }

    private void readInfo(Path file, List<InputReport> reports, InfoAnalyzer.Collector dumps,
                          io.fragscope.source.memstats.MemoryStatsJoin.Stream memoryStats) {
        try {
            readInfoDump(file, reports, dumps, memoryStats);
        } catch (RuntimeException | Error e) {
            reports.add(Crash.isUnexpected(e) ? crashed(file, InputKind.INFO, e)
                    : new InputReport(file, InputKind.INFO, InputReport.Status.ERROR, message(file, e)));
        }
    }

    private void readInfoDump(Path file, List<InputReport> reports, InfoAnalyzer.Collector dumps,
                              io.fragscope.source.memstats.MemoryStatsJoin.Stream memoryStats) {
        try {
            InfoDump d = new InfoParser(request.limits()).parse(file);
            dumps.add(memoryStats.offer(d));
            reports.add(new InputReport(file, InputKind.INFO, d.partial() ? InputReport.Status.PARTIAL : InputReport.Status.OK,
                    d.partial() ? file + ": " + String.join("; ", d.warnings()) : ""));
        } catch (InputException e) {
            reports.add(new InputReport(file, InputKind.INFO, InputReport.Status.ERROR, e.getMessage()));
        } catch (IOException e) {
            reports.add(new InputReport(file, InputKind.INFO, InputReport.Status.ERROR, file + ": " + e.getMessage()));
        }
    }

    /** A failed capture (redis-cli's error in place of INFO) is an error, never skipped: the instance's latest state is unknown. */
    private static InputReport unknown(Candidate c) {
        try {
            Optional<String> failed = io.fragscope.source.FailedCapture.of(c.path());
            if (failed.isPresent()) {
                return new InputReport(c.path(), InputKind.INFO, InputReport.Status.ERROR, c.path() + ": failed capture: " + failed.get());
            }
        } catch (IOException e) {
            return new InputReport(c.path(), InputKind.UNKNOWN, InputReport.Status.ERROR, c.path() + ": " + e.getMessage());
        }
        return new InputReport(c.path(), InputKind.UNKNOWN, c.explicit() ? InputReport.Status.ERROR : InputReport.Status.SKIPPED,
                c.path() + ": not a Redis INFO dump, RDB file or key-size listing");
    }

    record Candidate(Path path, boolean explicit) {}

    /** A file every fragscope report folder holds, and only it writes. */
    static final String REPORT_MARK = "fragscope.prom";

    private static boolean isReportFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(REPORT_MARK)) && Files.isRegularFile(dir.resolve("summary.json"));
    }

    /** Why a folder entry that is not a regular file is not read. */
    private static String notAFile(Path f) {
        if (!Files.isSymbolicLink(f)) return "not a regular file (a pipe, a socket or a device): not read";
        if (Files.isDirectory(f)) return "a link to a folder: not followed in a folder walk (name it on the command line to read it)";
        return Files.exists(f) ? "a link to something that is not a regular file: not read" : "a link to nothing (dangling): not read";
    }

    /**
     * Folders are walked in name order so runs are reproducible; hidden files in folders are left out, and so is a
     * folder of fragscope's own reports (one holding {@value #REPORT_MARK} and summary.json, such as {@code -o reports}
     * under the data it analyses): its keys.csv is a listing of keys the run reads anyway, and would count them twice.
     * Each such folder is listed as left out, as is an entry that is no regular file ({@link #notAFile}); a file of
     * a reports folder named on the command line is read.
     */
    private List<Candidate> expand(List<InputReport> reports) {
        List<Candidate> out = new ArrayList<>();
        for (Path p : request.explicitInputs()) {
            if (Files.isDirectory(p)) {
                java.util.Map<Path, Boolean> reportFolder = new java.util.TreeMap<>(); // asked once per folder, not per file
                try (Stream<Path> walk = Files.walk(p)) {
                    List<Path> entries = walk.filter(f -> !f.equals(p) && !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().toList();
                    for (Path f : entries) {
                        if (!Files.isRegularFile(f)) {
                            // Said, not dropped: a link to nothing or to a folder (not followed), a pipe, a socket, a device.
                            reports.add(new InputReport(f, InputKind.UNKNOWN, InputReport.Status.SKIPPED, f + ": " + notAFile(f)));
                        } else if (f.getParent() == null || !reportFolder.computeIfAbsent(f.getParent(), Analyzer::isReportFolder)) {
                            out.add(new Candidate(f, false));
                        }
                    }
                    for (var e : reportFolder.entrySet()) {
                        if (!e.getValue()) continue;
                        Path dir = e.getKey();
                        reports.add(new InputReport(dir, InputKind.UNKNOWN, InputReport.Status.SKIPPED, dir
                                + ": a folder of fragscope's reports (" + REPORT_MARK + ", summary.json): left out, its keys.csv would count keys twice"));
                    }
                } catch (IOException | UncheckedIOException e) {
                    reports.add(new InputReport(p, InputKind.UNKNOWN, InputReport.Status.ERROR, p + ": cannot list folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                out.add(new Candidate(p, true));
            } else {
                reports.add(new InputReport(p, InputKind.UNKNOWN, InputReport.Status.ERROR,
                        p + ": " + (!Files.exists(p) ? "no such file or folder"
                                : Files.isRegularFile(p) ? InputReport.PERMISSION_DENIED : "not a readable file")));
            }
        }
        return out;
    }
}
