package io.fragscope.source.listing;

import io.fragscope.source.ReadLimits;
import io.fragscope.source.Setting;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read a listing. {@code null} components mean "decide from the content".
 *
 * @param limits    line and key limits ({@code ReadLimits.maxLineBytes} bounds a whole record)
 * @param format    the layout to assume, or null to sniff it from the header
 * @param columns   an explicit column mapping ({@code key=…,size=…}); when set the listing is
 *                  read as {@link ListingFormat#MAPPED} whatever the header looks like
 * @param keyEscape how keys are escaped, or null for the format's default
 * @param zone      zone for expiry times written without an offset (redis-rdb-cli writes the
 *                  exporting machine's local time); UTC by default
 * @param naming    how errors name the settings that would fix them ({@link Setting#LISTING_COLUMNS},
 *                  {@link Setting#LISTING_FORMAT}): the library's names by default, a front end's options
 */
public record ListingOptions(ReadLimits limits, ListingFormat format, ColumnMapping columns, KeyEscape keyEscape,
                             ZoneId zone, Setting.Naming naming) {

    public static final ListingOptions DEFAULTS = new ListingOptions(ReadLimits.DEFAULTS, null, null, null, ZoneOffset.UTC, Setting.LIBRARY);

    public ListingOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(zone, "zone");
        if (naming == null) naming = Setting.LIBRARY;
    }

    public ListingOptions(ReadLimits limits, ListingFormat format, ColumnMapping columns, KeyEscape keyEscape, ZoneId zone) {
        this(limits, format, columns, keyEscape, zone, Setting.LIBRARY);
    }

    public ListingOptions withLimits(ReadLimits l) { return new ListingOptions(l, format, columns, keyEscape, zone, naming); }

    public ListingOptions withFormat(ListingFormat f) { return new ListingOptions(limits, f, columns, keyEscape, zone, naming); }

    public ListingOptions withColumns(ColumnMapping c) { return new ListingOptions(limits, format, c, keyEscape, zone, naming); }

    public ListingOptions withKeyEscape(KeyEscape e) { return new ListingOptions(limits, format, columns, e, zone, naming); }

    public ListingOptions withZone(ZoneId z) { return new ListingOptions(limits, format, columns, keyEscape, z, naming); }

    /** The same options, their errors naming the settings (the column mapping, the format) by {@code n}. */
    public ListingOptions withNaming(Setting.Naming n) { return new ListingOptions(limits, format, columns, keyEscape, zone, n); }
}
