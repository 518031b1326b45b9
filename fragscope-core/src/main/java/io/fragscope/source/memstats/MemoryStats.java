package io.fragscope.source.memstats;

import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoField;
import io.fragscope.source.info.KeyspaceEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One saved {@code MEMORY STATS} reply (object.c memoryCommand, "stats"), flattened: top-level entries keep their
 * names ({@code peak.allocated}, {@code keys.bytes-per-key}, {@code dataset.percentage} …), per-db entries are
 * {@code db.N.overhead.hashtable.main} / {@code db.N.overhead.hashtable.expires}. Values are the text the server
 * sent (integers as bytes, doubles as printed).
 *
 * @param warnings problems that did not stop the parse; a reply with warnings is reported as partial
 */
public record MemoryStats(Path source, Map<String, String> values, Map<String, Long> lines, List<String> warnings) {

    public MemoryStats {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        warnings = List.copyOf(warnings);
    }

    public OptionalLong bytes(String name) {
        String v = values.get(name);
        if (v == null) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public double number(String name) {
        String v = values.get(name);
        if (v == null) return Double.NaN;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** overhead.hashtable.main + expires (+ slot-to-keys) of every db, plus Valkey/Redis 8's overhead.db.hashtable.lut: the keyspace tables. */
    public long keyspaceTableBytes() {
        long sum = 0;
        boolean any = false;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("db.") && k.contains(".overhead.hashtable.") || k.equals("overhead.db.hashtable.lut")
                    || k.equals("overhead.hashtable.lut")) {
                OptionalLong v = bytes(k);
                if (v.isPresent()) { sum += v.getAsLong(); any = true; }
            }
        }
        return any ? sum : -1;
    }

    /** MEMORY STATS names → the INFO fields that carry the same figure (server.c genRedisInfoString prints both from getMemoryOverheadData). */
    static final Map<String, String> INFO_NAMES = Map.ofEntries(
            Map.entry("total.allocated", "used_memory"),
            Map.entry("peak.allocated", "used_memory_peak"),
            Map.entry("startup.allocated", "used_memory_startup"),
            Map.entry("replication.backlog", "mem_replication_backlog"),
            Map.entry("clients.slaves", "mem_clients_slaves"),
            Map.entry("clients.normal", "mem_clients_normal"),
            Map.entry("aof.buffer", "mem_aof_buffer"),
            Map.entry("overhead.total", "used_memory_overhead"),
            Map.entry("dataset.bytes", "used_memory_dataset"),
            Map.entry("allocator.allocated", "allocator_allocated"),
            Map.entry("allocator.active", "allocator_active"),
            Map.entry("allocator.resident", "allocator_resident"),
            Map.entry("allocator.muzzy", "allocator_muzzy"),
            Map.entry("allocator-fragmentation.ratio", "allocator_frag_ratio"),
            Map.entry("allocator-fragmentation.bytes", "allocator_frag_bytes"),
            Map.entry("allocator-rss.ratio", "allocator_rss_ratio"),
            Map.entry("allocator-rss.bytes", "allocator_rss_bytes"),
            Map.entry("rss-overhead.ratio", "rss_overhead_ratio"),
            Map.entry("rss-overhead.bytes", "rss_overhead_bytes"),
            Map.entry("fragmentation", "mem_fragmentation_ratio"),
            Map.entry("fragmentation.bytes", "mem_fragmentation_bytes"),
            Map.entry("overhead.db.hashtable.rehashing", "mem_overhead_db_hashtable_rehashing"));

    /** Every entry as a field of section "Memory stats", under its MEMORY STATS name. */
    public List<InfoField> fields() {
        List<InfoField> out = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.add(new InfoField("Memory stats", e.getKey(), e.getValue(), lines.getOrDefault(e.getKey(), 0L)));
        }
        return out;
    }

    /**
     * The reply as an INFO dump of its own, for an instance with no INFO dump beside it: each figure under its INFO
     * name too, and {@code used_memory_rss} = total.allocated + fragmentation.bytes (what the server subtracted to print
     * fragmentation.bytes, 5.0+), so the breakdown and findings run on it. Without fragmentation.bytes (4.0) RSS is left out.
     */
    public InfoDump asInfoDump() {
        List<InfoField> fields = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String info = INFO_NAMES.get(e.getKey());
            if (info != null) fields.add(new InfoField("Memory", info, e.getValue(), lines.getOrDefault(e.getKey(), 0L)));
        }
        OptionalLong total = bytes("total.allocated"), fragBytes = bytes("fragmentation.bytes");
        if (total.isPresent() && fragBytes.isPresent()) {
            fields.add(new InfoField("Memory", "used_memory_rss", Long.toString(total.getAsLong() + fragBytes.getAsLong()),
                    lines.getOrDefault("fragmentation.bytes", 0L)));
        }
        fields.addAll(fields());
        List<String> warnings = new ArrayList<>(this.warnings);
        if (total.isEmpty()) warnings.add("no total.allocated entry: the MEMORY STATS reply was cut short");
        List<KeyspaceEntry> keyspace = new ArrayList<>();
        return new InfoDump(source, fields, keyspace, warnings);
    }

    /** The INFO dump with this reply's entries added (section "Memory stats"), as when both were captured together. */
    public InfoDump joinedTo(InfoDump info) {
        List<InfoField> fields = new ArrayList<>(info.fields());
        fields.addAll(fields());
        List<String> warnings = new ArrayList<>(info.warnings());
        for (String w : this.warnings) warnings.add(source + ": " + w);
        return new InfoDump(info.source(), fields, info.keyspace(), warnings);
    }
}
