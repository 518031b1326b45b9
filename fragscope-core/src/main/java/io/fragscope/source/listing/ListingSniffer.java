package io.fragscope.source.listing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a listing from its first bytes: the header line names the layout, and for the header
 * redis-rdb-tools and redis-rdb-cli share, the first data line tells them apart (rdb-cli quotes the
 * key). RDB files, INFO output and anything without a key and a size column are not listings.
 */
public final class ListingSniffer {
    /** How many bytes of the file the input detector should pass in. */
    public static final int HEAD_BYTES = 64 * 1024;

    private ListingSniffer() {}

    /**
     * The layout and how to lex it: TSV is read without quoting (scripts print keys raw between
     * tabs), CSV with the format's quote.
     */
    record Dialect(ListingFormat format, char delimiter) {
        Character quote() {
            return delimiter == '\t' ? null : format.quote();
        }
    }

    public static Optional<ListingFormat> sniff(byte[] head) {
        return dialect(head, head.length, null).map(Dialect::format);
    }

    /**
     * @param forced the format the user named, or null to recognise it; with a forced format only
     *               the delimiter is detected
     */
    static Optional<Dialect> dialect(byte[] head, int length, ListingFormat forced) {
        int eol = lineEnd(head, length, 0);
        if (eol < 0 && length >= HEAD_BYTES) return Optional.empty();   // no header line in sight
        int headerEnd = eol < 0 ? length : eol;
        String line = new String(head, 0, headerEnd, StandardCharsets.ISO_8859_1);
        if (line.startsWith("\u00EF\u00BB\u00BF")) line = line.substring(3);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t') return Optional.empty();   // binary: an RDB file, not a listing
        }
        char delimiter = count(line, '\t') > 0 && count(line, '\t') >= count(line, ',') ? '\t' : ',';
        List<String> header = split(line, delimiter);
        List<String> norm = header.stream().map(ListingColumn::normalize).toList();
        if (forced != null) return Optional.of(new Dialect(forced, forced.commaOnly() ? ',' : delimiter));
        if (delimiter == ',') {
            if (norm.equals(ListingFormat.MEMORY_CSV_HEADER) || norm.equals(ListingFormat.MEMORY_CSV_HEADER.subList(0, 7))) {
                String first = eol < 0 ? "" : firstDataLine(head, length, nextLine(head, length, eol));
                List<String> cells = List.of(first.split(",", 4));
                boolean quotedKey = cells.size() > 2 && cells.get(2).startsWith("\"");
                return Optional.of(new Dialect(quotedKey ? ListingFormat.RDB_CLI : ListingFormat.RDB_TOOLS, ','));
            }
            if (norm.equals(ListingFormat.HDT3213_HEADER) || norm.equals(ListingFormat.HDT3213_HEADER.subList(0, 6))) {
                return Optional.of(new Dialect(ListingFormat.HDT3213, ','));
            }
            if (KeysCsvRowDecoder.writes(norm)
                    || norm.size() >= 5 && norm.subList(0, 5).equals(ListingFormat.KEYS_CSV_HEADER.subList(0, 5))) {
                return Optional.of(new Dialect(ListingFormat.KEYS_CSV, ','));
            }
        }
        if (ColumnMapping.infer(header).isPresent()) return Optional.of(new Dialect(ListingFormat.GENERIC, delimiter));
        return Optional.empty();
    }

    private static String firstDataLine(byte[] head, int length, int from) {
        int i = from;
        while (i < length) {
            int eol = lineEnd(head, length, i);
            int end = eol < 0 ? length : eol;
            String line = new String(head, i, end - i, StandardCharsets.ISO_8859_1);
            if (!line.isBlank()) return line;
            if (eol < 0) break;
            i = nextLine(head, length, eol);
        }
        return "";
    }

    /** Header cells: plain split, quotes around a cell dropped (header names hold no delimiters). */
    private static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                String cell = line.substring(start, i);
                if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                    cell = cell.substring(1, cell.length() - 1);
                }
                out.add(cell);
                start = i + 1;
            }
        }
        return out;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    /** Index of the first CR or LF from {@code from}: commons-csv ends a record at either. */
    private static int lineEnd(byte[] b, int length, int from) {
        for (int i = from; i < length; i++) if (b[i] == '\n' || b[i] == '\r') return i;
        return -1;
    }

    private static int nextLine(byte[] b, int length, int eol) {
        return b[eol] == '\r' && eol + 1 < length && b[eol + 1] == '\n' ? eol + 2 : eol + 1;
    }
}
