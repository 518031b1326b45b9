package io.fragscope.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.report.table.JsonRenderer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON renderer on tables of samples/: keyed and array forms, the context column left out when nested, nulls. */
class JsonRendererTest {

    private interface Body { void write(JsonGenerator g) throws IOException; }

    private static String json(Body body) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        }
        return w.toString();
    }

    @Test
    void byTypeKeyedByTypeName() throws IOException {
        String s = json(g -> JsonRenderer.keyed(g, "by_type", KeyTables.BY_TYPE, "type", KeyTables.byType(SamplesResult.rdb())));
        assertTrue(s.startsWith("{\"by_type\":{\"string\":{\"keys\":20003,\"requested_bytes\":2634190,\"allocated_bytes\":3168688,"
                + "\"rounding_waste_bytes\":534498,\"prefix_overhead_bytes\":0,\"memory_usage_bytes\":2844968,\"keys_without_ttl\":13336,"
                + "\"allocated_over_requested\":" + 3168688 / (double) 2634190 + ",\"waste_share\":" + 534498 / (double) 3168688 + "},"), s);
        assertTrue(!s.contains("\"source\""), "nested in its dataset: no source column");
    }

    @Test
    void datasetRowAndNestedArrays() throws IOException {
        KeyTables.DatasetRow row = java.util.stream.StreamSupport.stream(KeyTables.datasets(SamplesResult.get()).spliterator(), false)
                .filter(r -> r.dataset() == SamplesResult.rdb()).findFirst().orElseThrow();
        String s = json(g -> JsonRenderer.fields(g, KeyTables.DATASETS, row, false));
        assertTrue(s.startsWith("{\"dataset\":1,\"source\":\"samples/rdb/dump.rdb\",\"kind\":\"rdb\",\"format\":\"RDB version 10, written by Redis 7.0.15\","
                + "\"redis_version\":\"Redis 7.0\",\"allocator\":\"jemalloc-q16\",\"complete\":true,\"keys\":25008,"), s);
        String db = json(g -> JsonRenderer.array(g, "by_db", KeyTables.BY_DB, KeyTables.byDb(SamplesResult.rdb()), true));
        assertTrue(db.startsWith("{\"by_db\":[{\"db\":\"0\",\"keys\":25008,"), db);
    }
}
