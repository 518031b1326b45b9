package io.fragscope.analysis.info;

/**
 * Thresholds an operator may tune. Defaults: the 1.5 headline from the field's folklore (and the
 * issue's), critical from 2.0 with at least 100 MiB at stake; a growth trend of 0.05 ratio points a day.
 */
public record FindingThresholds(double fragmentationRatio, double criticalFragmentationRatio,
                                long criticalFragmentationBytes, double growthPerDay) {
    public static final FindingThresholds DEFAULTS = new FindingThresholds(1.5, 2.0, 100L << 20, 0.05);
}
