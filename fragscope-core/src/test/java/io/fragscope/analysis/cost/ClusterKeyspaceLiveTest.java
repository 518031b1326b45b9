package io.fragscope.analysis.cost;

import io.fragscope.analysis.dataset.ModelChoice;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.rdb.RdbReader;
import io.fragscope.testing.LocalRedis;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keyspace of a server in cluster mode, against real servers: 20,000 small keys (a third with TTLs) written to
 * a single-node cluster that owns every slot, saved, and loaded into a fresh cluster-mode server of the same
 * build; the growth of used_memory is compared with fragscope's estimate from that RDB and the server's INFO
 * ({@code cluster_enabled:1}). With a kvstore (Valkey 8.0+, Redis 7.4+) every slot with keys has its own dict or
 * hashtable, which for few keys per slot is most of the keyspace's memory; Redis 7.0 keeps one dict with
 * per-entry slot metadata. The same data in standalone mode is measured beside it.
 */
class ClusterKeyspaceLiveTest {

    @ParameterizedTest
    @ValueSource(strings = {"/usr/bin/redis-server", "../shared/bin/valkey-8.1.1/valkey-server", "../shared/bin/valkey-9.1.2/valkey-server"})
    void usedMemoryOfAClusterModeLoadIsEstimatedSlotBySlot(String binary, @TempDir Path tmp) throws Exception {
        double[] standalone = measure(binary, tmp.resolve("standalone"), false);
        double[] cluster = measure(binary, tmp.resolve("cluster"), true);
        System.out.printf("cluster keyspace %s: standalone growth %.0f estimated %.0f (%+.3f%%); cluster growth %.0f estimated %.0f (%+.3f%%)%n",
                binary, standalone[0], standalone[1], err(standalone), cluster[0], cluster[1], err(cluster));
        assertTrue(Math.abs(err(standalone)) < 0.5, "standalone " + err(standalone) + "%");
        assertTrue(Math.abs(err(cluster)) < 0.5, "cluster " + err(cluster) + "%");
        if (binary.contains("valkey")) {
            // one hashtable (struct, kvstore metadata, a bucket) per slot: the keyspace costs far more than standalone
            assertTrue(cluster[0] > 2 * standalone[0], "per-slot hashtables dominate: " + cluster[0] + " vs " + standalone[0]);
        }
    }

    private static double err(double[] m) { return (m[1] - m[0]) * 100.0 / m[0]; }

    /** @return {growth of used_memory on load, fragscope's estimate}, bytes */
    private static double[] measure(String binary, Path dir, boolean cluster) throws Exception {
        Path writer = Files.createDirectories(dir.resolve("writer")), empty = Files.createDirectories(dir.resolve("empty")),
                reader = Files.createDirectories(dir.resolve("reader"));
        try (LocalRedis r = LocalRedis.start(binary, writer, null, args(writer, cluster))) {
            if (cluster) {
                r.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
                for (int i = 0; i < 200 && !r.text("CLUSTER", "INFO").contains("cluster_state:ok"); i++) Thread.sleep(50);
            }
            List<Object[]> commands = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                commands.add(new Object[] {"SET", "key:" + i, "value"});
                if (i % 3 == 0) commands.add(new Object[] {"PEXPIREAT", "key:" + i, "2500000000000"});
            }
            r.pipeline(commands);
            r.call("SAVE");
        }
        long emptyUsed;
        try (LocalRedis e = LocalRedis.start(binary, empty, null, args(empty, cluster))) {
            emptyUsed = settledUsed(e);
        }
        Files.copy(writer.resolve("dump.rdb"), reader.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        long loadedUsed;
        String info;
        try (LocalRedis l = LocalRedis.start(binary, reader, "dump.rdb", args(reader, cluster))) {
            loadedUsed = settledUsed(l);
            info = l.infoAll();
        }
        Files.writeString(dir.resolve("info.txt"), info, StandardCharsets.UTF_8);
        InfoDump dump = new InfoParser(ReadLimits.DEFAULTS).parse(dir.resolve("info.txt"));
        CostModel model = ModelChoice.choose(null, null, Map.of(), Optional.of(dump), Optional.empty());
        assertTrue(model.clusterMode() == cluster, "cluster mode read from INFO");
        RdbKeyCoster coster = new RdbKeyCoster(model, k -> { });
        RdbReader.read(reader.resolve("dump.rdb"), ReadLimits.DEFAULTS, coster);
        return new double[] {loadedUsed - emptyUsed, coster.estimatedUsedMemory()};
    }

    private static String[] args(Path dir, boolean cluster) {
        return cluster ? new String[] {"--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString()} : new String[0];
    }

    /** used_memory once the cron has run (the client's buffers settle). */
    private static long settledUsed(LocalRedis r) throws Exception {
        Thread.sleep(300);
        return r.infoField("used_memory");
    }
}
