package io.fragscope.report.table;

import java.util.function.Function;

/**
 * One column of a {@link Table}: its id ({@code snake_case}: the CSV header, the JSON field name), the message key of
 * its header in the workbook ({@code messages*.properties}, English and Chinese), its {@link Unit} and how its value
 * is taken from a row.
 *
 * @param context true for a column that names the enclosing entity (the dataset's {@code source}): a format that
 *                nests the table inside that entity (summary.json) leaves it out
 */
public record Column<R>(String id, String headerKey, Unit unit, Function<? super R, ?> value, boolean context) {
    public Column {
        if (!id.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("column id not snake_case: " + id);
    }

    public Object of(R row) { return value.apply(row); }
}
