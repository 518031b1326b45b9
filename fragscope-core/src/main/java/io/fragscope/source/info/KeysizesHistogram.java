package io.fragscope.source.info;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of Redis 8's {@code INFO keysizes} section ({@code db0_distrib_strings_sizes:1=25,2=147,…,1K=133}): how
 * many keys of one type in one db fall in each power-of-two bin of their size, string length in bytes or collection
 * length in items (server.c genRedisInfoString, "keysizes"; bins from kvstore's keysizes histogram). Streams and
 * module types are not counted.
 *
 * @param measure {@code sizes} (string bytes) or {@code items} (elements of a list, set, zset or hash)
 */
public record KeysizesHistogram(int db, String type, String measure, List<Bin> bins) {

    public KeysizesHistogram { bins = List.copyOf(bins); }

    /** Keys whose size is at least {@code from} and below twice that (the last bin of a line has no upper bound printed). */
    public record Bin(long from, long keys) {}

    private static final Pattern NAME = Pattern.compile("db(\\d{1,6})_distrib_([a-z]+?)_(sizes|items)");
    private static final Pattern BIN = Pattern.compile("(\\d+)([KMGTP]?)=(\\d+)");

    public long keys() { return bins.stream().mapToLong(Bin::keys).sum(); }

    /** Keys below {@code limit} (bytes or items): the many small keys that each pay a keyspace entry. */
    public long keysBelow(long limit) { return bins.stream().filter(b -> b.from() * 2 <= limit).mapToLong(Bin::keys).sum(); }

    /** Every keysizes line of the dump; lines that do not read are left out (the field itself stays in the dump). */
    public static List<KeysizesHistogram> of(InfoDump dump) {
        List<KeysizesHistogram> out = new ArrayList<>();
        for (InfoField f : dump.fields()) {
            Matcher n = NAME.matcher(f.name());
            if (!n.matches()) continue;
            List<Bin> bins = new ArrayList<>();
            boolean ok = true;
            for (String part : f.value().split(",")) {
                Matcher b = BIN.matcher(part.trim());
                if (!b.matches() || b.group(1).length() > 12 || b.group(3).length() > 15) { ok = false; break; }
                int shift = switch (b.group(2)) { case "K" -> 10; case "M" -> 20; case "G" -> 30; case "T" -> 40; case "P" -> 50; default -> 0; };
                bins.add(new Bin(Long.parseLong(b.group(1)) << shift, Long.parseLong(b.group(3))));
            }
            if (ok) {
                String type = n.group(2).endsWith("es") && n.group(2).startsWith("hash") ? "hash" : n.group(2).replaceAll("s$", "");
                out.add(new KeysizesHistogram(Integer.parseInt(n.group(1)), type, n.group(3), bins));
            }
        }
        return out;
    }
}
