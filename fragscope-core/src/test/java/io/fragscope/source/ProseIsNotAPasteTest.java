package io.fragscope.source;

import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notes that name INFO fields in passing are not pastes: the ground-truth folders' README.md and notes.md (prose such
 * as "Valkey's INFO keeps {@code redis_version:7.2.4} (a fixed compatibility value)") sit beside real dumps, and read as
 * INFO they were a "partial" dump of an instance that does not exist, which also kept a listing beside them from its
 * build. Every real paste the project holds (the samples' dumps, the captures and pastes from public issues, the
 * ground-truth dumps) is still INFO.
 */
class ProseIsNotAPasteTest {

    @Test
    void notesAreNotInfoAndEveryRealPasteStillIs() throws IOException {
        List<Path> notes = new ArrayList<>(List.of(SharedFiles.groundTruth().resolve("README.md")));
        List<Path> pastes = new ArrayList<>();
        for (Path build : SharedFiles.groundTruthBuilds()) {
            notes.add(build.resolve("notes.md"));
            pastes.add(build.resolve("info-empty.txt"));
            pastes.add(build.resolve("info-reloaded.txt"));
        }
        for (Path dir : List.of(Path.of("samples", "info"), Path.of("fragscope-core", "src", "test", "resources", "info", "pastes"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".txt")).forEach(pastes::add);
            }
        }
        assertTrue(notes.size() >= 19 && pastes.size() >= 50, notes.size() + " notes, " + pastes.size() + " pastes");
        for (Path p : notes) assertEquals(InputKind.UNKNOWN, InputKind.detect(p, head -> false), p.toString());
        for (Path p : pastes) assertEquals(InputKind.INFO, InputKind.detect(p, head -> false), p.toString());
    }
}
