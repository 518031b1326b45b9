package io.fragscope.cli;

import io.fragscope.testing.ForkedRun;
import io.fragscope.testing.LocalRedis;
import io.fragscope.testing.SharedFiles;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Inputs whose shape, not size on disk, used to fill a 128 MiB heap (issue 15), each analysed by the CLI in a JVM
 * limited to 128 MiB: every one must end with exit 0 or 2, a report, and clean one-line messages. The full sizes
 * (5 million rows) are in scripts/load-test.sh.
 */
class HostileSizesTest {
    @TempDir Path tmp;

    private static final String HEADER = "db,key,type,encoding,memory_usage,elements,ttl_ms\n";

    private ForkedRun analyze(String formats, Path... inputs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-q", "-f", formats, "-o", tmp.resolve("out").toString()));
        for (Path p : inputs) args.add(p.toString());
        ForkedRun r = ForkedRun.analyze(tmp, "128m", args.toArray(String[]::new));
        assertFalse(r.err().contains("OutOfMemoryError"), r.err());
        assertFalse(r.rawControlBytes(), r.err());
        for (String line : r.errLines()) assertTrue(line.startsWith("fragscope"), "one line per problem: " + r.err());
        assertTrue(Files.exists(tmp.resolve("out/summary.json")), "summary.json");
        return r;
    }

