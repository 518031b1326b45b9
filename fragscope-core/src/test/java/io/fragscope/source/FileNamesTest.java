package io.fragscope.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File names whose bytes the JVM's file-name charset cannot decode: a Latin-1 name ({@code caf\xe9}) is no UTF-8, so
 * even under a UTF-8 locale Java lists it as {@code caf\uFFFD}; two such names (é and è) then read alike.
 */
class FileNamesTest {
    @TempDir Path tmp;

    @Test
    void aNameTheJvmCouldNotDecodeIsItsBytesAndTwoSuchNamesStayApart() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        // The shell writes the raw bytes: a Java string cannot name them.
        Process p = new ProcessBuilder("sh", "-c", "cd \"$1\" && d=$(printf 's\\351rie') && mkdir \"$d\" && cd \"$d\""
                + " && touch \"$(printf 'caf\\351-01.txt')\" \"$(printf 'caf\\350-01.txt')\"", "sh", dir.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(2, files.size());
        assertEquals(files.get(0).getFileName().toString(), files.get(1).getFileName().toString(), "the JVM reads both names alike");
        List<String> names = files.stream().map(FileNames::name).sorted().toList();
        assertEquals(List.of("caf\\xe8-01.txt", "caf\\xe9-01.txt"), names);
        assertEquals(tmp + "/in/s\\xe9rie/caf\\xe8-01.txt", FileNames.text(files.get(0)));
        // A relative path stays relative: its own elements' bytes, whatever the working folder holds.
        assertEquals("in/s\\xe9rie/caf\\xe8-01.txt", FileNames.text(tmp.relativize(files.get(0))));
        // A name the JVM decoded whole is returned as it is, and null as String.valueOf gives it.
        assertEquals("plain-01.txt", FileNames.name(Path.of("a/plain-01.txt")));
        assertEquals("a/plain-01.txt", FileNames.text(Path.of("a/plain-01.txt")));
        assertEquals("null", FileNames.text(null));
    }
}
