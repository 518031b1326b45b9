package io.fragscope.source.listing;

import io.fragscope.source.Setting;

import java.util.List;
import java.util.Optional;

/**
 * The listing layouts fragscope reads, each with how to lex it and how to decode a row. The CLI
 * and the sniffer pick a constant; nobody switches on strings.
 */
public enum ListingFormat {
    /** {@code rdb -c memory} of sripathikrishnan/redis-rdb-tools (rdbtools/memprofiler.py). */
    RDB_TOOLS("redis-rdb-tools memory CSV", null, KeyEscape.RAW, true,
            (header, o, escape) -> new MemoryCsvRowDecoder(header.size(), escape, o.zone(), o.limits())),
    /** {@code rct -f mem} of leonchen83/redis-rdb-cli (ext/rct/MemoryRdbVisitor.java). */
    RDB_CLI("redis-rdb-cli rct -f mem CSV", null, KeyEscape.RAW, true,
            (header, o, escape) -> new MemoryCsvRowDecoder(header.size(), escape, o.zone(), o.limits())),
    /** {@code rdb -c memory} of HDT3213/rdb (helper/memory.go): Go encoding/csv, RFC 4180 quoting. */
    HDT3213("HDT3213/rdb memory CSV", '"', KeyEscape.RAW, false,
            (header, o, escape) -> mapped(header, o, escape, 1024, "key=key,size=size,type=type,elements=element_count,"
                    + "db=database" + (header.size() >= 8 ? ",encoding=encoding,expiry=expiration" : ""))),
    /**
     * fragscope's keys.csv as it writes it today ({@code db,key,type,encoding,elements,…,memory_usage_bytes,expire_at_ms,…},
     * {@link KeysCsvRowDecoder}), and the earlier layout the groundtruth keys.csv has ({@code db,key,type,encoding,
     * memory_usage,…}, more columns allowed, {@code ttl_ms} relative: PTTL); keys written as {@code KeyName.escaped()}.
     */
    KEYS_CSV("fragscope keys.csv", '"', KeyEscape.HEX, false,
            (header, o, escape) -> KeysCsvRowDecoder.writes(header.stream().map(ListingColumn::normalize).toList())
                    ? new KeysCsvRowDecoder(header, escape, o.limits())
                    : new MappedRowDecoder(header, ColumnMapping.infer(header).orElseThrow(() -> new IllegalArgumentException(
                            "the header " + header + " has neither keys.csv's memory_usage_bytes nor a memory_usage column")),
                            escape, 1024, o.zone(), o.limits())),
    /** Any CSV/TSV whose header names a key column and a size column (SCAN + MEMORY USAGE scripts). */
    GENERIC("generic key/size CSV", '"', KeyEscape.RAW, false,
            (header, o, escape) -> new MappedRowDecoder(header, ColumnMapping.infer(header).orElseThrow(
                    () -> new IllegalArgumentException(Setting.text(o.naming(), "no key and size columns in the header " + header
                            + "; name them with {0} key=NAME,size=NAME", Setting.LISTING_COLUMNS))), escape, 1024, o.zone(), o.limits())),
    /** Columns named by the user ({@link ListingOptions#columns()}). */
    MAPPED("explicitly mapped CSV", '"', KeyEscape.RAW, false,
            (header, o, escape) -> {
                if (o.columns() == null) {
                    throw new IllegalArgumentException(Setting.text(o.naming(), "name the columns with {0} key=NAME,size=NAME", Setting.LISTING_COLUMNS));
                }
                return new MappedRowDecoder(header, o.columns(), escape, 1024, o.zone(), o.limits());
            });

    static final List<String> MEMORY_CSV_HEADER = List.of("database", "type", "key", "size_in_bytes", "encoding",
            "num_elements", "len_largest_element", "expiry");
    static final List<String> HDT3213_HEADER = List.of("database", "key", "type", "size", "size_readable",
            "element_count", "encoding", "expiration");
    static final List<String> KEYS_CSV_HEADER = List.of("db", "key", "type", "encoding", "memory_usage", "elements",
            "ttl_ms");

    @FunctionalInterface
    interface DecoderFactory {
        RowDecoder create(List<String> header, ListingOptions options, KeyEscape escape);
    }

    private final String description;
    private final Character quote;
    private final KeyEscape defaultEscape;
    private final boolean commaOnly;
    private final DecoderFactory decoders;

    ListingFormat(String description, Character quote, KeyEscape defaultEscape, boolean commaOnly,
                  DecoderFactory decoders) {
        this.description = description;
        this.quote = quote;
        this.defaultEscape = defaultEscape;
        this.commaOnly = commaOnly;
        this.decoders = decoders;
    }

    public String description() { return description; }

    /**
     * The newest server whose files the tool that writes this format can read, where it cannot read today's: a
     * listing of it comes from that server or an older one. redis-rdb-tools 0.1.15 stops at RDB 9 (Redis 6.2; its
     * parser rejects RDB 10, README "Listings"); the other peers read RDB 12 (Redis 7.4, 8.0), and the MEMORY USAGE
     * listings come from the live server.
     */
    public Optional<io.fragscope.model.ServerVersion> newestServer() {
        return this == RDB_TOOLS ? Optional.of(io.fragscope.model.ServerVersion.redis(6, 2)) : Optional.empty();
    }

    /** The quote char commons-csv should honour; null for the tools that do not write valid CSV. */
    Character quote() { return quote; }

    KeyEscape defaultEscape() { return defaultEscape; }

    boolean commaOnly() { return commaOnly; }

    /**
     * @throws IllegalArgumentException when the header does not fit this format (message says how to fix it)
     */
    RowDecoder decoder(List<String> header, ListingOptions options) {
        KeyEscape escape = options.keyEscape() != null ? options.keyEscape() : defaultEscape;
        return decoders.create(header, options, escape);
    }

    /** Parses a CLI value such as {@code rdb-tools} or {@code KEYS_CSV}. */
    public static Optional<ListingFormat> byName(String name) {
        String n = name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (ListingFormat f : values()) if (f.name().equals(n)) return Optional.of(f);
        return Optional.empty();
    }

    private static RowDecoder mapped(List<String> header, ListingOptions o, KeyEscape escape, int kiloBase,
                                     String spec) {
        return new MappedRowDecoder(header, ColumnMapping.parse(spec), escape, kiloBase, o.zone(), o.limits());
    }
}
