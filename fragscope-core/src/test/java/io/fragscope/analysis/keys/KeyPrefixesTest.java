package io.fragscope.analysis.keys;

import io.fragscope.source.KeyName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Key prefixes as the class documents them, and as a plain split-and-fold of the name gives them on random names. */
class KeyPrefixesTest {
    private static String prefix(KeyPrefixes p, String key) {
        KeyName k = p.prefixOf(KeyName.ofUtf8(key));
        return k == null ? null : new String(k.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void documentedExamples() {
        KeyPrefixes p = new KeyPrefixes(":", 2);
        assertEquals("user:*:", prefix(p, "user:42:profile"));
        assertEquals("product:", prefix(p, "product:17"));
        assertNull(prefix(p, "counter"));
        assertEquals("session:*:", prefix(p, "session:3f2a9c1e-77b0-4d6e-9a51-0c2b8e4d1f00:data"));
        assertEquals("tag:deadbeef:", prefix(p, "tag:deadbeef:x"), "hex without a digit is a word");
        assertEquals("a:b:", prefix(p, "a:b:c:d"), "no deeper than depth");
        assertEquals("::", prefix(p, "::x"), "empty segments are kept empty");
        assertSame(p.prefixOf(KeyName.ofUtf8("user:1:a")), p.prefixOf(KeyName.ofUtf8("user:2:b")), "one name per prefix seen");
    }

    /** The prefix by splitting the name: the reference the one-pass scan must equal. */
    private static String reference(String key, String seps, int depth) {
        StringBuilder out = new StringBuilder();
        int start = 0, seen = 0;
        for (int i = 0; i < key.length() && seen < depth; i++) {
            if (seps.indexOf(key.charAt(i)) < 0) continue;
            String seg = key.substring(start, i);
            boolean id = seg.matches("[0-9]+") || seg.matches("[0-9a-fA-F-]{8,}") && seg.matches(".*[0-9].*");
            out.append(id ? "*" : seg).append(key.charAt(i));
            start = i + 1;
            seen++;
        }
        return seen == 0 ? null : out.toString();
    }

    @Test
    void randomNamesFoldAsSplittingThemDoes() {
        Random r = new Random(42);
        String alphabet = "ab0912fF-:/.xyz";
        for (int depth = 1; depth <= 4; depth++) {
            KeyPrefixes p = new KeyPrefixes(":/", depth);
            for (int round = 0; round < 5000; round++) {
                StringBuilder k = new StringBuilder();
                for (int i = r.nextInt(40); i > 0; i--) k.append(alphabet.charAt(r.nextInt(alphabet.length())));
                String key = k.toString();
                assertEquals(reference(key, ":/", depth), prefix(p, key), key + " at depth " + depth);
            }
        }
    }
}
