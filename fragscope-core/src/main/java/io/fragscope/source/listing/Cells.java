package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;

import java.util.Locale;

/** Cell parsers shared by the row decoders; each failure names the column. */
final class Cells {
    private Cells() {}

    static int db(String cell, String column) throws RowDecoder.FieldException {
        String s = cell.strip();
        if (s.isEmpty()) return 0;
        long v = integer(s, column);
        if (v < 0 || v > Integer.MAX_VALUE) throw new RowDecoder.FieldException(column, "db " + v + " is out of range");
        return (int) v;
    }

    /** A count; empty means {@link ListingRow#UNKNOWN}. */
    static long count(String cell, String column) throws RowDecoder.FieldException {
        String s = cell.strip();
        if (s.isEmpty()) return ListingRow.UNKNOWN;
        long v = integer(s, column);
        if (v < 0) throw new RowDecoder.FieldException(column, "negative count " + v);
        return v;
    }

    /** A byte size, possibly unit-formatted; empty means {@link ListingRow#UNKNOWN}. */
    static long size(String cell, String column, int kiloBase) throws RowDecoder.FieldException {
        if (cell.isBlank()) return ListingRow.UNKNOWN;
        try {
            return ByteSize.parse(cell, kiloBase);
        } catch (IllegalArgumentException e) {
            throw new RowDecoder.FieldException(column, e.getMessage());
        }
    }

    /** Relative TTL as Redis prints it: negative (-1 none, -2 gone) means no expiry. */
    static long ttl(String cell, String column, long unitMs) throws RowDecoder.FieldException {
        String s = cell.strip();
        if (s.isEmpty()) return ListingRow.NO_EXPIRY;
        long v = integer(s, column);
        if (v < 0) return ListingRow.NO_EXPIRY;
        if (v > Long.MAX_VALUE / unitMs) throw new RowDecoder.FieldException(column, "ttl " + v + " is too large");
        return v * unitMs;
    }

    /**
     * An absolute expire time in epoch milliseconds, as fragscope's keys.csv writes it: empty (or negative) means no
     * expiry. Unlike {@link #expiry}, a small number is not taken for seconds: the column says milliseconds.
     */
    static long epochMs(String cell, String column) throws RowDecoder.FieldException {
        String s = cell.strip();
        if (s.isEmpty()) return ListingRow.NO_EXPIRY;
        long v = integer(s, column);
        return v < 0 ? ListingRow.NO_EXPIRY : v;
    }

    static long expiry(String cell, String column, java.time.ZoneId zone) throws RowDecoder.FieldException {
        try {
            return ExpiryTime.parse(cell, zone);
        } catch (IllegalArgumentException e) {
            throw new RowDecoder.FieldException(column, e.getMessage());
        }
    }

    static KeyName key(String cell, String column, KeyEscape escape, ReadLimits limits) throws RowDecoder.FieldException {
        if (cell.length() > limits.maxKeyBytes()) {
            throw new RowDecoder.FieldException(column,
                    limits.exceeded("key", cell.length(), ReadLimits.Limit.KEY_BYTES));
        }
        return escape.decode(cell);
    }

    /** Redis {@code TYPE} names; redis-rdb-tools and redis-rdb-cli write {@code sortedset}, rdb-cli {@code ttlhash}. */
    static String type(String cell) {
        String t = cell.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "sortedset" -> "zset";
            case "ttlhash" -> "hash";
            default -> t;
        };
    }

    private static long integer(String s, String column) throws RowDecoder.FieldException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new RowDecoder.FieldException(column, "'" + ByteSize.clip(s) + "' is not an integer");
        }
    }
}
