package io.fragscope.source.listing;

import io.fragscope.source.ReadLimits;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read a listing. {@code null} components mean "decide from the content".
 *
 * @param limits    line and key limits ({@code --max-line-bytes} bounds a whole record)
 * @param format    the layout to assume, or null to sniff it from the header
 * @param columns   an explicit column mapping ({@code --columns key=…,size=…}); when set the listing is
 *                  read as {@link ListingFormat#MAPPED} whatever the header looks like
 * @param keyEscape how keys are escaped, or null for the format's default
 * @param zone      zone for expiry times written without an offset (redis-rdb-cli writes the
 *                  exporting machine's local time); UTC by default
 */
public record ListingOptions(ReadLimits limits, ListingFormat format, ColumnMapping columns, KeyEscape keyEscape,
                             ZoneId zone) {

    public static final ListingOptions DEFAULTS = new ListingOptions(ReadLimits.DEFAULTS, null, null, null, ZoneOffset.UTC);

    public ListingOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(zone, "zone");
    }

    public ListingOptions withLimits(ReadLimits l) { return new ListingOptions(l, format, columns, keyEscape, zone); }

    public ListingOptions withFormat(ListingFormat f) { return new ListingOptions(limits, f, columns, keyEscape, zone); }

    public ListingOptions withColumns(ColumnMapping c) { return new ListingOptions(limits, format, c, keyEscape, zone); }

    public ListingOptions withKeyEscape(KeyEscape e) { return new ListingOptions(limits, format, columns, e, zone); }

    public ListingOptions withZone(ZoneId z) { return new ListingOptions(limits, format, columns, keyEscape, z); }
}
