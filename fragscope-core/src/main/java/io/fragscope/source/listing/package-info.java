/**
 * Key-size listings as input: CSV/TSV files that give one row per key with its size, written by
 * redis-rdb-tools ({@code rdb -c memory}), redis-rdb-cli ({@code rct -f mem}), HDT3213/rdb
 * ({@code rdb -c memory}), fragscope's own {@code keys.csv}, or a script running SCAN + MEMORY USAGE.
 *
 * <p>{@link io.fragscope.source.listing.ListingReader} streams rows to a consumer in bounded memory;
 * the format is recognised from the header line ({@link io.fragscope.source.listing.ListingSniffer}),
 * never from the file name. Files are decoded as ISO-8859-1 so every byte maps to one char and key
 * names come back byte for byte, whatever encoding the writer used.
 */
package io.fragscope.source.listing;
