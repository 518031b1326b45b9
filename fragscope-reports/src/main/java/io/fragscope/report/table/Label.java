package io.fragscope.report.table;

/**
 * A cell value that scripts read as a stable English word ({@code plain}: {@code size}, {@code (other)}) and the
 * workbook shows in the report language: the message {@code key} formatted with {@code args}.
 */
public record Label(String plain, String key, Object... args) {
    @Override public String toString() { return plain; }
}
