package io.fragscope.analysis.cost;

import io.fragscope.analysis.dataset.DatasetOutcome;
import io.fragscope.analysis.dataset.ListingDatasets;
import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.source.KeyName;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.listing.ListingOptions;
import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SCAN + MEMORY USAGE listing taken from a live server the way an operator takes one (SCAN, then TYPE, OBJECT
 * ENCODING, MEMORY USAGE key SAMPLES 0, the length command of the type and PTTL for each key), written as the
 * keys.csv format, priced by fragscope with the server's INFO, and compared with the growth of used_memory when
 * that server loaded its data from empty. The dataset is {@link LiveRedisAccuracyTest#dataset()}: every type on
 * both sides of every encoding threshold, 30,000 small keys, a third with TTLs.
 */
class LiveListingAccuracyTest {

    @ParameterizedTest
    @ValueSource(strings = {"/usr/bin/redis-server", "../shared/bin/valkey-8.1.1/valkey-server", "../shared/bin/valkey-9.1.2/valkey-server"})
    void aListingTakenFromALiveServerEstimatesItsUsedMemory(String binary, @TempDir Path tmp) throws Exception {
        Path writer = Files.createDirectories(tmp.resolve("writer")), empty = Files.createDirectories(tmp.resolve("empty")),
                reader = Files.createDirectories(tmp.resolve("reader"));
        try (LocalRedis w = LocalRedis.start(binary, writer, null)) {
            w.pipeline(LiveRedisAccuracyTest.dataset());
            w.call("SAVE");
        }
        long emptyUsed;
        try (LocalRedis e = LocalRedis.start(binary, empty, null)) {
            Thread.sleep(200);
            emptyUsed = e.infoField("used_memory");
        }
        Files.copy(writer.resolve("dump.rdb"), reader.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        long growth;
        Path listing = tmp.resolve("keys.csv");
        try (LocalRedis r = LocalRedis.start(binary, reader, "dump.rdb")) {
            Thread.sleep(200);
            growth = r.infoField("used_memory") - emptyUsed; // before the listing's own commands touch anything
            Files.writeString(tmp.resolve("info.txt"), r.infoAll(), StandardCharsets.UTF_8);
            int keys = writeListing(r, listing);
            assertEquals(((Long) r.call("DBSIZE")).intValue(), keys, "SCAN listed every key");
        }
        InfoDump info = new InfoParser(ReadLimits.DEFAULTS).parse(tmp.resolve("info.txt"));
        CostModel model = ModelChoice.choose(null, null, Map.of(), Optional.of(info), Optional.empty());
        DatasetOutcome out = new ListingDatasets(ListingOptions.DEFAULTS, AggregationOptions.DEFAULTS, model, List.of())
                .analyze(listing, c -> { });
        long estimated = out.summary().estimatedUsedMemory(), listed = out.summary().keys().totals().memoryUsageBytes();
        double err = (estimated - growth) * 100.0 / growth, plain = (listed - growth) * 100.0 / growth;
        System.out.printf("live listing %s: estimated %d vs growth %d (%+.2f%%), plain sum of MEMORY USAGE %+.2f%%%n",
                binary, estimated, growth, err, plain);
        assertTrue(Math.abs(err) <= 2.0, "estimated used_memory from the listing " + err + "% off");
    }

    /** SCAN + per-key commands, written as db,key,type,encoding,memory_usage,elements,ttl_ms; returns the keys listed. */
    private static int writeListing(LocalRedis r, Path file) throws Exception {
        StringBuilder csv = new StringBuilder("db,key,type,encoding,memory_usage,elements,ttl_ms\n");
        String cursor = "0";
        int n = 0;
        do {
            @SuppressWarnings("unchecked")
            List<Object> reply = (List<Object>) r.call("SCAN", cursor, "COUNT", "1000");
            cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
            @SuppressWarnings("unchecked")
            List<Object> batch = (List<Object>) reply.get(1);
            List<byte[]> names = new ArrayList<>();
            for (Object k : batch) names.add((byte[]) k);
            for (byte[] k : names) {
                String type = r.text("TYPE", k);
                String enc = r.text("OBJECT", "ENCODING", k);
                long mu = (Long) r.call("MEMORY", "USAGE", k, "SAMPLES", "0");
                Object len = r.call(switch (type) {
                    case "string" -> "STRLEN";
                    case "list" -> "LLEN";
                    case "set" -> "SCARD";
                    case "zset" -> "ZCARD";
                    case "hash" -> "HLEN";
                    default -> "XLEN";
                }, k);
                long ttl = (Long) r.call("PTTL", k);
                String name = KeyName.of(k).escaped();
                String cell = name.contains(",") || name.contains("\"") ? '"' + name.replace("\"", "\"\"") + '"' : name;
                csv.append("0,").append(cell).append(',').append(type).append(',').append(enc).append(',').append(mu)
                        .append(',').append(len).append(',').append(ttl).append('\n');
                n++;
            }
        } while (!cursor.equals("0"));
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        return n;
    }
}
