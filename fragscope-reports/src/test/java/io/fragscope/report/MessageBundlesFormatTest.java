package io.fragscope.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every message of both bundles formats as meant: MessageFormat takes a lone apostrophe as the start of quoted text,
 * so "the RDB's keys, minus {3}" prints "{3}" literally and loses the apostrophe. Each message with a placeholder is
 * formatted with distinct arguments, and every placeholder it names must come out replaced.
 */
class MessageBundlesFormatTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[,}]");

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_zh.properties"})
    void everyPlaceholderIsReplaced(String bundle) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesFormatTest.class.getResourceAsStream("/io/fragscope/report/" + bundle)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> broken = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            String raw = p.getProperty(key);
            Matcher m = PLACEHOLDER.matcher(raw);
            int max = -1;
            while (m.find()) max = Math.max(max, Integer.parseInt(m.group(1)));
            if (max < 0) continue;
            Object[] args = new Object[max + 1];
            for (int i = 0; i <= max; i++) args[i] = 7 + i; // numbers: a placeholder may be a choice or number format
            String out;
            try {
                out = new MessageFormat(raw, Locale.ROOT).format(args);
            } catch (IllegalArgumentException e) {
                broken.add(key + ": " + e.getMessage());
                continue;
            }
            Matcher left = Pattern.compile("\\{\\d+[,}]").matcher(out);
            if (left.find()) broken.add(key + ": " + left.group() + " left unreplaced");
        }
        assertEquals(List.of(), broken);
    }
}
