package io.fragscope.source.listing;

import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import org.apache.commons.csv.CSVRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys.csv fragscope writes (fragscope-reports {@code KeysCsv}): {@code db, key, type, encoding, elements,
 * requested_bytes, allocated_bytes, rounding_waste_bytes, prefix_overhead_bytes, memory_usage_bytes, expire_at_ms,
 * exactness, dataset}. A row is read as a SCAN + MEMORY USAGE listing: {@code memory_usage_bytes} is the key's size,
 * {@code expire_at_ms} its absolute expire time in epoch milliseconds (empty: none), type, encoding and elements as
 * stated. The modelled columns (requested, allocated, waste, prefix) are priced again for the run's model, and
 * {@code exactness} and {@code dataset} are not read: the file is one listing, however many inputs wrote it.
 *
 * <p>Key cells are undone as KeysCsv makes them: {@code KeyName.escaped()} ({@code \xNN} for every byte that is not
 * printable ASCII or a UTF-8 letter, and for {@code \}), a name's own leading apostrophe as {@code \x27}, and an
 * apostrophe put before a name that starts like a formula ({@code CellText.forCsv}), which is dropped here; a name longer
 * than {@code KeyName.MAX_HELD} bytes was written as its held bytes and {@code …[cut: N bytes, hash H]}, which reads back
 * as the same cut name (held bytes, length and hash: equal to the name the writer had).
 */
final class KeysCsvRowDecoder implements RowDecoder {
    /** The header KeysCsv writes; a header that starts with these columns (up to {@code memory_usage_bytes}) is its. */
    static final List<String> HEADER = List.of("db", "key", "type", "encoding", "elements", "requested_bytes",
            "allocated_bytes", "rounding_waste_bytes", "prefix_overhead_bytes", "memory_usage_bytes", "expire_at_ms",
            "exactness", "dataset");
    private static final int FIXED = HEADER.indexOf("memory_usage_bytes") + 1;
    /** KeyName's cut mark as the cell holds it: UTF-8 bytes read one char a byte (ISO-8859-1), so "…" is 3 chars. */
    private static final Pattern CUT_MARK = Pattern.compile(Pattern.quote(new String("…[cut: ".getBytes(StandardCharsets.UTF_8),
            StandardCharsets.ISO_8859_1)) + "(\\d{1,18}) bytes, hash ([0-9a-f]{16})]$");

    private final int cells;
    private final int expireAt;
    private final KeyEscape escape;
    private final ReadLimits limits;

    /** Whether {@code header} (normalised as {@link ListingColumn#normalize}) is the one KeysCsv writes. */
    static boolean writes(List<String> normalisedHeader) {
        return normalisedHeader.size() >= FIXED && normalisedHeader.subList(0, FIXED).equals(HEADER.subList(0, FIXED));
    }

    KeysCsvRowDecoder(List<String> header, KeyEscape escape, ReadLimits limits) {
        List<String> norm = header.stream().map(ListingColumn::normalize).toList();
        if (!writes(norm)) throw new IllegalArgumentException("expected the header " + String.join(",", HEADER) + " but it is " + header);
        this.cells = header.size();
        this.expireAt = norm.indexOf("expire_at_ms");
        this.escape = escape;
        this.limits = limits;
    }

    @Override
    public ListingRow decode(CSVRecord r, long line) throws FieldException {
        if (r.size() != cells) {
            throw new FieldException(null, "expected " + cells + " fields as in the header but found " + r.size());
        }
        String key = r.get(1);
        // CellText.forCsv's guard: the writer puts it only before = + - @ (tab and CR are escaped by then).
        if (key.length() > 1 && key.charAt(0) == '\'' && "=+-@".indexOf(key.charAt(1)) >= 0) key = key.substring(1);
        return new ListingRow(
                Cells.db(r.get(0), "db"),
                key(key),
                Cells.type(r.get(2)),
                r.get(3).strip(),
                Cells.size(r.get(9), "memory_usage_bytes", 1024),
                Cells.count(r.get(4), "elements"),
                ListingRow.UNKNOWN,
                expireAt < 0 ? ListingRow.NOT_LISTED : Cells.epochMs(r.get(expireAt), "expire_at_ms"),
                ListingRow.NOT_LISTED,
                line);
    }

    /** The name a key cell stands for; a cut name's mark gives back its length and hash. */
    private KeyName key(String cell) throws FieldException {
        // Only a cell longer than the held bytes can carry the mark: the common name is not searched.
        Matcher cut = cell.length() > KeyName.MAX_HELD && cell.endsWith("]") ? CUT_MARK.matcher(cell) : null;
        if (cut != null && cut.find()) {
            KeyName head = Cells.key(cell.substring(0, cut.start()), "key", escape, limits);
            long length = Long.parseLong(cut.group(1));
            // The writer's mark follows exactly the held bytes of a longer name; anything else is a name's own text.
            if (head.heldLength() == KeyName.MAX_HELD && length > KeyName.MAX_HELD) {
                return KeyName.cut(head.toByteArray(), KeyName.MAX_HELD, length, Long.parseUnsignedLong(cut.group(2), 16));
            }
        }
        return Cells.key(cell, "key", escape, limits);
    }
}
