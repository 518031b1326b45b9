package io.fragscope.report.table;

/**
 * What a column's values are, and so how each format shows them. Values come from {@link Column#value} as
 * {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean}, {@code Instant} or {@code Path};
 * {@code null} (and, for unsigned amounts, a negative number) means "not known" and renders as an empty cell or
 * JSON {@code null}.
 */
public enum Unit {
    /** Untrusted text: formula-safe in CSV, a string cell in XLSX. */
    TEXT,
    /**
     * Untrusted text shown exactly as its source wrote it (an INFO value): JSON gives it as is, CSV too when it is
     * {@linkplain io.fragscope.report.CellText#exactInteger exactly an integer} (no spreadsheet reads one as a formula)
     * and formula-safe otherwise; the workbook stores such an integer as a number, anything else ({@code 00000000},
     * {@code 232B}, {@code 1.03}) as an inert string cell.
     */
    VERBATIM,
    /** English text made of known phrases ({@code Messages.phrases}): the workbook shows it in the report language, CSV/JSON as is. */
    PHRASE,
    /** A file path: CSV and JSON give it whole, the workbook its last name (the Inputs sheet has the paths). */
    FILE,
    /** An amount of memory in bytes, never negative (negative: not known). The workbook shows it in the table's {@link Scale}. */
    BYTES,
    /** A change of memory in bytes, may be negative (a shrink). */
    SIGNED_BYTES,
    /** A size in whole bytes whatever the table's scale (an allocator size class, a key's bytes). */
    SIZE,
    /** A number of things (keys, slots, a db number, a line); negative: not known. */
    COUNT,
    /** A plain ratio (allocated / requested); not finite: not known. CSV rounds to 4 decimals. */
    RATIO,
    /** A share between 0 and 1; the workbook shows it as a percentage. CSV rounds to 4 decimals. */
    PERCENT,
    /** A duration in seconds; negative: not known. CSV and JSON round to 0.1 s, the workbook to the next whole second. */
    SECONDS,
    /** A moment, UTC: ISO-8601 in CSV and JSON, {@code yyyy-MM-dd HH:mm:ss} in the workbook. */
    TIMESTAMP,
    /** true or false. */
    BOOLEAN;

    /** Whether a value of this unit is absent ("not known"). */
    public boolean absent(Object v) {
        if (v == null) return true;
        return switch (this) {
            case BYTES, COUNT, SIZE, SECONDS -> v instanceof Number n && n.doubleValue() < 0;
            case RATIO, PERCENT -> v instanceof Number n && !Double.isFinite(n.doubleValue());
            default -> false;
        };
    }
}
