package io.fragscope.analysis.info;

import io.fragscope.Dataset;
import io.fragscope.InputReport;
import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.keys.SizeClassHistogram;
import io.fragscope.source.InputException;
import io.fragscope.source.InputKind;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.bigkeys.KeyScanSummary;
import io.fragscope.source.bigkeys.KeyScanSummaryParser;
import io.fragscope.source.mallocstats.MallocStats;
import io.fragscope.source.mallocstats.MallocStatsParser;
import io.fragscope.source.memstats.MemoryDoctorReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The captures people take when INFO is not enough, other than MEMORY STATS (which joins its INFO dump before the
 * series are built): MEMORY MALLOC-STATS, MEMORY DOCTOR and redis-cli --bigkeys/--memkeys/--keystats. Each is
 * reported as an input of its own kind; a MALLOC-STATS capture whose allocator totals match an INFO dump's
 * (allocator_allocated/active within 5%) adds a {@code size-class-holes} finding to that dump, naming the size
 * classes with the most free regions, how many allocations the dataset of that instance (RDB or listing) puts in each
 * and, from an RDB, which key types and prefixes make them;
 * a MEMORY DOCTOR text joins the dump whose figures give what it says and adds a {@code memory-doctor} finding to it.
 */
public final class CaptureInputs {

    /**
     * MALLOC-STATS is printed live while INFO's allocator_* are sampled by serverCron, and the reply itself (tens of KiB)
     * and the capturing client are allocated in between: on real captures the two differ by up to 2.5%.
     */
    static final double TOLERANCE = 0.05;
    /** Holes worth a finding: a mebibyte and a tenth of what jemalloc has allocated. */
    static final long MIN_HOLES = 1L << 20;
    static final int TOP = 3;

    private final ReadLimits limits;

    public CaptureInputs(ReadLimits limits) { this.limits = limits; }

    public List<Series> read(List<Path> files, List<Series> series, List<Dataset> datasets, List<InputReport> reports) {
        List<Series> out = new ArrayList<>(series);
        for (Path file : files) {
            InputKind kind = InputKind.UNKNOWN;
            try {
                kind = InputKind.detect(file, head -> false);
                switch (kind) {
                    case MALLOC_STATS -> out = malloc(file, out, datasets, reports);
                    case MEMORY_DOCTOR -> out = doctor(file, out, reports);
                    case BIGKEYS -> reports.add(keyScanReport(file, new KeyScanSummaryParser(limits).parse(file)));
                    default -> { }
                }
            } catch (InputException e) {
                reports.add(new InputReport(file, kind, InputReport.Status.ERROR, e.getMessage()));
            } catch (IOException e) {
                reports.add(new InputReport(file, kind, InputReport.Status.ERROR, file + ": " + e.getMessage()));
            }
        }
        return out;
    }

    private List<Series> malloc(Path file, List<Series> series, List<Dataset> datasets, List<InputReport> reports) throws IOException {
        MallocStats m = new MallocStatsParser(limits).parse(file);
        if (!m.supported()) {
            reports.add(new InputReport(file, InputKind.MALLOC_STATS, InputReport.Status.OK,
                    file + ": MEMORY MALLOC-STATS: this build's allocator keeps no statistics (libc): nothing per size class"));
            return series;
        }
        InputReport.Status status = m.warnings().isEmpty() ? InputReport.Status.OK : InputReport.Status.PARTIAL;
        for (int s = 0; s < series.size(); s++) {
            List<DumpAnalysis> dumps = series.get(s).dumps();
            for (int i = 0; i < dumps.size(); i++) {
                MemoryBreakdown b = dumps.get(i).breakdown();
                if (!close(b.allocatorAllocated(), m.allocated()) || !close(b.allocatorActive(), m.active())) continue;
                String name = series.get(s).name();
                Optional<SizeClassHistogram> h = datasets.stream().filter(d -> d.series().equals(name))
                        .map(d -> d.summary().keys().sizeClasses()).filter(x -> !x.isEmpty()).findFirst();
                Optional<Finding> f = holes(m, h.orElse(null));
                List<Series> out = new ArrayList<>(series);
                List<DumpAnalysis> joined = new ArrayList<>(dumps);
                DumpAnalysis a = dumps.get(i);
                if (f.isPresent()) joined.set(i, a.withSeries(a.series(), List.of(f.get())));
                Series old = series.get(s);
                out.set(s, new Series(old.name(), joined, old.restarts(), old.ratioPerDay(), old.rssBytesPerDay()));
                reports.add(new InputReport(file, InputKind.MALLOC_STATS, status, file + ": MEMORY MALLOC-STATS joined to the INFO dump "
                        + a.dump().source() + " (allocator totals within 5%)" + (h.isPresent() ? " and the size classes of its dataset" : "")
                        + "; " + summary(m) + warnings(m)));
                return out;
            }
        }
        reports.add(new InputReport(file, InputKind.MALLOC_STATS, status,
                file + ": MEMORY MALLOC-STATS with no INFO dump of the same instance and time; " + summary(m) + warnings(m)));
        return series;
    }

