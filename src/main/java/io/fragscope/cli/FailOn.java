package io.fragscope.cli;

import io.fragscope.AnalysisResult;
import io.fragscope.Dataset;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.info.MemoryBreakdown;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --fail-on} condition for cron: {@code FIELD OP NUMBER} on the latest dump of each instance
 * (any numeric INFO field, or a derived ratio such as allocator_frag_ratio), a finding code, or a
 * severity ({@code warning} means warning or worse). Checked against the current state only, so an
 * old dump in a timeline does not fail tonight's run.
 */
public sealed interface FailOn {

    boolean holds(AnalysisResult result);

    String describe();

    Pattern COMPARISON = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(>=|<=|==|!=|>|<|=)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*");

    static FailOn parse(String s) {
        Matcher m = COMPARISON.matcher(s);
        if (m.matches()) return new Comparison(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Severity sev : Severity.values()) if (sev.id().equals(t)) return new AtLeast(sev);
        try {
            return new HasFinding(FindingCode.fromId(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on '" + s + "' is neither FIELD>NUMBER, a severity (info, warning, critical) nor a finding code");
        }
    }

    record Comparison(String field, String op, double value) implements FailOn {
        public boolean holds(AnalysisResult r) {
            for (DumpAnalysis d : r.latestWorstFirst()) {
                OptionalDouble v = metric(d, field);
                if (v.isPresent() && compare(v.getAsDouble())) return true;
            }
            return false;
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

        public String describe() { return field + op + value; }
    }

    record AtLeast(Severity severity) implements FailOn {
        public boolean holds(AnalysisResult r) {
            Severity w = r.worstSeverityNow();
            return w != null && w.compareTo(severity) >= 0;
        }

        public String describe() { return severity.id(); }
    }

    record HasFinding(FindingCode code) implements FailOn {
        public boolean holds(AnalysisResult r) {
            for (DumpAnalysis d : r.latestWorstFirst()) for (Finding f : d.findings()) if (f.code() == code) return true;
            for (Dataset ds : r.datasets()) for (Finding f : ds.findings()) if (f.code() == code) return true;
            return false;
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

    private static OptionalDouble finite(double d) { return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty(); }
}
