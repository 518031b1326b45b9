package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.Severity;
import io.fragscope.source.info.InfoDump;

import java.util.List;

/** One INFO dump with what was derived from it. */
public record DumpAnalysis(InfoDump dump, CaptureTime capturedAt, String series, ServerFacts server,
                           MemoryBreakdown breakdown, List<Finding> findings) {

    public DumpAnalysis { findings = List.copyOf(findings); }

    public Severity worstSeverity() {
        Severity worst = null;
        for (Finding f : findings) if (worst == null || f.severity().compareTo(worst) > 0) worst = f.severity();
        return worst;
    }

    public String runId() { return dump.text("run_id").orElse(""); }

    DumpAnalysis withSeries(String name, List<Finding> extra) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(extra);
        return new DumpAnalysis(dump, capturedAt, name, server, breakdown, all);
    }
}
