package io.fragscope.report.table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A report table, defined once and rendered by every format ({@link TableRenderer}s): an id ({@code by_type}; the
 * JSON field, and with dashes the CSV file {@code by-type.csv}), the message key of its title (the workbook's sheet
 * name), the {@link Scale} of its byte columns in the workbook, and its columns in order.
 *
 * <p>Define a table with {@link #builder}: {@code Table.<Row>builder("by_db", "sheet.by_db").file(Unit.FILE ...)}.
 *
 * @param <R> the row type
 */
public record Table<R>(String id, String titleKey, Scale scale, List<Column<R>> columns) {
    public Table {
        columns = List.copyOf(columns);
        if (!id.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("table id not snake_case: " + id);
    }

    /** The CSV file (or any file-per-table format's file, with its extension): {@code by_type} → {@code by-type.csv}. */
    public String fileName(String extension) { return id.replace('_', '-') + "." + extension; }

    public String[] columnIds() { return columns.stream().map(Column::id).toArray(String[]::new); }

    /** Index of the column {@code id}, for charts that refer to a rendered column. */
    public int indexOf(String id) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).id().equals(id)) return i;
        throw new IllegalArgumentException("no column " + id + " in " + this.id);
    }

    /** The columns a nested rendering (inside the entity they name) keeps: all but the {@link Column#context()} ones. */
    public List<Column<R>> nestedColumns() { return columns.stream().filter(c -> !c.context()).toList(); }

    public static <R> Builder<R> builder(String id, String titleKey) { return new Builder<>(id, titleKey); }

    /** Adds columns in order; the header message key is {@code col.} plus the column id unless given. */
    public static final class Builder<R> {
        private final String id;
        private final String titleKey;
        private Scale scale = Scale.MIB;
        private final List<Column<R>> columns = new ArrayList<>();

        private Builder(String id, String titleKey) {
            this.id = id;
            this.titleKey = titleKey;
        }

        public Builder<R> scale(Scale s) { this.scale = s; return this; }

        public Builder<R> col(String id, String headerKey, Unit unit, Function<? super R, ?> value) {
            columns.add(new Column<>(id, headerKey, unit, value, false));
            return this;
        }

        /** A column naming the enclosing entity, left out when the table is nested inside it. */
        public Builder<R> context(String id, String headerKey, Unit unit, Function<? super R, ?> value) {
            columns.add(new Column<>(id, headerKey, unit, value, true));
            return this;
        }

        /** Adds the columns of a shared group (the totals of a key group), read through {@code part}. */
        public <P> Builder<R> cols(List<Column<P>> shared, Function<? super R, ? extends P> part) {
            for (Column<P> c : shared) {
                Function<? super P, ?> v = c.value();
                columns.add(new Column<R>(c.id(), c.headerKey(), c.unit(), r -> v.apply(part.apply(r)), c.context()));
            }
            return this;
        }

        public Table<R> build() { return new Table<>(id, titleKey, scale, columns); }
    }
}
