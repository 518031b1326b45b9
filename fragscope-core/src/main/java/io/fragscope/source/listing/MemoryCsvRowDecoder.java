package io.fragscope.source.listing;

import io.fragscope.source.ReadLimits;
import org.apache.commons.csv.CSVRecord;

import java.time.ZoneId;

/**
 * The {@code database,type,key,size_in_bytes,encoding,num_elements,len_largest_element[,expiry]}
 * layout that redis-rdb-tools and redis-rdb-cli share. Neither writes valid CSV:
 * <ul>
 *   <li>redis-rdb-tools (rdbtools/memprofiler.py {@code PrintAllKeys}) formats
 *       {@code "%d,%s,%s,%d,%s,%d,%d,%s"} with the key raw and unquoted (latin-1, escape {@code raw});</li>
 *   <li>redis-rdb-cli (ext/rct/MemoryRdbVisitor.java {@code exportCsvLine}) wraps key, size, largest
 *       and expiry in {@code "} without doubling quotes inside, sizes unit-formatted ({@code "92.4kB"}).</li>
 * </ul>
 * So the record is split on every comma (quoting off) and read from both ends: db and type are the
 * first two cells, the fixed cells are taken from the right (re-joining a quoted cell a decimal comma
 * split), and whatever is left in the middle is the key, commas included. A key holding a newline
 * cannot be read back from these files (nor a CR: commons-csv ends records there too): neither tool escapes it unless asked ({@code --escape}, {@code -e}).
 */
final class MemoryCsvRowDecoder implements RowDecoder {
    private static final String[] TAIL_NAMES =
            {"size_in_bytes", "encoding", "num_elements", "len_largest_element", "expiry"};
    private static final int MAX_PIECES_PER_QUOTED_CELL = 3;

    private final int tailCells;   // 4 without the expiry column (older rdbtools), 5 with
    private final KeyEscape escape;
    private final ZoneId zone;
    private final ReadLimits limits;
    private final String[] tail = new String[5];
    private final boolean[] quoted = new boolean[5];

    MemoryCsvRowDecoder(int headerCells, KeyEscape escape, ZoneId zone, ReadLimits limits) {
        if (headerCells != 7 && headerCells != 8) {
            throw new IllegalArgumentException("expected the header " + String.join(",", ListingFormat.MEMORY_CSV_HEADER)
                    + " (7 or 8 columns) but it has " + headerCells);
        }
        this.tailCells = headerCells - 3;
        this.escape = escape;
        this.zone = zone;
        this.limits = limits;
    }

    @Override
    public ListingRow decode(CSVRecord r, long line) throws FieldException {
        int n = r.size();
        if (n < 3 + tailCells) {
            throw new FieldException(null, "expected at least " + (3 + tailCells) + " fields but found " + n);
        }
        int end = n;
        for (int t = tailCells - 1; t >= 0; t--) {
            int start = end - 1;
            String cell = r.get(start);
            if (cell.endsWith("\"") && (cell.length() < 2 || !cell.startsWith("\""))) {
                while (start > 3 && end - start < MAX_PIECES_PER_QUOTED_CELL && !r.get(start).startsWith("\"")) start--;
                if (!r.get(start).startsWith("\"")) throw new FieldException(TAIL_NAMES[t], "unbalanced quote");
                cell = join(r, start, end);
            }
            quoted[t] = cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"");
            tail[t] = quoted[t] ? cell.substring(1, cell.length() - 1) : cell;
            end = start;
        }
        if (end < 3) throw new FieldException("key", "no key cell left between type and size_in_bytes");
        String keyCell = end == 3 ? r.get(2) : join(r, 2, end);
        // redis-rdb-cli quotes key and size together; redis-rdb-tools quotes neither.
        if (quoted[0] && keyCell.length() >= 2 && keyCell.startsWith("\"") && keyCell.endsWith("\"")) {
            keyCell = keyCell.substring(1, keyCell.length() - 1);
        }
        int kiloBase = quoted[0] ? 1000 : 1024;   // rdb-cli Strings.pretty is SI; rdbtools prints plain %d
        return new ListingRow(
                Cells.db(r.get(0), "database"),
                Cells.key(keyCell, "key", escape, limits),
                Cells.type(r.get(1)),
                tail[1].strip(),
                Cells.size(tail[0], TAIL_NAMES[0], kiloBase),
                Cells.count(tail[2], TAIL_NAMES[2]),
                Cells.size(tail[3], TAIL_NAMES[3], kiloBase),
                tailCells == 5 ? Cells.expiry(tail[4], TAIL_NAMES[4], zone) : ListingRow.NOT_LISTED,
                ListingRow.NOT_LISTED,
                line);
    }

    private static String join(CSVRecord r, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) sb.append(',');
            sb.append(r.get(i));
        }
        return sb.toString();
    }
}