    private static int rows(Path xlsx, String sheet) throws IOException {
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheet(sheet);
            assertNotNull(s, sheet);
            return s.getLastRowNum();
        }
    }

    /** 10,000 keys user:NAME:cart from a real server: 10,000 prefixes, all in the streamed By prefix sheet. */
    @Test
    void tenThousandCartPrefixesFromARealRdb() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        Random rnd = new Random(15);
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            List<Object[]> cmds = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                StringBuilder name = new StringBuilder();
                for (int j = 0; j < 8; j++) name.append((char) ('a' + rnd.nextInt(26)));
                cmds.add(new Object[] {"HSET", "user:" + name + i + ":cart", "sku", "1", "qty", "2"});
            }
            r.pipeline(cmds);
            r.call("SAVE");
        }
        ForkedRun run = analyze("xlsx", dir.resolve("dump.rdb"));
        assertEquals(0, run.exit(), run.err());
        assertEquals(10_000, rows(tmp.resolve("out/report.xlsx"), "By prefix"), "a row per prefix below the header (row 0)");
    }

    /** 70 key names of 2 MB (more than the heap together): the top lists and the keys.csv queue hold 1 KiB of each, and the rendering says it was cut. */
    @Test
    void keyNamesOfTwoMegabytesFromARealRdb() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        String tail = "k".repeat(2 << 20);
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            for (int i = 0; i < 70; i++) r.call("SET", "long:" + i + ":" + tail, "v");
            r.call("SAVE");
        }
        ForkedRun run = analyze("xlsx,csv", dir.resolve("dump.rdb"));
        assertEquals(0, run.exit(), run.err());
        List<String> keys = Files.readAllLines(tmp.resolve("out/keys.csv"));
        assertEquals(71, keys.size());
        // "long:3:" + 2 MiB of k: 2,097,159 bytes, cut to its first 1 KiB with the length and a hash.
        assertTrue(keys.stream().anyMatch(l -> l.contains("\"long:3:kkk") && l.contains("…[cut: 2097159 bytes, hash ")), keys.get(1).substring(0, 80));
        assertTrue(keys.stream().allMatch(l -> l.length() < 5000), "bounded cells");
    }

    /** A key name of 100 MB from a real server: the reader streams it in windows and never holds it; keys.csv lists it cut. */
    @Test
    void aKeyNameOfOneHundredMegabytesFromARealRdb() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        byte[] name = new byte[100 << 20];
        java.util.Arrays.fill(name, (byte) 'n');
        System.arraycopy("huge:".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, name, 0, 5);
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            r.call("SET", name, "v");
            r.call("SET", "small", "v");
            r.call("SAVE");
        }
        name = null;
        ForkedRun run = analyze("xlsx,csv", dir.resolve("dump.rdb"));
        assertEquals(0, run.exit(), run.err());
        List<String> keys = Files.readAllLines(tmp.resolve("out/keys.csv"));
        assertEquals(3, keys.size());
        assertTrue(keys.stream().anyMatch(l -> l.contains("\"huge:nnn") && l.contains("…[cut: 104857600 bytes, hash ")), String.join("\n", keys).substring(0, 200));
    }

    /**
     * 7,000 distinct prefixes of 20 KB (140 MB of prefixes; the case had 12,000): names are held to their
     * first KiB, where these keys have no separator, so they count as keys without a prefix. The byte cap of the
     * prefix table itself is KeyAggregatorTest's.
     */
    @Test
    void sevenThousandPrefixesOfTwentyKilobytes() throws Exception {
        Path list = tmp.resolve("prefixes.csv");
        String pad = "p".repeat(20_000);
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            w.write(HEADER);
            for (int i = 0; i < 7_000; i++) w.write("0," + String.format("%05d", i) + pad + ":a:" + i + ",string,raw,100,1,-1\n");
        }
        ForkedRun run = analyze("xlsx,json", list);
        assertEquals(0, run.exit(), run.err());
        String json = Files.readString(tmp.resolve("out/summary.json"));
        assertTrue(json.contains("\"keys\" : 7000,"), "every key counted");
        Files.delete(list);
    }

    /** 150 rows with keys of 900 KB each (within the 1 MiB line limit; the case had 200). */
    @Test
    void twoHundredListedKeysOf900Kilobytes() throws Exception {
        Path list = tmp.resolve("big-keys.csv");
        String pad = "x".repeat(900_000);
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            w.write(HEADER);
            for (int i = 0; i < 150; i++) w.write("0,k" + i + ":" + pad + ",string,raw,1000000,1,-1\n");
        }
        ForkedRun run = analyze("xlsx,csv", list);
        assertEquals(0, run.exit(), run.err());
        assertEquals(151, Files.readAllLines(tmp.resolve("out/keys.csv")).size());
        Files.delete(list);
    }

    /** The 5-million-row listing with 1.85 million distinct prefixes at a 25th of the size: same shape. */
    @Test
    void rowsWithManyDistinctPrefixes() throws Exception {
        Path list = tmp.resolve("many.csv");
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            w.write(HEADER);
            for (int i = 0; i < 200_000; i++) w.write("0,p" + (i % 74_000) + "x:q:" + i + ",string,embstr,64,1,-1\n");
        }
        ForkedRun run = analyze("json", list);
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.readString(tmp.resolve("out/summary.json")).contains("\"keys\" : 200000,"));
    }

    /** An INFO dump of 30,000 fields, and 80 dumps of one instance: the INFO fields sheet is streamed. */
    @Test
    void thirtyThousandInfoFieldsAndEightyDumpsOfOneInstance() throws Exception {
        Path real = SharedFiles.groundTruthBuilds().get(0);
        Path info;
        try (var s = Files.list(real)) {
            info = s.filter(p -> p.getFileName().toString().startsWith("info")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(info);
        Path folder = Files.createDirectories(tmp.resolve("cron"));
        // An instance of its own (another run_id), so its dump is the latest of its series and shows every field.
        StringBuilder wide = new StringBuilder(text.replaceFirst("run_id:[0-9a-f]+", "run_id:" + "f".repeat(40)));
        if (!text.endsWith("\n")) wide.append('\n');
        wide.append("# Extra\r\n");
        for (int i = 0; i < 30_000; i++) wide.append("custom_field_").append(i).append(':').append(i * 7).append("\r\n");
        Files.writeString(folder.resolve("wide-20261124-000000.txt"), wide);
        for (int i = 0; i < 80; i++) {
            Files.writeString(folder.resolve(String.format("cache-01-20261124-%02d%02d00.txt", i / 60, i % 60)), text);
        }
        ForkedRun run = analyze("xlsx", folder);
        assertTrue(run.exit() == 0 || run.exit() == 2, run.err());
        // More fields than any INFO reply has: the first 20,000 are read (the wide dump's own ~200 and 19,800 extra),
        // the rest is said, and the other instance's latest dump adds its own fields.
        int fields = rows(tmp.resolve("out/report.xlsx"), "INFO fields");
        int own = new io.fragscope.source.info.InfoParser(io.fragscope.source.ReadLimits.DEFAULTS).parse(info).fields().size();
        assertEquals(20_000 + own, fields);
    }
}
