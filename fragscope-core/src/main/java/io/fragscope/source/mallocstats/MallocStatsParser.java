package io.fragscope.source.mallocstats;

import io.fragscope.source.InputException;
import io.fragscope.source.LineReader;
import io.fragscope.source.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads jemalloc's statistics as {@code redis-cli MEMORY MALLOC-STATS} saves them (jemalloc 4.x … 5.3 layouts): the
 * version, the totals line, and the first {@code bins:} table, whose columns are found by the names in its header
 * (they vary between jemalloc versions), so rows are read by name: size, curregs, curslabs, regs, pgs, util.
 */
public final class MallocStatsParser {

    private static final Pattern VERSION = Pattern.compile("^Version: \"?([^\"]*)\"?");
    private static final Pattern TOTALS = Pattern.compile("^Allocated: (\\d{1,18}), active: (\\d{1,18}),.*?resident: (\\d{1,18}), mapped: (\\d{1,18})");
    private static final Pattern ROW = Pattern.compile("^\\s+\\d+\\s+\\d+\\s.*");

    /** jemalloc has at most a few dozen small size classes (SC_NBINS: 36 with a 4 KiB page, 39 with 64 KiB). */
    static final int MAX_BINS = 256;

    private final ReadLimits limits;

    public MallocStatsParser(ReadLimits limits) { this.limits = limits; }

    public MallocStats parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        }
    }

    public MallocStats parse(InputStream in, Path file) throws IOException {
        LineReader reader = new LineReader(in, file, limits);
        String version = "";
        long allocated = -1, active = -1, resident = -1, mapped = -1;
        List<MallocStats.Bin> bins = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> header = null;
        boolean inBins = false, binsDone = false, begun = false, ended = false, unsupported = false;
        String line;
        while ((line = reader.readLine()) != null) {
            String t = line.strip();
            if (t.contains("___ Begin jemalloc statistics ___")) { begun = true; continue; }
            if (t.contains("End jemalloc statistics")) { ended = true; continue; } // "___ End …" (4.x) or "--- End …" (5.x)
            if (t.contains("Stats not supported for the current allocator")) { unsupported = true; continue; }
            Matcher v = VERSION.matcher(t);
            if (v.find() && version.isEmpty()) { version = v.group(1); continue; }
            Matcher tot = TOTALS.matcher(t);
            if (tot.find() && allocated < 0) {
                allocated = Long.parseLong(tot.group(1));
                active = Long.parseLong(tot.group(2));
                resident = Long.parseLong(tot.group(3));
                mapped = Long.parseLong(tot.group(4));
                continue;
            }
            if (!binsDone && t.startsWith("bins:")) {
                header = Arrays.asList(t.substring("bins:".length()).trim().split("\\s+"));
                inBins = true;
                continue;
            }
            if (inBins) {
                if (!ROW.matcher(line).matches()) { inBins = false; binsDone = true; continue; }
                if (bins.size() >= MAX_BINS) { inBins = false; binsDone = true; warnings.add("line " + reader.lineNumber() + ": more than " + MAX_BINS + " bins rows: the rest is not read"); continue; }
                String[] cells = t.split("\\s+");
                if (cells.length != header.size()) {
                    warnings.add("line " + reader.lineNumber() + ": a bins row of " + cells.length + " cells under a header of " + header.size());
                    continue;
                }
                try {
                    bins.add(new MallocStats.Bin(cell(header, cells, "size"), cell(header, cells, "curregs"),
                            cell(header, cells, "curslabs"), cell(header, cells, "regs"), cell(header, cells, "pgs"),
                            utilisation(header, cells)));
                } catch (IllegalArgumentException e) {
                    warnings.add("line " + reader.lineNumber() + ": bins row not read: " + e.getMessage());
                }
            }
        }
        if (unsupported) return new MallocStats(file, "", -1, -1, -1, -1, List.of(), false, warnings);
        if (!begun && bins.isEmpty()) {
            throw InputException.atLine(file, Math.max(1, reader.lineNumber()), "no jemalloc statistics found (expected ___ Begin jemalloc statistics ___)");
        }
        if (!ended) warnings.add("line " + reader.lineNumber() + ": no End jemalloc statistics line: the capture was cut short");
        if (bins.isEmpty()) warnings.add("no bins: table: the per size class statistics are missing");
        return new MallocStats(file, version, allocated, active, resident, mapped, bins, true, warnings);
    }

    private static long cell(List<String> header, String[] cells, String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no " + name + " column");
        return Long.parseLong(cells[i]);
    }

    private static double utilisation(List<String> header, String[] cells) {
        int i = header.indexOf("util");
        return i < 0 ? Double.NaN : Double.parseDouble(cells[i]);
    }
}
