package io.fragscope.source.info;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One saved {@code INFO} reply, every field kept (unknown ones too), in file order.
 * Byte fields are the truth; {@code *_human} fields are kept for display only and never parsed.
 *
 * @param warnings problems that did not stop the parse (a non-numeric byte field, a missing core field);
 *                 a dump with warnings is reported as {@code partial}
 */
public record InfoDump(Path source, List<InfoField> fields, List<KeyspaceEntry> keyspace, List<String> warnings) {

    public InfoDump {
        fields = List.copyOf(fields);
        keyspace = List.copyOf(keyspace);
        warnings = List.copyOf(warnings);
    }

    /** Last value wins, as when a paste repeats a section. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (InfoField f : fields) m.put(f.name(), f.value());
        return Collections.unmodifiableMap(m);
    }

    public Optional<String> text(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).name().equals(name)) return Optional.of(fields.get(i).value());
        }
        return Optional.empty();
    }

    public OptionalLong bytes(String name) {
        Optional<String> v = text(name);
        if (v.isEmpty()) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public OptionalDouble number(String name) {
        Optional<String> v = text(name);
        if (v.isEmpty()) return OptionalDouble.empty();
        try {
            double d = Double.parseDouble(v.get().trim());
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    public boolean partial() { return !warnings.isEmpty(); }

    /**
     * The server that wrote the dump, by what its Server section says of itself: {@code valkey} (valkey_version or
     * server_name:valkey; its redis_version is a fixed 7.2.4 for clients), {@code dragonfly} (dragonfly_version),
     * {@code keydb} (KeyDB's own fields: server_threads, mvcc_depth, storage_provider), else {@code redis}.
     */
    public String product() {
        String name = text("server_name").orElse("").strip().toLowerCase(java.util.Locale.ROOT);
        if (text("valkey_version").isPresent() || name.equals("valkey")) return "valkey";
        if (text("dragonfly_version").isPresent() || name.equals("dragonfly")) return "dragonfly";
        if (name.equals("keydb") || text("server_threads").isPresent() || text("mvcc_depth").isPresent()
                || text("storage_provider").isPresent()) return "keydb";
        return "redis";
    }

    /** The version of {@link #product()} as the dump states it (valkey_version, dragonfly_version, else redis_version), or "". */
    public String serverVersion() {
        return switch (product()) {
            case "valkey" -> text("valkey_version").orElse(text("redis_version").orElse(""));
            case "dragonfly" -> text("dragonfly_version").orElse("");
            default -> text("redis_version").orElse("");
        };
    }
}
