package io.fragscope.report.table;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/**
 * Tables inside a JSON document (Jackson streaming): a table is an array of objects whose fields are the column ids, or,
 * for a table whose rows are named (by type), an object of such objects keyed by the name. Bytes are whole numbers,
 * ratios full doubles, a value that is not known is {@code null}; text is written as is (JSON escapes it).
 */
public final class JsonRenderer {
    private JsonRenderer() {}

    /** {@code "field": [ {row}, ... ]}; {@code nested}: inside the entity the context columns name, which are left out. */
    public static <R> void array(JsonGenerator g, String field, Table<R> table, Iterable<? extends R> rows, boolean nested) throws IOException {
        g.writeArrayFieldStart(field);
        for (R r : rows) {
            g.writeStartObject();
            fields(g, table, r, nested);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code "field": { "name": {row without the name}, ... }}: rows keyed by the column {@code keyColumn}. */
    public static <R> void keyed(JsonGenerator g, String field, Table<R> table, String keyColumn, Iterable<? extends R> rows) throws IOException {
        Column<R> key = table.columns().get(table.indexOf(keyColumn));
        List<Column<R>> rest = table.nestedColumns().stream().filter(c -> c != key).toList();
        g.writeObjectFieldStart(field);
        for (R r : rows) {
            g.writeObjectFieldStart(String.valueOf(key.of(r)));
            for (Column<R> c : rest) value(g, c.id(), c.unit(), c.of(r));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** One row's columns as fields of the object being written. */
    public static <R> void fields(JsonGenerator g, Table<R> table, R row, boolean nested) throws IOException {
        for (Column<R> c : nested ? table.nestedColumns() : table.columns()) value(g, c.id(), c.unit(), c.of(row));
    }

    static void value(JsonGenerator g, String name, Unit unit, Object v) throws IOException {
        if (unit.absent(v)) {
            g.writeNullField(name);
            return;
        }
        switch (unit) {
            case BYTES, SIGNED_BYTES, SIZE, COUNT -> g.writeNumberField(name, ((Number) v).longValue());
            case RATIO, PERCENT -> g.writeNumberField(name, ((Number) v).doubleValue());
            case SECONDS -> g.writeNumberField(name, Math.round(((Number) v).doubleValue() * 10) / 10.0);
            case BOOLEAN -> g.writeBooleanField(name, (Boolean) v);
            case TEXT, VERBATIM, PHRASE, TIMESTAMP -> g.writeStringField(name, v.toString());
            case FILE -> g.writeStringField(name, v instanceof java.nio.file.Path p ? io.fragscope.source.FileNames.text(p) : v.toString());
        }
    }
}
