package io.fragscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fragscope.source.InputException;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The INFO parser either parses or raises its own {@link InputException}: any other exception, a hang or
 * an OutOfMemoryError is a finding. Seeds live in {@code InfoParserFuzzTestInputs/parse/} (real dumps).
 */
public class InfoParserFuzzTest {
    private static final ReadLimits LIMITS = new ReadLimits(64 * 1024, 1 << 20, 1 << 20, 16);

    @FuzzTest(maxDuration = "10s")
    public void parse(byte[] data) throws IOException {
        try {
            new InfoParser(LIMITS).parse(new ByteArrayInputStream(data), Path.of("fuzz.txt"));
        } catch (InputException expected) {
            // the one acceptable failure
        }
    }

    /** Entry point for Jazzer's standalone driver (scripts/fuzz-long.sh): the same target, run for hours. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        new InfoParserFuzzTest().parse(data);
    }
}
