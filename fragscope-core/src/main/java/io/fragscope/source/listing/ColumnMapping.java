package io.fragscope.source.listing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Which header column holds what, for listings no known tool wrote. Parsed from an option string
 * such as {@code key=name,size=bytes,type=kind}; {@code key} and {@code size} are required.
 *
 * @param columns header name per role (header names as written, compared after {@link ListingColumn#normalize})
 */
public record ColumnMapping(Map<ListingColumn, String> columns) {

    public ColumnMapping {
        EnumMap<ListingColumn, String> copy = new EnumMap<>(ListingColumn.class);
        copy.putAll(columns);
        if (!copy.containsKey(ListingColumn.KEY) || !copy.containsKey(ListingColumn.SIZE)) {
            throw new IllegalArgumentException("a column mapping needs key=NAME and size=NAME, got " + describe(copy));
        }
        columns = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code role=header,role=header,…}; roles are {@link ListingColumn#option()} names.
     *
     * @throws IllegalArgumentException naming the bad part and the valid roles
     */
    public static ColumnMapping parse(String spec) {
        EnumMap<ListingColumn, String> map = new EnumMap<>(ListingColumn.class);
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("column mapping part '" + part.strip() + "' is not role=header");
            }
            ListingColumn role = ListingColumn.byOption(part.substring(0, eq));
            if (role == null) {
                throw new IllegalArgumentException("unknown column role '" + part.substring(0, eq).strip()
                        + "'; valid roles: " + validRoles());
            }
            if (map.put(role, part.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("column role '" + role.option() + "' is given twice");
            }
        }
        return new ColumnMapping(map);
    }

    /** Recognises a generic listing by its header: the first synonym present wins for each role. */
    public static Optional<ColumnMapping> infer(List<String> header) {
        EnumMap<ListingColumn, String> map = new EnumMap<>(ListingColumn.class);
        for (ListingColumn role : ListingColumn.values()) {
            search:
            for (String synonym : role.synonyms()) {
                for (String cell : header) {
                    if (ListingColumn.normalize(cell).equals(synonym) && !map.containsValue(cell)) {
                        map.put(role, cell);
                        break search;
                    }
                }
            }
        }
        if (!map.containsKey(ListingColumn.KEY) || !map.containsKey(ListingColumn.SIZE)) return Optional.empty();
        return Optional.of(new ColumnMapping(map));
    }

    /**
     * Column index per role ({@code -1} when the role is not mapped).
     *
     * @throws IllegalArgumentException when a mapped name is not in the header
     */
    int[] indexesIn(List<String> header) {
        int[] idx = new int[ListingColumn.values().length];
        java.util.Arrays.fill(idx, -1);
        for (Map.Entry<ListingColumn, String> e : columns.entrySet()) {
            String wanted = ListingColumn.normalize(e.getValue());
            for (int i = 0; i < header.size(); i++) {
                if (ListingColumn.normalize(header.get(i)).equals(wanted)) {
                    idx[e.getKey().ordinal()] = i;
                    break;
                }
            }
            if (idx[e.getKey().ordinal()] < 0) {
                throw new IllegalArgumentException("column '" + e.getValue() + "' (" + e.getKey().option()
                        + ") is not in the header " + header);
            }
        }
        return idx;
    }

    /** The option string that parses back to this mapping. */
    @Override
    public String toString() {
        return describe(columns);
    }

    private static String describe(Map<ListingColumn, String> map) {
        StringJoiner j = new StringJoiner(",");
        map.forEach((k, v) -> j.add(k.option() + "=" + v));
        return j.toString();
    }

    private static String validRoles() {
        StringJoiner j = new StringJoiner(", ");
        for (ListingColumn c : ListingColumn.values()) j.add(c.option());
        return j.toString();
    }
}
