package io.fragscope;

import io.fragscope.analysis.cost.CostModel;
import io.fragscope.analysis.dataset.DatasetFindings;
import io.fragscope.analysis.dataset.DatasetOutcome;
import io.fragscope.analysis.dataset.ListingDatasets;
import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.analysis.dataset.RdbDatasets;
import io.fragscope.analysis.info.InfoAnalyzer;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.FailedCapture;
import io.fragscope.source.InputKind;
import io.fragscope.source.InputSource;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.listing.ColumnMapping;
import io.fragscope.source.listing.ListingFormat;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingSniffer;
import io.fragscope.source.memstats.MemoryStats;
import io.fragscope.source.memstats.MemoryStatsParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The per-input entry point: one input, held anywhere ({@link InputSource}: a name, a size, a stream opener), read
 * and analysed alone, in constant heap, into an {@link InputResult}. A front end that spreads inputs over machines
 * (the Spark job) calls this once per input and merges the results' summaries ({@link
 * io.fragscope.analysis.keys.KeySummary#merge}); {@link Analyzer} is the whole-run entry point that also matches
 * INFO dumps to key files and builds series.
 *
 * <p>An input's kind is detected from its content. Unreadable or damaged inputs never throw: they come back with
 * status {@code error} or {@code partial} and the reader's one-line message (file and line or offset); an
 * unexpected failure (out of memory, a bug) comes back {@code crashed}. The request's inputs list is not used; its
 * limits, thresholds, model and key options are. Thread-safe: one instance may serve many threads.
 */
public final class InputAnalyzer {

    private final AnalysisRequest request;
    private final InputKind.ListingSniffer listingSniffer = head -> ListingSniffer.sniff(head).isPresent();

    public InputAnalyzer(AnalysisRequest request) {
        this.request = request;
    }

    public InputResult analyze(InputSource input) {
        return analyze(input, List.of(), KeyListener.NONE);
    }

    /**
     * @param sameInstance INFO dumps the caller knows are of the instance that wrote this key input (a manifest
     *                     says so): they choose the allocator and the one whose keyspace is closest is reconciled,
     *                     as {@link Analyzer} does with the dumps it matches; empty for none
     * @param keys         receives every key's cost as it is computed
     */
    public InputResult analyze(InputSource input, List<InfoDump> sameInstance, KeyListener keys) {
        Path name = input.name();
        InputKind kind = InputKind.UNKNOWN;
        try {
            kind = InputKind.detect(input, listingSniffer);
            return switch (kind) {
                case INFO -> info(input);
                case RDB -> rdb(input, matched(sameInstance, "given as the same instance"), keys);
                case LISTING -> listing(input, matched(sameInstance, "given as the same instance"), keys);
                case MEMORY_STATS -> memoryStats(input);
                case MEMORY_DOCTOR, MALLOC_STATS, BIGKEYS -> InputResult.of(new InputReport(name, kind, InputReport.Status.SKIPPED,
                        name + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                                + " capture: it adds to an instance's INFO series, so only a whole run (Analyzer) reads it"));
                case UNKNOWN -> unknown(input);
            };
        } catch (IOException | RuntimeException | Error e) {
            if (Crash.isUnexpected(e)) {
                return InputResult.of(new InputReport(name, kind, InputReport.Status.CRASHED, name + ": " + Crash.describe(e)));
            }
            return InputResult.of(new InputReport(name, kind, InputReport.Status.ERROR, message(name, e)));
        }
    }

    private static List<RdbDatasets.MatchedInfo> matched(List<InfoDump> dumps, String how) {
        return dumps.stream().map(d -> new RdbDatasets.MatchedInfo(d, how)).toList();
    }

    private InputResult info(InputSource input) throws IOException {
        InfoDump d;
        try (InputStream in = input.open()) {
            d = new InfoParser(request.limits()).parse(in, input.name());
        }
        var analysis = new InfoAnalyzer(request.thresholds()).analyze(List.of(d)).get(0).latest();
        InputReport r = new InputReport(input.name(), InputKind.INFO, d.partial() ? InputReport.Status.PARTIAL : InputReport.Status.OK,
                d.partial() ? input.name() + ": " + String.join("; ", d.warnings()) : "");
        return new InputResult(r, Optional.of(analysis), Optional.empty());
    }

