package io.fragscope.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Untrusted text in a message is escaped as key names are. Found by the damage campaign (seed 1796068020914): a
 * flipped byte in encodings.rdb made a zset score hold a tab, which reached stderr raw.
 */
class EscapeControlsTest {
    @Test
    void tabsAndOtherControlsAreEscapedLikeKeyBytes() {
        assertEquals("300\\x04cccc\\x09123", KeyName.escapeControls("300\u0004cccc\t123"));
        assertEquals(KeyName.escape(new byte[] {'a', '\t', 'b'}, 0, 3), KeyName.escapeControls("a\tb"));
        assertEquals("a\nb\tc", KeyName.escapeControls("a\nb\tc", true)); // a cell keeps its lines and tabs
        assertEquals("a\\x0ab", KeyName.escapeControls("a\nb"));
        assertEquals("x\\x9by\\u202e", KeyName.escapeControls("x\u009by\u202e"));
    }
}