    private static String warnings(MallocStats m) { return m.warnings().isEmpty() ? "" : "; " + String.join("; ", m.warnings()); }

    static boolean close(long a, long b) {
        return a > 0 && b > 0 && Math.abs(a - b) <= Math.max(64 * 1024, a * TOLERANCE);
    }

    /** The size classes with the most free regions, largest first. */
    public static List<MallocStats.Bin> worst(MallocStats m) {
        return m.bins().stream().filter(b -> b.holeBytes() > 0)
                .sorted(Comparator.comparingLong(MallocStats.Bin::holeBytes).reversed()).limit(TOP).toList();
    }

    static String summary(MallocStats m) {
        StringBuilder s = new StringBuilder("jemalloc " + m.version().replaceAll("-0-g[0-9a-f]+$", "") + ", "
                + m.bins().size() + " size classes, " + new Bytes(m.holeBytes()) + " free in slabs");
        for (MallocStats.Bin b : worst(m)) s.append("; ").append(describe(b, -1));
        return s.toString();
    }

    static String describe(MallocStats.Bin b, long datasetAllocations) { return describe(b, datasetAllocations, ""); }

    static String describe(MallocStats.Bin b, long datasetAllocations, String owners) {
        return String.format(Locale.ROOT, "%d B class: %s free, %d%% of %d slabs used%s", b.size(), new Bytes(b.holeBytes()),
                Math.round(b.utilisation() * 100), b.slabs(), datasetAllocations < 0 ? ""
                        : ", dataset " + datasetAllocations + " allocations" + (owners.isEmpty() ? "" : " (" + owners + ")"));
    }

    /** "string 48000, hash 2000": the owners of one class and kind as the finding lists them (names already escaped). */
    static String owners(SizeClassHistogram dataset, long sizeClass, String kind) {
        if (dataset == null) return "";
        StringBuilder s = new StringBuilder();
        for (SizeClassHistogram.Owner o : dataset.ownersOf(sizeClass, kind)) {
            if (s.length() > 0) s.append(", ");
            s.append(o.name()).append(' ').append(o.allocations());
        }
        return s.toString();
    }

    /** The finding when the holes matter, with the dataset's allocations per class where a histogram is given. */
    public static Optional<Finding> holes(MallocStats m, SizeClassHistogram dataset) {
        long total = m.holeBytes();
        if (total < MIN_HOLES || m.allocated() > 0 && total < m.allocated() * 0.10) return Optional.empty();
        Map<Long, Long> perClass = new LinkedHashMap<>();
        if (dataset != null) for (SizeClassHistogram.Bin b : dataset.bins()) perClass.merge(b.sizeClassBytes(), b.allocations(), Long::sum);
        List<String> classes = new ArrayList<>();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("free_bytes_in_slabs", total);
        ev.put("allocated", m.allocated());
        // flat evidence (summary.json keeps scalars): size_32_free_bytes, size_32_regions_in_use, …
        for (MallocStats.Bin b : worst(m)) {
            long inDataset = dataset == null ? -1 : perClass.getOrDefault(b.size(), 0L);
            String types = owners(dataset, b.size(), "type"), prefixes = owners(dataset, b.size(), "prefix");
            classes.add(describe(b, inDataset, types.isEmpty() ? "" : types + (prefixes.isEmpty() ? "" : "; prefixes " + prefixes)));
            String k = "size_" + b.size() + "_";
            ev.put(k + "free_bytes", b.holeBytes());
            ev.put(k + "regions_in_use", b.inUse());
            ev.put(k + "slabs", b.slabs());
            ev.put(k + "utilisation", b.utilisation());
            if (inDataset >= 0) ev.put(k + "dataset_allocations", inDataset);
            if (!types.isEmpty()) ev.put(k + "key_types", types);
            if (!prefixes.isEmpty()) ev.put(k + "key_prefixes", prefixes);
        }
        return Optional.of(new Finding(FindingCode.SIZE_CLASS_HOLES, Severity.INFO, ev, List.of(new Bytes(total), String.join("; ", classes))));
    }

