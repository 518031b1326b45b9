package io.fragscope.report;

import io.fragscope.analysis.reclaim.ReclaimStep;

/** The words of a plan step, from the message bundles: every report format renders steps through here. */
final class ReclaimPlanText {
    private ReclaimPlanText() {}

    static String method(Messages m, ReclaimStep s) { return m.text("reclaim.method." + s.method()); }

    static String reason(Messages m, ReclaimStep s) { return m.format("reclaim.reason." + s.reason(), s.reasonArgs().toArray()); }

    static String commands(ReclaimStep s) { return String.join("\n", s.commands()); }
}
