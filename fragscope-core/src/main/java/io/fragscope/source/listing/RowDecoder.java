package io.fragscope.source.listing;

import org.apache.commons.csv.CSVRecord;

/** Turns one parsed CSV record into a row; one implementation per listing layout. */
interface RowDecoder {

    ListingRow decode(CSVRecord record, long line) throws FieldException;

    /** A cell that cannot be read; {@code column} is the header name, or null for the record as a whole. */
    final class FieldException extends Exception {
        final String column;

        FieldException(String column, String detail) {
            super(detail, null, false, false);
            this.column = column;
        }
    }
}
