package io.fragscope.analysis.keys;

import io.fragscope.analysis.KeyCost;
import io.fragscope.source.KeyName;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.source.listing.ListingReader;
import io.fragscope.source.listing.ListingRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aggregates built from the real groundtruth keys.csv rows, checked against a second, plain pass
 * over the CSV text in this test and against the per type/encoding table of notes.md.
 */
class GroundtruthAggregationTest {

    private static final long LISTED_AT = 1_700_000_000_000L;

    /** Test-only cost rule, so requested, waste and prefix overhead differ from key to key. */
    record Line(int db, byte[] key, String type, String encoding, long memoryUsage, long elements, long ttlMs) {
        long requested() { return memoryUsage - key.length % 8; }
        long allocated() { return memoryUsage; }
        long waste() { return allocated() - requested(); }
        long prefixOverhead() { return elements % 3; }
        boolean noTtl() { return ttlMs < 0; }
        String keyHex() { return HexFormat.of().formatHex(key); }

        static Line parse(String text) {
            String[] f = text.split(",", -1);   // keys.csv keys hold no commas: every row has 7 cells
            assertEquals(7, f.length, text);
            return new Line(Integer.parseInt(f[0]), KeyName.unescape(f[1]).toByteArray(), f[2], f[3],
                    f[4].isEmpty() ? 0 : Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
        }
    }

    private static KeyCost cost(ListingRow r) {
        long mu = Math.max(r.sizeBytes(), 0);
        long requested = mu - r.key().length() % 8;
        io.fragscope.model.KeyType type = io.fragscope.model.KeyType.ofListed(r.type());
        return new KeyCost(r.db(), r.key(), type, io.fragscope.model.Encoding.ofListed(type, r.encoding()), r.elements(), requested, mu, mu - requested,
                r.elements() % 3, mu, r.ttlMs() >= 0 ? LISTED_AT + r.ttlMs() : -1, KeyCost.Exactness.FROM_LISTING);
    }

    /** Independent prefix rule: up to and including the 2nd ':' if there is one, else the 1st, else none. */
    private static String prefixHex(byte[] key) {
        int first = indexOf(key, 0), second = first < 0 ? -1 : indexOf(key, first + 1);
        int end = second >= 0 ? second + 1 : first >= 0 ? first + 1 : -1;
        return end < 0 ? null : HexFormat.of().formatHex(Arrays.copyOf(key, end));
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == ':') return i;
        return -1;
    }

    private static Totals expected(List<Line> lines) {
        return new Totals(lines.size(), lines.stream().mapToLong(Line::requested).sum(),
                lines.stream().mapToLong(Line::allocated).sum(), lines.stream().mapToLong(Line::waste).sum(),
                lines.stream().mapToLong(Line::prefixOverhead).sum(), lines.stream().mapToLong(Line::memoryUsage).sum(),
                lines.stream().filter(Line::noTtl).count());
    }

    private static <K> Map<K, Totals> expectedBy(List<Line> lines, Function<Line, K> group) {
        return lines.stream().collect(Collectors.groupingBy(group, Collectors.collectingAndThen(Collectors.toList(),
                GroundtruthAggregationTest::expected)));
    }

    private static <K, T> Map<T, Totals> actual(GroupTable<K> table, Function<K, T> name) {
        Map<T, Totals> m = new HashMap<>();
        table.groups().forEach(g -> m.put(name.apply(g.key()), g.totals()));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.2.13-jemalloc", "4.0.14-libc", "5.0.14-jemalloc", "7.0.15-debian", "7.2.6-jemalloc",
            "7.4.1-jemalloc"})
    void aggregatesEqualAStraightSecondPass(String build) throws IOException {
        Path dir = Path.of("../shared/groundtruth", build);
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        ListingReader.read(dir.resolve("keys.csv"), ListingOptions.DEFAULTS, row -> agg.accept(cost(row)));
        KeySummary s = agg.summary();

        List<Line> lines = Files.readAllLines(dir.resolve("keys.csv")).stream().skip(1).map(Line::parse).toList();
        assertEquals(expected(lines), s.totals());
        assertEquals(expectedBy(lines, Line::db), actual(s.byDb(), k -> k));
        assertEquals(expectedBy(lines, Line::type), actual(s.byType(), io.fragscope.model.KeyType::redisName));
        assertEquals(expectedBy(lines, l -> l.type() + "/" + l.encoding()), actual(s.byEncoding(), TypeEncoding::toString));

        List<Line> prefixed = lines.stream().filter(l -> prefixHex(l.key()) != null).toList();
        assertEquals(expectedBy(prefixed, l -> prefixHex(l.key())),
                actual(s.byPrefix(), k -> HexFormat.of().formatHex(k.toByteArray())));
        assertEquals(expected(lines.stream().filter(l -> prefixHex(l.key()) == null).toList()), s.withoutPrefix());
        assertEquals(Totals.ZERO, s.byPrefix().other());
        assertEquals(0, s.byPrefix().foldedGroupsEstimate());

        Comparator<Line> best = Comparator.comparingLong(Line::allocated).reversed().thenComparingInt(Line::db)
                .thenComparing(Line::key, Arrays::compareUnsigned);
        assertEquals(lines.stream().sorted(best).limit(100).map(Line::keyHex).toList(),
                s.topByAllocated().stream().map(c -> HexFormat.of().formatHex(c.key().toByteArray())).toList());
        Comparator<Line> mostWaste = Comparator.comparingLong(Line::waste).reversed().thenComparingInt(Line::db)
                .thenComparing(Line::key, Arrays::compareUnsigned);
        assertEquals(lines.stream().sorted(mostWaste).limit(100).map(Line::keyHex).toList(),
                s.topByWaste().stream().map(c -> HexFormat.of().formatHex(c.key().toByteArray())).toList());
    }

    /** notes.md's "Keys by type and encoding" table was written by the measuring script, not by fragscope. */
    @ParameterizedTest
    @ValueSource(strings = {"4.0.14-jemalloc", "6.2.16-jemalloc", "7.0.15-jemalloc", "7.2.6-libc"})
    void typeEncodingTableMatchesNotes(String build) throws IOException {
        Path dir = Path.of("../shared/groundtruth", build);
        KeyAggregator agg = new KeyAggregator(AggregationOptions.DEFAULTS);
        ListingReader.read(dir.resolve("keys.csv"), ListingOptions.DEFAULTS, row -> agg.accept(cost(row)));
        Map<String, Totals> byEncoding = actual(agg.summary().byEncoding(), TypeEncoding::toString);

        Matcher m = Pattern.compile("^\\| (\\w+) \\| (\\w+) \\| (\\d+) \\| (\\d+) \\|$", Pattern.MULTILINE)
                .matcher(Files.readString(dir.resolve("notes.md")));
        int rows = 0;
        while (m.find()) {
            Totals t = byEncoding.get(m.group(1) + "/" + m.group(2));
            assertEquals(Long.parseLong(m.group(3)), t.keys(), m.group());
            assertEquals(Long.parseLong(m.group(4)), t.memoryUsageBytes(), m.group());
            rows++;
        }
        assertEquals(rows, byEncoding.size());
        assertTrue(rows >= 10);
    }
}
