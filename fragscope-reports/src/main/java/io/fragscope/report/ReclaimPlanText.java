package io.fragscope.report;

import io.fragscope.analysis.reclaim.ReclaimStep;

/** The words of a plan step, from the message bundles: every report format renders steps through here. */
final class ReclaimPlanText {
    private ReclaimPlanText() {}

    static String method(Messages m, ReclaimStep s) { return m.text("reclaim.method." + s.method()); }

    static String reason(Messages m, ReclaimStep s) { return m.format("reclaim.reason." + s.reason(), s.reasonArgs().toArray()); }

    /** The commands one per line; the instructions among them in the report's language (JSON and CSV keep them as the core says). */
    static String commands(Messages m, ReclaimStep s) {
        return String.join("\n", s.commands().stream().map(c -> c.equals(ReclaimStep.RELOAD) ? m.text("reclaim.command.reload")
                : c.equals(ReclaimStep.FAILOVER_OR_RESTART) ? m.text("reclaim.command.failover-or-restart") : c).toList());
    }
}
