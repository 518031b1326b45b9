package io.fragscope.report;

import io.fragscope.cli.Main;
import io.fragscope.testing.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reclaim plan and "where the memory sits" in JSON, CSV and the prefix map, on the real samples. */
class ReclaimReportsTest {
    static final List<String> METHODS = List.of("memory-purge", "active-defrag", "restart", "config", "allocator", "key-prefixes", "expire", "cold-data");

    @TempDir Path out;

    int run(String lang) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "--lang", lang, "-f", "csv,json", "-o", out.toString(), "samples"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    @SuppressWarnings("unchecked")
    void planAndWhereInJsonAndCsv() throws Exception {
        run("en");
        Map<String, Object> json = (Map<String, Object>) Json.read(out.resolve("summary.json"));
        List<Map<String, Object>> dumps = (List<Map<String, Object>>) json.get("dumps");
        Map<String, Object> latest = dumps.get(dumps.size() - 1);
        assertTrue(String.valueOf(latest.get("source")).endsWith("cache-01-20261124-042937.txt"));
        List<Map<String, Object>> plan = (List<Map<String, Object>>) latest.get("reclaim_plan");
        assertEquals(METHODS, plan.stream().map(s -> s.get("method")).toList());
        for (Map<String, Object> s : plan) {
            for (String k : List.of("applicable", "reason", "reclaimable_bytes", "expected_rss_after_bytes", "expected_ratio_after")) {
                assertTrue(s.containsKey(k), k + " in " + s);
            }
        }
        Map<String, Object> defrag = plan.get(1);
        assertEquals(false, defrag.get("applicable"), "Debian's package links the system jemalloc");
        assertTrue(String.valueOf(defrag.get("reason")).contains("distribution package"));
        Map<String, Object> restart = plan.get(2);
        long rss = ((Number) latest.get("used_memory_rss")).longValue();
        long after = ((Number) restart.get("expected_rss_after_bytes")).longValue();
        assertTrue(after < rss / 2 && after > ((Number) latest.get("used_memory")).longValue(), after + " of " + rss);
        assertNull(dumps.get(0).get("reclaim_plan"), "older dumps of the instance carry no plan");

        List<Map<String, Object>> where = (List<Map<String, Object>>) json.get("where");
        assertEquals(1, where.size(), "the RDB file; the listing has no RDB pass");
        Map<String, Object> w = where.get(0);
        List<Map<String, Object>> types = (List<Map<String, Object>>) w.get("types");
        Map<String, Object> hash = types.stream().filter(t -> t.get("type").equals("hash")).findFirst().orElseThrow();
        assertEquals(3001L, ((Number) hash.get("keys")).longValue());
        assertEquals(2000L, ((Number) hash.get("elements_per_key_max")).longValue(), "catalog:big");
        long p50 = ((Number) hash.get("elements_per_key_p50")).longValue();
        assertTrue(p50 >= 9 && p50 <= 10, "3-14 fields, median about 9: " + p50);
        List<Map<String, Object>> top = (List<Map<String, Object>>) w.get("top_keys");
        Map<String, Object> events = top.stream().filter(t -> t.get("key").equals("events")).findFirst().orElseThrow();
        assertEquals(46L, ((Number) events.get("largest_element_bytes")).longValue(), "\"event-\" + 40 characters");

        List<CSVRecord> csv = csv(out.resolve("reclaim-plan.csv"));
        assertEquals(METHODS, csv.stream().map(r -> r.get("method")).toList());
        assertEquals(String.valueOf(restart.get("reclaimable_bytes")), csv.get(2).get("reclaimable_bytes"));
        long slotBytes = csv(out.resolve("slots.csv")).stream().mapToLong(r -> Long.parseLong(r.get("bytes"))).sum();
        long allocated = csv(out.resolve("datasets.csv")).stream().filter(r -> r.get("kind").equals("rdb"))
                .mapToLong(r -> Long.parseLong(r.get("allocated_bytes"))).sum();
        assertEquals(allocated, slotBytes, "every key's bytes land in exactly one slot");
        assertEquals(1, csv(out.resolve("shards.csv")).size());

        String html = Files.readString(out.resolve(PrefixMapHtml.FILE));
        assertEquals(1, html.split("<script>", -1).length - 1, "one script, ours");
        String data = html.substring(html.indexOf("const maps="), html.indexOf(";\n", html.indexOf("const maps=")));
        assertFalse(data.contains("<"), "key names cannot close the script");
        assertTrue(html.contains("\"s\":\"user:\""), "the prefix levels are in the page");
        assertTrue(html.length() < 400_000, "bounded: " + html.length());
    }

