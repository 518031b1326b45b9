package io.fragscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.Dataset;
import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.report.table.JsonRenderer;

import java.io.IOException;

/**
 * A {@code datasets} entry of summary.json: the dataset's row of the {@link KeyTables#DATASETS} table, its group and
 * key tables nested (without their {@code source} column: the entry is the source), then the reconciliation with the
 * matched INFO dump and the dataset's findings. {@code by_type} is keyed by type name, as scripts read it.
 */
final class DatasetJson {
    private DatasetJson() {}

    static void write(JsonGenerator g, KeyTables.DatasetRow row, Messages m) throws IOException {
        Dataset d = row.dataset();
        g.writeStartObject();
        JsonRenderer.fields(g, KeyTables.DATASETS, row, false);
        JsonRenderer.keyed(g, "by_type", KeyTables.BY_TYPE, "type", KeyTables.byType(d));
        JsonRenderer.array(g, "by_encoding", KeyTables.BY_ENCODING, KeyTables.byEncoding(d), true);
        JsonRenderer.array(g, "by_db", KeyTables.BY_DB, KeyTables.byDb(d), true);
        JsonRenderer.array(g, "by_prefix", KeyTables.BY_PREFIX, KeyTables.byPrefix(d), true);
        JsonRenderer.array(g, "size_classes", KeyTables.SIZE_CLASSES, KeyTables.sizeClasses(d), true);
        JsonRenderer.array(g, "top_keys", KeyTables.TOP_KEYS, KeyTables.topKeys(d), true);
        JsonRenderer.array(g, "what_if", KeyTables.ALLOCATORS, KeyTables.allocators(d), true);
        DatasetSummary.Reconciliation r = d.summary().reconciliation();
        if (r == null) {
            g.writeNullField("reconciliation");
        } else {
            g.writeObjectFieldStart("reconciliation");
            g.writeStringField("info_source", r.infoSource());
            g.writeStringField("matched_by", r.matchedBy());
            g.writeNumberField("used_memory", r.usedMemory());
            JsonSummary.numberOrNull(g, "used_memory_dataset", r.usedMemoryDataset());
            JsonSummary.numberOrNull(g, "used_memory_startup", r.usedMemoryStartup());
            g.writeNumberField("used_memory_rss", r.usedMemoryRss());
            g.writeNumberField("estimated_used_memory", r.estimatedUsedMemory());
            g.writeNumberField("unexplained_bytes", r.unexplained());
            g.writeEndObject();
        }
        JsonSummary.writeFindings(g, d.findings(), m);
        g.writeEndObject();
    }
}
