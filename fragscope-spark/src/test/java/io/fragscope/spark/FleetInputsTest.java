package io.fragscope.spark;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver's side without Spark: which files, in which cluster and shard, biggest first; options refused up front. */
class FleetInputsTest {
    @TempDir Path dir;

    private Path file(String rel, int bytes) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
        return p;
    }

    @Test
    void aGlobNamesClustersAndShardsByFolderAndListsTheBiggestFirst() throws IOException {
        file("fleet/east/shard-1/dump.rdb", 300);
        file("fleet/east/shard-1/info/cache-01-20261124-042923.txt", 10);
        file("fleet/east/shard-2/dump.rdb", 500);
        file("fleet/west/shard-9/dump.rdb", 100);
        file("fleet/west/shard-9/.hidden", 900);
        file("fleet/loose-20261124-042923.txt", 50);
        List<FleetInput> in = FleetInputs.resolve(dir.resolve("fleet").toString(), new Configuration());
        assertEquals(List.of(500L, 300L, 100L, 50L, 10L), in.stream().map(FleetInput::sizeBytes).toList());
        assertEquals(List.of("east/shard-2", "east/shard-1", "west/shard-9", "fleet/loose", "east/info"),
                in.stream().map(i -> i.cluster() + "/" + i.shard()).toList());

        List<FleetInput> globbed = FleetInputs.resolve(dir.resolve("fleet") + "/*/shard-1/*.rdb", new Configuration());
        assertEquals(1, globbed.size());
        assertEquals("east", globbed.get(0).cluster());
        assertEquals("shard-1", globbed.get(0).shard());
        assertTrue(globbed.get(0).path().startsWith("file:/"), globbed.get(0).path());
    }

    @Test
    void aManifestSaysWhereEachFileBelongsAndListsMissingFilesToo() throws IOException {
        file("a/dump.rdb", 20);
        Files.writeString(dir.resolve("fleet.tsv"), "path\tcluster\tshard\tinstance\tcaptured_at\n"
                + "a/dump.rdb\tprod\ts1\ts1-replica\t2026-11-24T04:29:23Z\n" + dir.resolve("gone.rdb") + "\tprod\t\t\t\n");
        List<FleetInput> in = FleetInputs.resolve(dir.resolve("fleet.tsv").toString(), new Configuration());
        assertEquals(2, in.size());
        assertEquals(new FleetInput("file:" + dir.resolve("a/dump.rdb"), "prod", "s1", "s1-replica", "2026-11-24T04:29:23Z", 20,
                in.get(0).modifiedMs()), in.get(0));
        assertEquals("gone.rdb", in.get(1).shard());
        assertEquals(-1, in.get(1).sizeBytes());
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyTask() {
        assertEquals("--allocator", assertThrows(IllegalArgumentException.class, () -> FleetJob.Args.parse(
                new String[] {"--inputs", "x", "--out", "y", "--allocator", "jemallok"})).getMessage().split(" ")[0]);
        assertThrows(IllegalArgumentException.class, () -> FleetJob.Args.parse(new String[] {"--inputs", "x", "--out", "y", "--redis-version", "seven"}));
        assertThrows(IllegalArgumentException.class, () -> FleetJob.Args.parse(new String[] {"--inputs", "x", "--out", "y", "--top", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> FleetJob.Args.parse(new String[] {"--inputs", "x"}));
        assertThrows(IllegalArgumentException.class, () -> FleetJob.Args.parse(new String[] {"--rollup", "d", "--out", "y"}));
        assertEquals("d", FleetJob.Args.parse(new String[] {"--rollup", "d"}).rollupOnly());
        assertThrows(IllegalArgumentException.class, () -> FleetJob.Args.parse(new String[] {"--inputs", "x", "--out", "y", "--lang", "fr"}));
        assertEquals("zh", FleetJob.Args.parse(new String[] {"--rollup", "d", "--lang", "zh"}).lang());
        assertEquals("y/", FleetJob.Args.parse(new String[] {"--inputs", "x", "--out", "y", "--keys"}).options().keysOut());
        assertEquals(null, FleetJob.Args.parse(new String[] {"--inputs", "x", "--out", "y"}).options().keysOut());
    }
}
