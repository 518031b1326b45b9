package io.fragscope.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The fleet job's tables: names, columns and units. Column names and units are those of the CSV outputs of
 * {@code fragscope analyze} (snake_case, bytes, ratios as plain numbers); every table starts with the input's
 * {@code date} (UTC, {@code yyyy-MM-dd}) and {@code cluster} (the partition folders), {@code shard},
 * {@code instance} and {@code path} (the Hadoop path of the file). Unknown numbers are null, never -1.
 */
enum FleetTables {
    /** One row per file: how it fared. {@code error} is the reader's one line (file, offset or line, what). */
    INPUTS("inputs", "kind:s status:s error:s size_bytes:l captured_at:s captured_at_basis:s seconds:d keys:l"),
    /** One row per INFO dump: the figures of dumps.csv. */
    INSTANCES("instances", "series:s captured_at:s captured_at_basis:s run_id:s redis_version:s mem_allocator:s used_memory:l"
            + " used_memory_rss:l used_memory_peak:l mem_fragmentation_ratio:d ratio_computed:b fragmentation_bytes:l"
            + " used_memory_dataset:l used_memory_overhead:l allocator_allocated:l allocator_active:l allocator_resident:l"
            + " allocator_frag_ratio:d allocator_frag_bytes:l allocator_rss_ratio:d allocator_rss_bytes:l rss_overhead_ratio:d"
            + " rss_overhead_bytes:l worst_severity:s finding_codes:s"),
    /**
     * The reclaim plan of each INFO dump, as reclaim-plan.csv: one row per step in plan order. Each dump is planned
     * alone ({@code keys_path} null: the steps that need the keys say so in {@code reason_code}); the latest dump of an
     * instance with an RDB is planned again with its keys, as analyze plans it ({@code keys_path} the RDB's path).
     */
    RECLAIM_PLAN("reclaim_plan", "step:i method:s applicable:b reason_code:s reclaimable_bytes:l expected_rss_after_bytes:l"
            + " expected_ratio_after:d commands:s estimated_seconds:d keys_path:s"),
    /** One row per finding of a dump ({@code scope} dump) or of a key file ({@code scope} dataset); evidence as in findings.csv. */
    FINDINGS("findings", "scope:s code:s severity:s evidence:s"),
    /** One row per RDB file or listing: totals, the model, the estimate. */
    DATASETS("datasets", "kind:s format:s redis_version:s allocator:s model_reason:s complete:b keys:l requested_bytes:l"
            + " allocated_bytes:l rounding_waste_bytes:l prefix_overhead_bytes:l memory_usage_bytes:l keys_without_ttl:l"
            + " estimated_used_memory:l writer_used_memory:l note:s captured_at:s cluster_enabled:b"),
    BY_TYPE("by_type", "type:s" + Totals.COLUMNS),
    BY_ENCODING("by_encoding", "type_encoding:s" + Totals.COLUMNS),
    BY_DB("by_db", "db:i" + Totals.COLUMNS),
    /** Capped as in analyze: the keys of prefixes past the cap are in one row with {@code is_other} true. */
    BY_PREFIX("by_prefix", "prefix:s is_other:b" + Totals.COLUMNS),
    SIZE_CLASSES("size_classes", "allocator:s size_class_bytes:l allocations:l requested_bytes:l allocated_bytes:l waste_bytes:l"),
    /** Cluster slots that hold keys (RDB files): keys and allocated bytes per slot (src/cluster.c keyHashSlot). */
    SLOTS("slots", "slot:i keys:l bytes:l"),
    /**
     * The heaviest hash tags of an RDB file (keys with a non-empty {tag}: one slot, so one shard), {@code rank} 1
     * first, at most 100 per file; {@code bytes} allocated. The text between the braces, escaped as key names are.
     */
    HASH_TAGS("hash_tags", "rank:i tag:s keys:l bytes:l"),
    /** The largest keys by allocated bytes, {@code rank} 1 first; keys escaped as in keys.csv. */
    TOP_KEYS("top_keys", "rank:i db:i key:s type:s encoding:s elements:l requested_bytes:l allocated_bytes:l"
            + " rounding_waste_bytes:l prefix_overhead_bytes:l memory_usage_bytes:l expire_at_ms:l exactness:s");

    /** The totals columns of every breakdown (by-type.csv …), in that order. */
    static final class Totals {
        static final String COLUMNS = " keys:l requested_bytes:l allocated_bytes:l rounding_waste_bytes:l prefix_overhead_bytes:l"
                + " memory_usage_bytes:l keys_without_ttl:l";
    }

    static final String COMMON = "date:s cluster:s shard:s instance:s path:s ";

    final String id;
    final StructType schema;

    FleetTables(String id, String columns) {
        this.id = id;
        List<StructField> fields = new ArrayList<>();
        for (String c : (COMMON + columns).trim().split("\\s+")) {
            String[] nt = c.split(":");
            fields.add(DataTypes.createStructField(nt[0], type(nt[1]), true));
        }
        this.schema = DataTypes.createStructType(fields);
    }

    private static DataType type(String t) {
        return switch (t) {
            case "s" -> DataTypes.StringType;
            case "l" -> DataTypes.LongType;
            case "i" -> DataTypes.IntegerType;
            case "d" -> DataTypes.DoubleType;
            case "b" -> DataTypes.BooleanType;
            case "m" -> DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
            default -> throw new IllegalArgumentException(t);
        };
    }

    int width() { return schema.fields().length; }
}
