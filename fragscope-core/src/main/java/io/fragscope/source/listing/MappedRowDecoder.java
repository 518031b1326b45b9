package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import org.apache.commons.csv.CSVRecord;

import java.time.ZoneId;
import java.util.List;

/**
 * Reads rows by header position: HDT3213/rdb, fragscope keys.csv, generic and explicitly mapped
 * listings. Every record must have exactly as many cells as the header.
 */
final class MappedRowDecoder implements RowDecoder {
    private final List<String> header;
    private final int[] idx;
    private final KeyEscape escape;
    private final int kiloBase;
    private final ZoneId zone;
    private final ReadLimits limits;

    MappedRowDecoder(List<String> header, ColumnMapping mapping, KeyEscape escape, int kiloBase, ZoneId zone,
                     ReadLimits limits) {
        this.header = List.copyOf(header);
        this.idx = mapping.indexesIn(header);
        this.escape = escape;
        this.kiloBase = kiloBase;
        this.zone = zone;
        this.limits = limits;
    }

    @Override
    public ListingRow decode(CSVRecord r, long line) throws FieldException {
        if (r.size() != header.size()) {
            throw new FieldException(null, "expected " + header.size() + " fields as in the header but found "
                    + r.size() + (r.size() > header.size() ? " (an unquoted delimiter inside a key?)" : ""));
        }
        KeyName key = Cells.key(cell(r, ListingColumn.KEY), name(ListingColumn.KEY), escape, limits);
        int db = has(ListingColumn.DB) ? Cells.db(cell(r, ListingColumn.DB), name(ListingColumn.DB)) : 0;
        String type = has(ListingColumn.TYPE) ? Cells.type(cell(r, ListingColumn.TYPE)) : "";
        String encoding = has(ListingColumn.ENCODING) ? cell(r, ListingColumn.ENCODING).strip() : "";
        long size = Cells.size(cell(r, ListingColumn.SIZE), name(ListingColumn.SIZE), kiloBase);
        long elements = has(ListingColumn.ELEMENTS)
                ? Cells.count(cell(r, ListingColumn.ELEMENTS), name(ListingColumn.ELEMENTS)) : ListingRow.UNKNOWN;
        long largest = has(ListingColumn.LARGEST)
                ? Cells.size(cell(r, ListingColumn.LARGEST), name(ListingColumn.LARGEST), kiloBase) : ListingRow.UNKNOWN;
        long ttl = ListingRow.NOT_LISTED;
        if (has(ListingColumn.TTL_MS)) ttl = Cells.ttl(cell(r, ListingColumn.TTL_MS), name(ListingColumn.TTL_MS), 1);
        else if (has(ListingColumn.TTL_S)) ttl = Cells.ttl(cell(r, ListingColumn.TTL_S), name(ListingColumn.TTL_S), 1000);
        long expireAt = has(ListingColumn.EXPIRY)
                ? Cells.expiry(cell(r, ListingColumn.EXPIRY), name(ListingColumn.EXPIRY), zone) : ListingRow.NOT_LISTED;
        return new ListingRow(db, key, type, encoding, size, elements, largest, expireAt, ttl, line);
    }

    private boolean has(ListingColumn c) {
        return idx[c.ordinal()] >= 0;
    }

    private String cell(CSVRecord r, ListingColumn c) {
        return r.get(idx[c.ordinal()]);
    }

    private String name(ListingColumn c) {
        return header.get(idx[c.ordinal()]);
    }
}
