package io.fragscope.source.listing;

import java.util.List;
import java.util.Locale;

/**
 * What a listing column means. {@link #option()} is the name used in a {@link ColumnMapping} spec
 * ({@code key=name,size=bytes}); {@link #synonyms()} are the header names a generic listing is
 * recognised by, in order of preference (compared lower-case, spaces and dashes read as '_').
 */
public enum ListingColumn {
    KEY("key", List.of("key", "key_name", "keyname", "name")),
    SIZE("size", List.of("memory_usage", "size_in_bytes", "memory", "bytes", "size", "usage", "mem",
            "memory_bytes", "used_memory", "size_bytes")),
    TYPE("type", List.of("type", "data_type", "datatype")),
    ENCODING("encoding", List.of("encoding", "object_encoding", "enc")),
    ELEMENTS("elements", List.of("elements", "num_elements", "element_count", "elements_count", "count",
            "length", "len", "items", "cardinality")),
    LARGEST("largest", List.of("len_largest_element", "largest_element", "largest_element_bytes", "max_element_len")),
    DB("db", List.of("db", "database", "dbid", "db_index")),
    /** Relative, milliseconds (PTTL): -1 no expiry, -2 key gone. */
    TTL_MS("ttl_ms", List.of("ttl_ms", "pttl")),
    /** Relative, seconds (TTL). */
    TTL_S("ttl_s", List.of("ttl", "ttl_s", "ttl_seconds")),
    /** Absolute time: epoch ms/s or ISO-8601. */
    EXPIRY("expiry", List.of("expiry", "expire_at", "expireat", "expires_at", "expiration", "expire_at_ms"));

    private final String option;
    private final List<String> synonyms;

    ListingColumn(String option, List<String> synonyms) {
        this.option = option;
        this.synonyms = synonyms;
    }

    public String option() { return option; }

    public List<String> synonyms() { return synonyms; }

    /** Header cell as compared with synonyms: trimmed, lower-case, quotes dropped, spaces and dashes as '_'. */
    static String normalize(String headerCell) {
        String s = headerCell.strip();
        if (s.startsWith("\uFEFF")) s = s.substring(1);
        if (s.startsWith("\u00EF\u00BB\u00BF")) s = s.substring(3);  // UTF-8 BOM read as ISO-8859-1
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    static ListingColumn byOption(String option) {
        String o = option.strip().toLowerCase(Locale.ROOT);
        for (ListingColumn c : values()) if (c.option.equals(o)) return c;
        return null;
    }
}
