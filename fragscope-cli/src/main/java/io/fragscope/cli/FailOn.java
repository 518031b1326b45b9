package io.fragscope.cli;

import io.fragscope.AnalysisResult;
import io.fragscope.Dataset;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --fail-on} condition for cron: {@code FIELD OP NUMBER} on the latest dump of each instance
 * (any numeric INFO field, or a derived ratio such as allocator_frag_ratio), a finding code, or a
 * severity ({@code warning} means warning or worse). Checked against the current state only, so an
 * old dump in a timeline does not fail tonight's run.
 *
 * <p>Ratios honour the floor the findings use: on an instance below 5 MiB of used_memory (the
 * {@code tiny-instance} finding, MEMORY DOCTOR's "empty") a ratio is fixed costs over almost nothing,
 * so a ratio condition is not judged there; a freshly started server does not page anyone.
 */
public sealed interface FailOn {

    /** One line per instance (or dataset) where the condition holds, naming it, the field and the value; empty when it does not hold. */
    List<String> holds(AnalysisResult result);

    /**
     * Checks the condition against what the inputs have: a comparison's field must be in some dump of the
     * inputs or a known INFO field or derived ratio, and numeric where present.
     *
     * @return notes worth a line on stderr (a known field none of the inputs has)
     * @throws IllegalArgumentException a misspelled or non-numeric field, naming it
     */
    default List<String> validate(AnalysisResult result) { return List.of(); }

    String describe();

    /**
     * {@code FIELD OP NUMBER}: the number in decimal or exponent notation ({@code 1.5}, {@code 1e7}), optionally with a
     * memory unit as redis.conf takes them (util.c memtoull, case-insensitive): {@code b}; {@code k}, {@code m},
     * {@code g} powers of 1000; {@code kb}, {@code mb}, {@code gb} powers of 1024. So {@code used_memory>10gb}.
     */
    Pattern COMPARISON = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(>=|<=|==|!=|>|<|=)\\s*"
            + "(-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z]*)\\s*");

    /** The factor of a redis.conf memory unit (util.c memtoull), or -1 for a word that is none. */
    static double unitFactor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1e3;
            case "kb" -> 1024;
            case "m" -> 1e6;
            case "mb" -> 1024 * 1024;
            case "g" -> 1e9;
            case "gb" -> 1024.0 * 1024 * 1024;
            default -> -1;
        };
    }

    /** Names computed from the dump rather than read from it (MemoryBreakdown), judged like INFO fields. */
    Set<String> DERIVED = Set.of("mem_fragmentation_ratio", "allocator_frag_ratio", "allocator_rss_ratio", "rss_overhead_ratio",
            "mem_fragmentation_bytes", "peak_ratio");

    static FailOn parse(String s) {
        Matcher m = COMPARISON.matcher(s);
        if (m.matches()) {
            double unit = unitFactor(m.group(4));
            if (unit < 0) {
                throw new IllegalArgumentException("--fail-on '" + s.trim() + "': unknown unit '" + m.group(4)
                        + "' (a memory unit as redis.conf takes it: b, k, kb, m, mb, g, gb; or none)");
            }
            double v = Double.parseDouble(m.group(3)) * unit;
            if (!Double.isFinite(v)) throw new IllegalArgumentException("--fail-on '" + s.trim() + "': the number is out of range");
            return new Comparison(m.group(1), m.group(2), v, m.group(4).isEmpty() ? number(v) : m.group(3) + m.group(4));
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Severity sev : Severity.values()) if (sev.id().equals(t)) return new AtLeast(sev);
        try {
            return new HasFinding(FindingCode.fromId(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on '" + s + "' is neither FIELD>NUMBER, a severity (info, warning, critical) nor a finding code");
        }
    }

    /** @param given the number as written (with its unit, if any), for messages */
    record Comparison(String field, String op, double value, String given) implements FailOn {
        public List<String> holds(AnalysisResult r) {
            List<String> where = new ArrayList<>();
            for (DumpAnalysis d : r.latestWorstFirst()) {
                if (isRatio(field) && tiny(d)) continue;
                OptionalDouble v = metric(d, field);
                if (v.isPresent() && compare(v.getAsDouble())) {
                    where.add(d.series() + ": " + field + "=" + number(v.getAsDouble()) + " (" + dumpName(r, d) + ")");
                }
            }
            return where;
        }

        @Override
        public List<String> validate(AnalysisResult r) {
            if (DERIVED.contains(field) && !r.dumps().isEmpty()) return List.of();
            boolean present = false;
            String nonNumeric = null;
            for (DumpAnalysis d : r.dumps()) {
                var text = d.dump().text(field);
                if (text.isEmpty()) continue;
                present = true;
                if (d.dump().number(field).isPresent()) return List.of();
                if (nonNumeric == null) nonNumeric = d.series() + " has '" + text.get() + "'";
            }
            if (present) {
                throw new IllegalArgumentException("--fail-on " + describe() + ": " + field + " is not numeric (" + nonNumeric + ")"
                        + (field.endsWith("_human") ? "; use " + field.substring(0, field.length() - "_human".length()) + ", in bytes" : ""));
            }
            if (DERIVED.contains(field) || KnownFields.ALL.contains(field)) {
                return r.dumps().isEmpty() ? List.of() : List.of("--fail-on " + describe() + ": no INFO dump among the inputs has " + field
                        + ", so this condition cannot hold");
            }
            String near = KnownFields.closest(field);
            throw new IllegalArgumentException("--fail-on " + describe() + ": unknown field " + field
                    + " (not in the inputs' INFO dumps nor a Redis/Valkey INFO field" + (near == null ? ")" : "; did you mean " + near + "?)"));
        }

        private boolean compare(double v) {
            return switch (op) {
                case ">" -> v > value;
                case ">=" -> v >= value;
                case "<" -> v < value;
                case "<=" -> v <= value;
                case "!=" -> v != value;
                default -> v == value;
            };
        }

        public String describe() { return field + op + given; }
    }

    record AtLeast(Severity severity) implements FailOn {
        public List<String> holds(AnalysisResult r) {
            List<String> where = new ArrayList<>();
            for (DumpAnalysis d : r.latestWorstFirst()) {
                Set<String> codes = new LinkedHashSet<>();
                for (Finding f : d.findings()) if (f.severity().compareTo(severity) >= 0) codes.add(f.code().id() + " (" + f.severity().id() + ")");
                if (!codes.isEmpty()) where.add(d.series() + ": " + String.join(", ", codes) + " (" + dumpName(r, d) + ")");
            }
            for (Dataset ds : r.datasets()) {
                Set<String> codes = new LinkedHashSet<>();
                for (Finding f : ds.findings()) if (f.severity().compareTo(severity) >= 0) codes.add(f.code().id() + " (" + f.severity().id() + ")");
                if (!codes.isEmpty()) where.add(ds.series() + ": " + String.join(", ", codes) + " (" + ds.source().getFileName() + ")");
            }
            return where;
        }

        public String describe() { return severity.id(); }
    }

    record HasFinding(FindingCode code) implements FailOn {
        public List<String> holds(AnalysisResult r) {
            List<String> where = new ArrayList<>();
            for (DumpAnalysis d : r.latestWorstFirst()) {
                for (Finding f : d.findings()) {
                    if (f.code() == code) { where.add(d.series() + ": " + code.id() + " (" + f.severity().id() + ", " + dumpName(r, d) + ")"); break; }
                }
            }
            for (Dataset ds : r.datasets()) {
                for (Finding f : ds.findings()) {
                    if (f.code() == code) { where.add(ds.series() + ": " + code.id() + " (" + f.severity().id() + ", " + ds.source().getFileName() + ")"); break; }
                }
            }
            return where;
        }

        public String describe() { return code.id(); }
    }

    /** INFO fields first (as the user wrote them in the dump), then the derived ratios. */
    static OptionalDouble metric(DumpAnalysis d, String name) {
        MemoryBreakdown b = d.breakdown();
        if (name.equals("mem_fragmentation_ratio")) return finite(b.fragmentationRatio());
        OptionalDouble direct = d.dump().number(name);
        if (direct.isPresent()) return direct;
        return switch (name) {
            case "allocator_frag_ratio" -> finite(b.allocatorFragRatio());
            case "allocator_rss_ratio" -> finite(b.allocatorRssRatio());
            case "rss_overhead_ratio" -> finite(b.processRssRatio());
            case "mem_fragmentation_bytes" -> b.hasCore() ? OptionalDouble.of(b.fragmentationBytes()) : OptionalDouble.empty();
            case "peak_ratio" -> finite(b.peakRatio());
            default -> OptionalDouble.empty();
        };
    }

    /** Ratios and the gap they describe are what the 5 MiB floor is about. */
    private static boolean isRatio(String field) { return field.endsWith("_ratio") || field.equals("mem_fragmentation_bytes"); }

    private static boolean tiny(DumpAnalysis d) {
        for (Finding f : d.findings()) if (f.code() == FindingCode.TINY_INSTANCE) return true;
        return false;
    }

    private static String dumpName(DumpAnalysis d) {
        return d.dump().source() == null ? "dump" : d.dump().source().getFileName().toString();
    }

    /**
     * The dump judged, and the captures of the same instance after it that could not be read: a cron run whose
     * newest capture failed judges an older dump, and says so.
     */
    private static String dumpName(AnalysisResult r, DumpAnalysis d) {
        List<java.nio.file.Path> failed = new ArrayList<>();
        for (io.fragscope.InputReport in : r.inputs()) {
            if (in.kind() != io.fragscope.source.InputKind.INFO || in.status() != io.fragscope.InputReport.Status.ERROR) continue;
            String name = in.path().getFileName() == null ? "" : in.path().getFileName().toString();
            var stem = io.fragscope.analysis.info.CaptureTime.stem(name);
            var at = io.fragscope.analysis.info.CaptureTime.fromName(name);
            if (stem.isPresent() && stem.get().equals(d.series()) && at.isPresent() && at.get().isAfter(d.capturedAt().at())) failed.add(in.path());
        }
        if (failed.isEmpty()) return dumpName(d);
        failed.sort(java.util.Comparator.comparing(p -> io.fragscope.analysis.info.CaptureTime.fromName(p.getFileName().toString()).orElseThrow()));
        return dumpName(d) + "; " + (failed.size() == 1 ? "1 later capture failed" : failed.size() + " later captures failed")
                + ", the newest " + failed.get(failed.size() - 1).getFileName();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "");
    }

    private static OptionalDouble finite(double d) { return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty(); }

    /** INFO field names Redis 2.6 to 8.6 and Valkey 8/9 print (from their server.c genRedisInfoString), without per-command and per-db names. */
    final class KnownFields {
        static final Set<String> ALL = load();

        private KnownFields() {}

        private static Set<String> load() {
            Set<String> s = new TreeSet<>();
            try (InputStream in = FailOn.class.getResourceAsStream("info-fields.txt");
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) s.add(line.trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(s);
        }

        /** The known field at edit distance 2 or less, for "did you mean". */
        static String closest(String name) {
            String best = null;
            int bestD = 3;
            for (String k : new TreeSet<>(ALL)) {
                int d = distance(name, k, bestD);
                if (d < bestD) { bestD = d; best = k; }
            }
            return best;
        }

        private static int distance(String a, String b, int cap) {
            if (Math.abs(a.length() - b.length()) >= cap) return cap;
            int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) prev[j] = j;
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                }
                int[] t = prev; prev = cur; cur = t;
            }
            return prev[b.length()];
        }
    }
}
