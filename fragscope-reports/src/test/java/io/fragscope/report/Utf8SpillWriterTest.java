package io.fragscope.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The workbook's spill writer gives the bytes the JDK's UTF-8 writer (POI's own) gives, whatever the calls' split. */
class Utf8SpillWriterTest {
    /** ASCII, Latin-1, CJK, emoji (pairs), and lone halves of pairs, as key names can hold once decoded. */
    private static final char[] ALPHABET = ("az09<>&\"' \t\n\u00e9\u00ff\u0100\u07ff\u0800\u4e2d\u6587\uffff"
            + "\ud83d\ude00\ud800\udfff").toCharArray();

    @Test
    void randomTextSplitAnywhereEncodesAsTheJdkDoes() throws IOException {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            char[] text = new char[r.nextInt(300_000)];
            for (int i = 0; i < text.length; i++) text[i] = ALPHABET[r.nextInt(ALPHABET.length)];
            ByteArrayOutputStream ours = new ByteArrayOutputStream(), jdk = new ByteArrayOutputStream();
            try (Writer w = new Utf8SpillWriter(ours); Writer j = new OutputStreamWriter(jdk, StandardCharsets.UTF_8)) {
                int i = 0;
                while (i < text.length) {
                    int n = Math.min(text.length - i, 1 + r.nextInt(40));
                    String s = new String(text, i, n);
                    switch (r.nextInt(4)) {
                        case 0 -> { w.write(s); j.write(s); }
                        case 1 -> { w.write(text, i, n); j.write(text, i, n); }
                        case 2 -> { w.write("x" + s, 1, n); j.write("x" + s, 1, n); }
                        default -> { for (int k = 0; k < n; k++) { w.write(text[i + k]); j.write(text[i + k]); } }
                    }
                    i += n;
                }
            }
            assertArrayEquals(jdk.toByteArray(), ours.toByteArray(), "round " + round);
        }
    }

    @Test
    void aHighSurrogateLastIsWrittenAsAQuestionMark() throws IOException {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (Writer w = new Utf8SpillWriter(ours)) {
            w.write("key\ud83d");
        }
        assertEquals("key?", ours.toString(StandardCharsets.UTF_8));
    }
}
