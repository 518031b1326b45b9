package io.fragscope.report.table;

/**
 * The binary unit a table's {@link Unit#BYTES} columns are held and shown in by the workbook, one per table, so a
 * cell's value times 2^shift is the exact byte count. CSV and JSON always carry whole bytes.
 */
public enum Scale {
    B(0), KIB(10), MIB(20);

    public final int shift;

    Scale(int shift) { this.shift = shift; }

    public double of(long bytes) { return shift == 0 ? bytes : bytes / (double) (1L << shift); }
}
