package io.fragscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The library names a read limit by its setting (ReadLimits.maxKeyBytes); the CLI names the option that raises it.
 * A real listing with a key longer than --max-key-bytes allows: the one-line message names the flag.
 */
class ReadLimitFlagsTest {
    @TempDir Path tmp;

    @Test
    void aReadLimitIsNamedByTheOptionThatRaisesIt() throws Exception {
        Path listing = tmp.resolve("keys.csv");
        Files.writeString(listing, "db,key,type,encoding,memory_usage,elements,ttl_ms\n0,user:1000:cart,hash,listpack,96,2,-1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             PrintStream out = new PrintStream(java.io.OutputStream.nullOutputStream())) {
            exit = Main.run(new String[] {"analyze", "-q", "-f", "json", "--max-key-bytes", "8", "-o", tmp.resolve("out").toString(), listing.toString()}, out, e);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, text);
        assertTrue(text.contains("key of 14 bytes exceeds --max-key-bytes=8 (raise it with --max-key-bytes)"), text);
        assertFalse(text.contains("ReadLimits."), text);
    }
}
