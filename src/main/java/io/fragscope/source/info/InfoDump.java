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
}
