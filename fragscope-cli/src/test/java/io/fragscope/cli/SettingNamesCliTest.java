package io.fragscope.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the CLI, the library's messages name the CLI's options where the library alone names its settings (SettingNamesTest). */
class SettingNamesCliTest {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void reset() {
        stdout.reset();
        stderr.reset();
    }

    int run(String... args) {
        return Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownThresholdIsAUsageErrorNamingConfig(@TempDir Path tmp) {
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("out").toString(), "--config", "hash-max-zipmap-entries=64", "samples/info"));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("fragscope analyze: --config hash-max-zipmap-entries is not an encoding threshold fragscope models"), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertFalse(Files.exists(tmp.resolve("out")), "no report for a usage error");
    }

    @Test
    void aVersionNoLayoutModelsAndThreadsBeyondTwoAreUsageErrors(@TempDir Path tmp) {
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("out").toString(), "--redis-version", "99.1", "samples/info"));
        assertEquals("fragscope analyze: --redis-version 99.1: no layout for Redis 99.1 (fragscope models Redis 2.8 to 8.x, Valkey 7.2 to 9.x) (see fragscope analyze --help)\n",
                stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("out").toString(), "--threads", "3", "samples/info"));
        assertEquals("fragscope analyze: --threads takes 1 or 2, got 3 (see fragscope analyze --help)\n", stderr.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("out")), "no report for a usage error");
    }

    @Test
    void anOptionGivenTwiceOrATopPastTheHeapIsAUsageError(@TempDir Path tmp) {
        // one value would silently win: -o o1 -o o2 wrote only to o1, --lang zh --lang en wrote Chinese
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("o1").toString(), "-o", tmp.resolve("o2").toString(), "samples/info"));
        assertEquals("fragscope analyze: --out given 2 times ('" + tmp.resolve("o1") + "', '" + tmp.resolve("o2") + "'): give it once"
                + " (see fragscope analyze --help)\n", stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("o1").toString(), "--allocator", "jemalloc", "--allocator", "libc", "samples/info"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith("fragscope analyze: --allocator given 2 times ('jemalloc', 'libc')"));
        stderr.reset();
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("o1").toString(), "--top", "20000000", "samples/info"));
        assertEquals("fragscope analyze: --top lists at most 10000 keys, got 20000000 (keys.csv, with -f csv, has every key)"
                + " (see fragscope analyze --help)\n", stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("o1").toString(), "--keys-sheet-rows", "100001", "samples/info"));
        assertEquals("fragscope analyze: --keys-sheet-rows shows at most 100000 keys, got 100001 (keys.csv, with -f csv, has every key)"
                + " (see fragscope analyze --help)\n", stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        assertEquals(2, run("analyze", "-q", "-o", tmp.resolve("o1").toString(), "--keys-sheet-rows", "0", "samples/info"));
        assertEquals("fragscope analyze: --keys-sheet-rows must be positive (see fragscope analyze --help)\n", stderr.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("o1")) || Files.exists(tmp.resolve("o2")), "no report for a usage error");
        // the options meant to be repeated still are
        stderr.reset();
        assertEquals(0, run("analyze", "-q", "-f", "json", "-f", "csv", "-o", tmp.resolve("o3").toString(), "samples/info"),
                stderr.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(tmp.resolve("o3").resolve("dumps.csv")));
    }

    @Test
    void theModelReasonAndTheRunsNotesNameTheFlags(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-q", "-f", "csv", "-o", out.toString(), "--allocator", "libc", "--redis-version", "7.0",
                "--since", "5s", "samples/rdb/dump.rdb", "samples/info"), stderr.toString(StandardCharsets.UTF_8));
        String datasets = Files.readString(out.resolve("datasets.csv"));
        assertTrue(datasets.contains("Redis 7.0 layout (--redis-version 7.0)"), datasets);
        assertTrue(datasets.contains("allocator libc (--allocator libc)"), datasets);
        String inputs = Files.readString(out.resolve("inputs.csv"));
        assertTrue(inputs.contains(", before the --since window"), inputs);
        assertFalse(datasets.contains("AnalysisRequest.") || inputs.contains("AnalysisRequest."), "no library name through the CLI");
    }

    @Test
    void aMappedListingWithoutAColumnMapNamesColumns(@TempDir Path tmp) throws IOException {
        Path listing = tmp.resolve("sizes.csv");
        Files.writeString(listing, "name,bytes,type\na,1,string\n");
        assertEquals(2, run("analyze", "-q", "-f", "csv", "-o", tmp.resolve("out").toString(), "--listing-format", "mapped", listing.toString()));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains(listing + ": line 1: explicitly mapped CSV: name the columns with --columns key=NAME,size=NAME"), err);
    }
}
