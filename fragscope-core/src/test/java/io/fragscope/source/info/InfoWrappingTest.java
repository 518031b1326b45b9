package io.fragscope.source.info;

import io.fragscope.source.ReadLimits;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every way a log, a terminal, a chat or a monitoring screen wraps INFO lines, applied to every real INFO dump
 * of {@code ../shared/groundtruth} (18 builds, empty and loaded): the parse must give exactly the fields,
 * values and keyspace of the plain file.
 */
class InfoWrappingTest {

    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);

    private static final Pattern FIELD_LINE = Pattern.compile("([a-z][a-z0-9_|.\\-]*):(.*)");
    private static final Set<String> BYTE_FIELDS = Set.of("used_memory", "used_memory_rss", "used_memory_peak",
            "used_memory_dataset", "allocator_allocated", "allocator_active", "allocator_resident", "total_system_memory");

    static List<Path> dumps() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path b : SharedFiles.groundTruthBuilds()) {
            out.add(b.resolve("info-empty.txt"));
            out.add(b.resolve("info-reloaded.txt"));
        }
        return out;
    }

    static Map<String, UnaryOperator<String>> wrappers() {
        Map<String, UnaryOperator<String>> w = new java.util.LinkedHashMap<>();
        w.put("docker-compose v1 column", perLine(l -> "cache_1  | " + l));
        w.put("docker compose v2 column", perLine(l -> "redis-1  | " + l));
        AtomicInteger micros = new AtomicInteger(512301);
        w.put("log time with microseconds", perLine(l -> String.format("12:03:44.%06d %s", micros.getAndIncrement() % 1_000_000, l)));
        w.put("docker logs date and time", perLine(l -> "2023-04-27 17:43:03 " + l));
        w.put("ISO timestamp in brackets", perLine(l -> "[2026-11-24T03:12:00.118Z] " + l));
        w.put("syslog", perLine(l -> "Nov 24 03:12:00 cache-01 redis-info[4121]: " + l));
        w.put("kubectl --prefix", perLine(l -> "[pod/cache-0/redis] " + l));
        w.put("markdown quote", perLine(l -> "> " + l));
        w.put("nested markdown quote", perLine(l -> "> > " + l));
        w.put("list bullets", perLine(l -> "- " + l));
        AtomicInteger n = new AtomicInteger(1);
        w.put("numbered list", perLine(l -> n.getAndIncrement() + ". " + l));
        w.put("constant host prefix", perLine(l -> "redis-01: " + l));
        w.put("': :' separator", fields((k, v) -> k + ": : " + v));
        w.put("' : ' separator", fields((k, v) -> k + " : " + v));
        w.put("comma grouping", fields((k, v) -> k + ":" + group(v, ",")));
        w.put("underscore grouping", fields((k, v) -> k + ":" + group(v, "_")));
        w.put("thin space grouping", fields((k, v) -> k + ":" + group(v, "\u2009")));
        w.put("narrow no-break space grouping", fields((k, v) -> k + ":" + group(v, "\u202F")));
        w.put("monitoring GUI: ': :', grouping and annotation", fields((k, v) ->
                k + ": : " + group(v, ",") + (BYTE_FIELDS.contains(k) ? String.format(" (%.1f GB)", Long.parseLong(v) / 1e9) : "")));
        w.put("annotation after byte counts", fields((k, v) -> k + ":" + v + (BYTE_FIELDS.contains(k) ? String.format(" (%.2f MB)", Long.parseLong(v) / 1e6) : "")));
        w.put("bold names", fields((k, v) -> "**" + k + "**: " + v));
        w.put("markdown italics around the paste", s -> "_" + s.strip() + "_");
        w.put("compose column and timestamp", perLine(l -> "web_redis_1  | 2023-04-27 17:43:03 " + l));
        w.put("quote of a docker log", perLine(l -> "> cache_1  | " + l));
        return w;
    }

    @Test
    void everyWrapperOfEveryRealDumpGivesTheFieldsOfThePlainFile() throws IOException {
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (Path dump : dumps()) {
            InfoDump plain = parser.parse(dump);
            assertFalse(plain.partial(), dump + ": " + plain.warnings());
            String text = Files.readString(dump, StandardCharsets.UTF_8);
            for (Map.Entry<String, UnaryOperator<String>> w : wrappers().entrySet()) {
                InfoDump wrapped = parse(w.getValue().apply(text));
                if (!plain.asMap().equals(wrapped.asMap()) || !plain.keyspace().equals(wrapped.keyspace()) || wrapped.partial()) {
                    failures.add(dump.getParent().getFileName() + "/" + dump.getFileName() + " " + w.getKey() + ": "
                            + difference(plain.asMap(), wrapped.asMap()) + " " + wrapped.warnings());
                }
                checked++;
            }
        }
        assertEquals(36 * wrappers().size(), checked);
        assertEquals(List.of(), failures);
    }

    @Test
    void theGroupedAndAnnotatedFormOfTheIssueReadsAsBytes() throws IOException {
        InfoDump d = parse("used_memory: : 47,222,624,920\nused_memory_rss: 71731642368 (66.8 GB)\nmem_fragmentation_ratio: 1.52\n");
        assertEquals(47_222_624_920L, d.bytes("used_memory").getAsLong());
        assertEquals(71_731_642_368L, d.bytes("used_memory_rss").getAsLong());
        assertFalse(d.partial(), d.warnings().toString());
    }

    private static String difference(Map<String, String> a, Map<String, String> b) {
        for (var e : a.entrySet()) {
            if (!e.getValue().equals(b.get(e.getKey()))) return e.getKey() + "=" + e.getValue() + " became " + b.get(e.getKey());
        }
        for (var k : b.keySet()) if (!a.containsKey(k)) return "extra " + k + "=" + b.get(k);
        return "(same fields)";
    }

    private static UnaryOperator<String> perLine(UnaryOperator<String> f) {
        return s -> s.lines().map(f).collect(Collectors.joining("\n", "", "\n"));
    }

    interface FieldForm { String of(String name, String value); }

    private static UnaryOperator<String> fields(FieldForm f) {
        return perLine(l -> {
            Matcher m = FIELD_LINE.matcher(l);
            return m.matches() ? f.of(m.group(1), m.group(2)) : l;
        });
    }

    /** Thousands grouping as a screen shows it, for a plain integer of four digits or more. */
    static String group(String v, String sep) {
        if (!v.matches("\\d{4,}")) return v;
        StringBuilder b = new StringBuilder();
        int first = v.length() % 3 == 0 ? 3 : v.length() % 3;
        b.append(v, 0, first);
        for (int i = first; i < v.length(); i += 3) b.append(sep).append(v, i, i + 3);
        return b.toString();
    }

    private InfoDump parse(String text) throws IOException {
        return parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Path.of("paste.txt"));
    }
}
