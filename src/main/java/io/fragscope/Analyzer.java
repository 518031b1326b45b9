package io.fragscope;

import io.fragscope.analysis.dataset.DatasetOutcome;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.dataset.DatasetFindings;
import io.fragscope.analysis.dataset.DatasetGrowth;
import io.fragscope.analysis.dataset.InfoMatch;
import io.fragscope.analysis.dataset.ListingDatasets;
import io.fragscope.analysis.dataset.RdbDatasets;
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

    public Analyzer(AnalysisRequest request) {
        this.request = request;
        this.listingSniffer = head -> ListingSniffer.sniff(head).isPresent();
    }

    public AnalysisResult run() {
        return run(KeyListener.NONE, ProgressListener.NONE);
    }

    /** Runs the analysis, handing every key's cost to {@code keys} as it is computed. */
    public AnalysisResult run(KeyListener keys, ProgressListener progress) {
        List<InputReport> reports = new ArrayList<>();
        List<InfoDump> dumps = new ArrayList<>();
        List<Dataset> datasets = new ArrayList<>();
        List<Path> listings = new ArrayList<>();
        List<Path> rdbs = new ArrayList<>();
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
                case INFO -> readInfo(c.path(), reports, dumps);
                case LISTING -> listings.add(c.path());
                case RDB -> rdbs.add(c.path());
                case UNKNOWN -> reports.add(new InputReport(c.path(), kind,
                        c.explicit() ? InputReport.Status.ERROR : InputReport.Status.SKIPPED,
                        c.path() + ": not a Redis INFO dump, RDB file or key-size listing"));
            }
        }
        // INFO first: it tells the key inputs which allocator and version the instance ran.
        List<Series> series = new InfoAnalyzer(request.thresholds()).analyze(dumps);
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
        return new AnalysisResult(reports, series, datasets, DatasetGrowth.between(datasets));
    }

    private void readRdb(Path file, List<InputReport> reports, List<Dataset> datasets, KeyListener keys, List<Series> series,
                         ProgressListener progress) {
        AnalysisRequest.ModelOptions mo = request.model();
        RdbDatasets reader = new RdbDatasets(new RdbDatasets.Options(mo.allocator(), mo.redisVersion(), mo.configOverrides(),
                request.limits(), aggregation()));
        try (ProgressListener.Tracker t = progress.start(file, Files.size(file))) {
            List<RdbDatasets.MatchedInfo> info = InfoMatch.find(file, series);
            DatasetOutcome o = reader.analyze(file, info, keys.open(file, InputKind.RDB), t::update);
            DatasetSummary.Reconciliation r = o.summary().reconciliation();
            String name = r == null ? seriesName(file) : info.stream().filter(i -> String.valueOf(i.dump().source()).equals(r.infoSource()))
                    .findFirst().map(i -> seriesOf(series, i)).orElse(seriesName(file));
            datasets.add(new Dataset(file, InputKind.RDB, name, DatasetFindings.of(o.summary()), o.summary()));
            InputReport.Status status = o.error() != null && o.summary().keys().totals().keys() == 0 ? InputReport.Status.ERROR
                    : o.error() != null || !o.summary().complete() ? InputReport.Status.PARTIAL : InputReport.Status.OK;
            String note = o.summary().note();
            reports.add(new InputReport(file, InputKind.RDB, status, note.isEmpty() ? "" : note.startsWith(file.toString()) ? note : file + ": " + note));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException r && Crash.isUnexpected(r)) throw r;
            reports.add(new InputReport(file, InputKind.RDB, InputReport.Status.ERROR, message(file, e)));
        }
    }

    private static String seriesOf(List<Series> series, RdbDatasets.MatchedInfo info) {
        for (Series s : series) for (var d : s.dumps()) if (d.dump() == info.dump()) return s.name();
        return "";
    }

    /** The dumps of the one instance whose INFO dumps sit beside a listing, if there is exactly one such instance. */
    private static List<RdbDatasets.MatchedInfo> instanceNear(Path file, List<Series> series) {
        Path folder = file.toAbsolutePath().getParent();
        List<Series> near = series.stream().filter(s -> {
            Path src = s.latest().dump().source();
            if (src == null || folder == null) return false;
            Path dir = src.toAbsolutePath().getParent();
            return dir.equals(folder) || dir.getParent() != null && dir.getParent().equals(folder.getParent());
        }).toList();
        if (near.size() != 1) return List.of();
        return near.get(0).dumps().stream().map(d -> new RdbDatasets.MatchedInfo(d.dump(),
                "the instance with INFO dumps beside the listing; the dump whose keyspace is closest to it")).toList();
    }

    /**
     * A listing says nothing of the server: the model comes from the options, else from the one instance whose
     * INFO dumps sit beside the listing, else Redis 7.0 with its bundled jemalloc.
     */
    private io.fragscope.analysis.cost.CostModel listingModel(Optional<RdbDatasets.MatchedInfo> nearInfo) {
        AnalysisRequest.ModelOptions mo = request.model();
        io.fragscope.source.info.InfoDump near = nearInfo.map(RdbDatasets.MatchedInfo::dump).orElse(null);
        io.fragscope.model.RedisVersion v;
        String why;
        if (mo.redisVersion() != null) { v = io.fragscope.model.RedisVersion.parse(mo.redisVersion()); why = "--redis-version"; }
        else if (near != null && near.text("redis_version").isPresent()) { v = io.fragscope.model.RedisVersion.parse(near.text("redis_version").get()); why = "INFO dump " + near.source(); }
        else { v = new io.fragscope.model.RedisVersion(7, 0); why = "no version known: assumed 7.0"; }
        io.fragscope.model.AllocatorChoice alloc = mo.allocator() != null ? io.fragscope.model.AllocatorChoice.explicit(mo.allocator())
                : near != null ? io.fragscope.model.AllocatorChoice.infer(near.asMap()) : io.fragscope.model.AllocatorChoice.assumed(v);
        return new io.fragscope.analysis.cost.CostModel(io.fragscope.model.RedisLayout.of(v), alloc,
                io.fragscope.model.EncodingThresholds.DEFAULTS.withOverrides(mo.configOverrides()), false, true, why);
    }

    private void readListing(Path file, List<InputReport> reports, List<Dataset> datasets, KeyListener keys, List<Series> series) {
        ListingOptions options = ListingOptions.DEFAULTS.withLimits(request.limits());
        if (request.keys().listingFormat() != null) {
            java.util.Optional<io.fragscope.source.listing.ListingFormat> f = io.fragscope.source.listing.ListingFormat.byName(request.keys().listingFormat());
            if (f.isEmpty()) {
                reports.add(new InputReport(file, InputKind.LISTING, InputReport.Status.ERROR,
                        file + ": unknown --listing-format '" + request.keys().listingFormat() + "'"));
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
            List<RdbDatasets.MatchedInfo> near = instanceNear(file, series);
            DatasetOutcome o = new ListingDatasets(options, aggregation(), listingModel(near.stream().reduce((a, b) -> b)), near)
                    .analyze(file, keys.open(file, InputKind.LISTING));
            datasets.add(new Dataset(file, InputKind.LISTING, seriesName(file), DatasetFindings.of(o.summary()), o.summary()));
            reports.add(new InputReport(file, InputKind.LISTING, o.error() == null ? InputReport.Status.OK : InputReport.Status.PARTIAL,
                    o.error() == null ? "" : o.error().getMessage()));
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
     * The instance a key file belongs to when no INFO dump says: the stem of a timestamped name
     * ({@code cache-01-20261124.rdb} → {@code cache-01}), else the file itself (shards named dump.rdb in
     * different folders are different instances).
     */
    private static String seriesName(Path file) {
        String name = file.getFileName().toString();
        return io.fragscope.analysis.info.CaptureTime.stem(name).orElse(file.toString());
    }

    /**
     * An input whose reading failed unexpectedly (out of memory, a bug): what it held is dropped (so the heap is
     * free again), the rest of the run goes on, and the CLI ends with exit status 3.
     */
    private static InputReport crashed(Path file, InputKind kind, Throwable t) {
        return new InputReport(file, kind, InputReport.Status.CRASHED, file + ": " + Crash.describe(t));
    }

    private static String message(Path file, Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return e instanceof InputException || m.startsWith(file.toString()) ? m : file + ": " + m;
    }

    private void readInfo(Path file, List<InputReport> reports, List<InfoDump> dumps) {
        try {
            readInfoDump(file, reports, dumps);
        } catch (RuntimeException | Error e) {
            reports.add(Crash.isUnexpected(e) ? crashed(file, InputKind.INFO, e)
                    : new InputReport(file, InputKind.INFO, InputReport.Status.ERROR, message(file, e)));
        }
    }

    private void readInfoDump(Path file, List<InputReport> reports, List<InfoDump> dumps) {
        try {
            InfoDump d = new InfoParser(request.limits()).parse(file);
            dumps.add(d);
            reports.add(new InputReport(file, InputKind.INFO, d.partial() ? InputReport.Status.PARTIAL : InputReport.Status.OK,
                    d.partial() ? file + ": " + String.join("; ", d.warnings()) : ""));
        } catch (InputException e) {
            reports.add(new InputReport(file, InputKind.INFO, InputReport.Status.ERROR, e.getMessage()));
        } catch (IOException e) {
            reports.add(new InputReport(file, InputKind.INFO, InputReport.Status.ERROR, file + ": " + e.getMessage()));
        }
    }

    record Candidate(Path path, boolean explicit) {}

    /** Folders are walked in name order so runs are reproducible; hidden files in folders are left out. */
    private List<Candidate> expand(List<InputReport> reports) {
        List<Candidate> out = new ArrayList<>();
        for (Path p : request.explicitInputs()) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(f -> out.add(new Candidate(f, false)));
                } catch (IOException | UncheckedIOException e) {
                    reports.add(new InputReport(p, InputKind.UNKNOWN, InputReport.Status.ERROR, p + ": cannot list folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                out.add(new Candidate(p, true));
            } else {
                reports.add(new InputReport(p, InputKind.UNKNOWN, InputReport.Status.ERROR,
                        p + ": " + (Files.exists(p) ? "not a readable file" : "no such file or folder")));
            }
        }
        return out;
    }
}
