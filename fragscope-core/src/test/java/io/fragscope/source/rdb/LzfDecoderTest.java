package io.fragscope.source.rdb;

import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reader's LZF decoder on a JVM of Java 24 or later, where the first use of {@code sun.misc.Unsafe}'s memory access
 * prints four WARNING lines (JEP 498) that a cron job mails on every run. compress-lzf's factory loads its Unsafe decoder
 * even when asked for the safe one, and fragscope printed them until it made the plain decoder itself.
 */
class LzfDecoderTest {
    @TempDir Path tmp;

    @Test
    void onJava24AndLaterReadingLzfValuesPrintsNoWarning() throws Exception {
        Optional<Path> java = newerJava();
        assumeTrue(java.isPresent(), "no JDK 24 or later under /usr/lib/jvm (this machine kind has Temurin's)");
        // Its key is LZF-compressed (clen 9, 200 bytes): the decoder is made and used.
        Path rdb = SharedFiles.root().resolve("corpus").resolve("rdb-tools").resolve("easily_compressible_string_key.rdb");
        assertEquals((byte) 0xc3, Files.readAllBytes(rdb)[0x0c], "an LZF-encoded key");
        Path log = tmp.resolve("run.log");
        Process p = new ProcessBuilder(java.get().toString(), "-cp", System.getProperty("java.class.path"),
                RdbReadMain.class.getName(), rdb.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("keys=1 "), out);
        assertFalse(out.contains("WARNING"), out);
    }

    /** A JDK of feature release 24 or later under /usr/lib/jvm, by its {@code release} file. */
    private static Optional<Path> newerJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        Pattern version = Pattern.compile("JAVA_VERSION=\"(\\d+)");
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("release")) && Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> {
                        try {
                            Matcher m = version.matcher(Files.readString(d.resolve("release")));
                            return m.find() && Integer.parseInt(m.group(1)) >= 24;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .min(Comparator.naturalOrder()).map(d -> d.resolve("bin/java"));
        }
    }
}
