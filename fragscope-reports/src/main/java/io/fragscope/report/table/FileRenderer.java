package io.fragscope.report.table;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Renders one {@link Table} as a file of its own: CSV today, Parquet tomorrow. {@link TableFiles} writes every table
 * of a run through one of these.
 */
public interface FileRenderer {
    /** The file extension, without the dot ({@code csv}). */
    String extension();

    <R> void render(Table<R> table, Iterable<? extends R> rows, OutputStream out) throws IOException;
}