    @Test
    void chinesePlan() throws Exception {
        run("zh");
        List<CSVRecord> csv = csv(out.resolve("reclaim-plan.csv"));
        assertTrue(csv.get(1).get("reason").contains("发行版"), csv.get(1).get("reason"));
    }

    /**
     * The 7.2.6 ground truth's RDB cut at 500,000 bytes (2,209 of its 8,020 keys read) beside its INFO dump: the model
     * falls short of used_memory because keys are missing, so the steps priced from the keys say the file is partial
     * and how many keys were read, instead of calling the model off this build's used_memory.
     */
    @Test
    void aPartialKeyFileIsNamedInTheStepsItPrices(@TempDir Path in) throws Exception {
        Path gt = io.fragscope.testing.SharedFiles.groundTruth().resolve("7.2.6-jemalloc");
        byte[] rdb = Files.readAllBytes(gt.resolve("dump.rdb"));
        Path cut = Files.write(in.resolve("dump.rdb"), java.util.Arrays.copyOf(rdb, 500_000));
        Files.copy(gt.resolve("info-reloaded.txt"), in.resolve("info-reloaded.txt"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", "-q", "-f", "csv", "-o", out.toString(), in.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, "a partial input: " + err.toString(StandardCharsets.UTF_8));
        CSVRecord ds = csv(out.resolve("datasets.csv")).get(0);
        assertEquals("false", ds.get("complete"));
        long read = Long.parseLong(ds.get("keys"));
        assertTrue(read > 0 && read < 8020, "keys read: " + read);
        String readText = java.text.NumberFormat.getIntegerInstance(java.util.Locale.ROOT).format(read);

        List<CSVRecord> plan = csv(out.resolve("reclaim-plan.csv"));
        assertEquals(cut.toString(), plan.get(0).get("priced_with"));
        List<CSVRecord> config = plan.stream().filter(r -> r.get("method").equals("config") && r.get("applicable").equals("true")).toList();
        assertFalse(config.isEmpty(), "the cut file still has keys a raised threshold converts");
        for (CSVRecord r : config) {
            assertEquals("config-raise-partial", r.get("reason_code"));
            assertTrue(r.get("reason").contains(" keys of the " + readText + " read (the key file is partial)"), r.get("reason"));
        }
        CSVRecord expire = plan.stream().filter(r -> r.get("method").equals("expire")).findFirst().orElseThrow();
        assertEquals("expire-partial", expire.get("reason_code"));
        assertTrue(expire.get("reason").startsWith("In the " + readText + " keys read (the key file is partial), "), expire.get("reason"));
        CSVRecord prefixes = plan.stream().filter(r -> r.get("method").equals("key-prefixes")).findFirst().orElseThrow();
        assertEquals("key-prefixes-light-partial", prefixes.get("reason_code"));
        assertTrue(prefixes.get("reason").contains(" in the " + readText + " keys read (the key file is partial)"), prefixes.get("reason"));
        for (CSVRecord r : plan) assertFalse(r.get("reason").contains("off this build"), r.get("reason"));
    }

    static List<CSVRecord> csv(Path p) throws Exception {
        try (Reader r = Files.newBufferedReader(p); CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return parser.getRecords();
        }
    }
}