    private InputResult memoryStats(InputSource input) throws IOException {
        MemoryStats m;
        try (InputStream in = input.open()) {
            m = new MemoryStatsParser(request.limits()).parse(in, input.name());
        }
        return InputResult.of(new InputReport(input.name(), InputKind.MEMORY_STATS,
                m.warnings().isEmpty() ? InputReport.Status.OK : InputReport.Status.PARTIAL,
                m.warnings().isEmpty() ? "" : input.name() + ": MEMORY STATS: " + String.join("; ", m.warnings())));
    }

    private InputResult rdb(InputSource input, List<RdbDatasets.MatchedInfo> info, KeyListener keys) throws IOException {
        AnalysisRequest.ModelOptions mo = request.model();
        Path file = input.name();
        DatasetOutcome o = new RdbDatasets(new RdbDatasets.Options(mo.allocator(), mo.redisVersion(), mo.configOverrides(),
                request.limits(), aggregation()).withNaming(request.naming())).analyze(input, info, keys.open(file, InputKind.RDB), (bytes, n) -> { });
        Dataset ds = new Dataset(file, InputKind.RDB, Dataset.seriesOf(file), DatasetFindings.of(InputKind.RDB, o.summary()), o.summary(), o.profile());
        InputReport r = KeyInputStatus.of(file, InputKind.RDB, o);
        return new InputResult(r, Optional.empty(), Optional.of(ds));   // as Analyzer: an unreadable file's (empty) dataset too
    }

    private InputResult listing(InputSource input, List<RdbDatasets.MatchedInfo> info, KeyListener keys) throws IOException {
        Path file = input.name();
        ListingOptions options = ListingOptions.DEFAULTS.withLimits(request.limits()).withNaming(request.naming());
        AnalysisRequest.KeyOptions k = request.keys();
        if (k.listingFormat() != null) {
            Optional<ListingFormat> f = ListingFormat.byName(k.listingFormat());
            if (f.isEmpty()) {
                return InputResult.of(new InputReport(file, InputKind.LISTING, InputReport.Status.ERROR,
                        file + ": unknown listing format '" + k.listingFormat() + "'"));
            }
            options = options.withFormat(f.get());
        }
        if (k.listingColumns() != null) options = options.withColumns(ColumnMapping.parse(k.listingColumns()));
        AnalysisRequest.ModelOptions mo = request.model();
        DatasetOutcome o = new ListingDatasets(options, aggregation(), info, format -> ModelChoice.forListing(mo.redisVersion(), mo.allocator(),
                mo.configOverrides(), io.fragscope.analysis.dataset.InfoMatch.modelDump(info), format, request.naming()))
                .analyze(input, keys.open(file, InputKind.LISTING));
        Dataset ds = new Dataset(file, InputKind.LISTING, Dataset.seriesOf(file), DatasetFindings.of(InputKind.LISTING, o.summary()), o.summary());
        InputReport r = KeyInputStatus.of(file, InputKind.LISTING, o);
        return new InputResult(r, Optional.empty(), Optional.of(ds));
    }

    private InputResult unknown(InputSource input) throws IOException {
        Path name = input.name();
        Optional<String> failed = FailedCapture.of(input);
        if (failed.isPresent()) {
            return InputResult.of(new InputReport(name, InputKind.INFO, InputReport.Status.ERROR, name + ": failed capture: " + failed.get()));
        }
        return InputResult.of(new InputReport(name, InputKind.UNKNOWN, InputReport.Status.SKIPPED,
                name + ": not a Redis INFO dump, RDB file or key-size listing"));
    }

    private AggregationOptions aggregation() {
        AnalysisRequest.KeyOptions k = request.keys();
        return new AggregationOptions(k.prefixSeparators(), k.prefixDepth(), k.maxPrefixes(), AggregationOptions.DEFAULTS.maxGroups(), k.topN());
    }


    private String message(Path file, Throwable e) { return InputReport.errorMessage(file, e, request.naming()); }
}
