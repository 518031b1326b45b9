package io.fragscope;

import io.fragscope.analysis.info.Series;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How an instance is named when its dumps' file names carry no capture time (info.txt, info-reloaded.txt): by the
 * shard folder it sits in below the folder given, as rollup.json names it, so a restart (a new run_id) keeps the
 * name and fragscope.prom's series; a file given by itself keeps the port and run_id name.
 */
class SeriesNamingTest {
    private static final Path GT = SharedFiles.groundTruth();

    private static List<String> names(Path... inputs) {
        return new Analyzer(AnalysisRequest.of(List.of(inputs))).run().series().stream().map(Series::name).toList();
    }

    private static Path shard(Path fleet, String cluster, String shard, String build) throws IOException {
        Path dir = Files.createDirectories(fleet.resolve(cluster).resolve(shard));
        return Files.copy(GT.resolve(build).resolve("info-reloaded.txt"), dir.resolve("info.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aDumpInAShardFolderIsNamedByItsShardAndARestartKeepsTheName(@TempDir Path tmp) throws IOException {
        Path fleet = tmp.resolve("fleet");
        shard(fleet, "payments", "p1", "7.2.6-jemalloc");
        shard(fleet, "payments", "p2", "7.4.1-jemalloc");
        shard(fleet, "cache", "p1", "8.0.6-jemalloc");
        assertEquals(List.of("cache/p1", "payments/p1", "payments/p2"), names(fleet));

        // p1 restarted (another server's dump: another run_id and port): the same name
        shard(fleet, "payments", "p1", "8.6.3-jemalloc");
        assertEquals(List.of("cache/p1", "payments/p1", "payments/p2"), names(fleet));

        // two dumps of different runs in one shard folder: told apart by their files
        Files.copy(GT.resolve("7.2.6-jemalloc/info-reloaded.txt"), fleet.resolve("payments/p2/info-after.txt"));
        assertEquals(List.of("cache/p1", "payments/p1", "payments/p2/info", "payments/p2/info-after"), names(fleet));
    }

    @Test
    void aFileGivenByItselfIsNamedByItsPortAndRunId() {
        Path info = GT.resolve("7.2.6-jemalloc/info-reloaded.txt");
        String port = null, run = null;
        try {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("tcp_port:")) port = line.substring(9).strip();
                if (line.startsWith("run_id:")) run = line.substring(7).strip();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of("redis-" + port + "-" + run.substring(0, 8)), names(info));
    }
}