    /**
     * A MEMORY DOCTOR text joins the dump whose figures give what it says ({@link MemoryDoctorJoin}): what it said
     * becomes a {@code memory-doctor} finding of that dump, shown with the instance.
     */
    private List<Series> doctor(Path file, List<Series> series, List<InputReport> reports) throws IOException {
        MemoryDoctorReport r = MemoryDoctorReport.parse(file, limits);
        String said = switch (r.verdict()) {
            case "empty" -> "the instance was under 5 MiB, too small to judge";
            case "no-issues" -> "no memory issue";
            default -> String.join("; ", r.issues());
        };
        Optional<MemoryDoctorJoin.Match> m = MemoryDoctorJoin.find(r, series);
        if (m.isEmpty()) {
            reports.add(new InputReport(file, InputKind.MEMORY_DOCTOR, InputReport.Status.OK, file + ": MEMORY DOCTOR: " + said
                    + " (no INFO dump whose figures give the same " + (r.verdict().equals("issues") ? "issues" : "verdict")
                    + ": not joined to an instance)"));
            return series;
        }
        Series old = series.get(m.get().series());
        List<DumpAnalysis> joined = new ArrayList<>(old.dumps());
        DumpAnalysis a = joined.get(m.get().dump());
        joined.set(m.get().dump(), a.withSeries(a.series(), List.of(MemoryDoctorJoin.finding(r))));
        List<Series> out = new ArrayList<>(series);
        out.set(m.get().series(), new Series(old.name(), joined, old.restarts(), old.ratioPerDay(), old.rssBytesPerDay()));
        reports.add(new InputReport(file, InputKind.MEMORY_DOCTOR, InputReport.Status.OK, file + ": MEMORY DOCTOR: " + said
                + " (joined to the INFO dump " + a.dump().source() + " of " + old.name() + ": " + m.get().how() + ")"));
        return out;
    }

    /** The input's line for a --bigkeys/--memkeys/--keystats summary: what it names, said to be partial. */
    public static InputReport keyScanReport(Path file, KeyScanSummary k) {
        StringBuilder s = new StringBuilder(file + ": redis-cli " + k.tool() + " summary, a partial key listing (the biggest key per type and"
                + " per-type totals, not every key; its named keys are in the key tables, the dataset marked incomplete): "
                + k.sampledKeys() + " keys sampled");
        for (KeyScanSummary.Biggest b : k.biggest()) s.append("; biggest ").append(b.type()).append(' ').append(b.key()).append(' ').append(b.size()).append(' ').append(b.unit());
        for (KeyScanSummary.TypeTotal t : k.types()) {
            if (t.keys() > 0) s.append(String.format(Locale.ROOT, "; %d %s keys, %d %s, avg %.1f", t.keys(), t.type(), t.size(), t.unit(), t.average()));
        }
        for (String w : k.warnings()) s.append("; ").append(w);
        // The summary is whole as a capture (OK); what it lists of the keys is partial, and the message says so.
        return new InputReport(file, InputKind.BIGKEYS, k.warnings().isEmpty() ? InputReport.Status.OK : InputReport.Status.PARTIAL, s.toString());
    }
}
