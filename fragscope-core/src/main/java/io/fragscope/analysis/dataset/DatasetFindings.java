package io.fragscope.analysis.dataset;

import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.analysis.Severity;
import io.fragscope.source.InputKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Findings about a key dataset: partial reads, rounding waste worth a rebuild, memory the keys do not explain. */
public final class DatasetFindings {
    /** Below this share of allocated bytes, rounding waste is normal for any size-class allocator. */
    static final double WASTE_WORTH_SAYING = 0.10;

    private DatasetFindings() {}

    /**
     * Choice argument {1} of the partial-input texts: what to capture again depends on what was cut (an INFO dump
     * is {@link #PARTIAL_INFO}, from InfoFindings).
     */
    public static final int PARTIAL_INFO = 0, PARTIAL_RDB = 1, PARTIAL_LISTING = 2;

    /** The findings of a dataset read from an input of {@code kind} ({@link InputKind#RDB} or a listing). */
    public static List<Finding> of(InputKind kind, DatasetSummary s) {
        List<Finding> out = new ArrayList<>();
        if (!s.complete()) {
            out.add(new Finding(FindingCode.PARTIAL_INPUT, Severity.WARNING, Map.of("note", s.note()),
                    List.of(s.note(), kind == InputKind.RDB ? PARTIAL_RDB : PARTIAL_LISTING)));
        }
        var t = s.keys().totals();
        double share = t.wasteShare();
        // No estimate (a listing of keys without sizes): its waste is that of the key overheads alone, nothing to act on.
        if (Double.isFinite(share) && share >= WASTE_WORTH_SAYING && !s.allocator().isEmpty() && s.estimatedUsedMemory() >= 0) {
            DatasetSummary.AllocatorTotals best = null;
            for (DatasetSummary.AllocatorTotals a : s.whatIf()) {
                if (best == null || a.estimatedUsedMemory() < best.estimatedUsedMemory()) best = a;
            }
            long saving = best == null || s.estimatedUsedMemory() <= 0 ? 0 : s.estimatedUsedMemory() - best.estimatedUsedMemory();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("rounding_waste_bytes", t.roundingWasteBytes());
            ev.put("waste_share", share);
            ev.put("best_allocator", best == null ? "" : best.allocator());
            ev.put("saving_bytes", saving);
            out.add(new Finding(FindingCode.ROUNDING_WASTE, Severity.INFO, ev,
                    List.of(new Bytes(t.roundingWasteBytes()), Math.round(share * 10000) / 100.0, s.allocator(),
                            best == null ? "" : best.allocator(), new Bytes(Math.max(0, saving)), best == null || saving <= 0 ? 0 : 1)));
        }
        DatasetSummary.Reconciliation r = s.reconciliation();
        if (r != null && r.usedMemory() > 0) {
            long unexplained = r.unexplained();
            double pct = unexplained * 100.0 / r.usedMemory();
            Severity sev = Math.abs(pct) >= 25 ? Severity.WARNING : Severity.INFO;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("estimated_used_memory", r.estimatedUsedMemory());
            ev.put("used_memory", r.usedMemory());
            // A dump without used_memory_startup (before 4.0) has nothing to show for it: no figure rather than -1.
            if (r.startupKnown()) ev.put("used_memory_startup", r.usedMemoryStartup());
            ev.put("unexplained_bytes", unexplained);
            // {4}: 1 when startup memory was subtracted, 0 when the figure includes it (the texts say which)
            out.add(new Finding(FindingCode.ESTIMATE_UNEXPLAINED, sev, ev,
                    List.of(new Bytes(r.estimatedUsedMemory()), new Bytes(r.usedMemory()), new Bytes(unexplained), Math.round(pct * 100) / 100.0,
                            r.startupKnown() ? 1 : 0)));
        }
        return out;
    }
}
