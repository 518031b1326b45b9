package io.fragscope.report;

import io.fragscope.analysis.Bytes;
import io.fragscope.analysis.Finding;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every word a report shows comes from {@code messages*.properties}; report code only names keys.
 * Numbers in messages are rendered here, so all languages show the same figures.
 */
public final class Messages {
    private final ResourceBundle bundle;
    private final Locale locale;
    /** Parsed patterns by key: a long cron series renders the same few finding texts hundreds of thousands of times. */
    private final java.util.Map<String, MessageFormat> formats = new java.util.HashMap<>();

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** {@code en} (default) or {@code zh}. */
    public static Messages forLanguage(String lang) {
        Locale locale = lang == null || lang.isBlank() ? Locale.ROOT : Locale.forLanguageTag(lang);
        if (!locale.getLanguage().isEmpty() && !locale.getLanguage().equals("en") && !locale.getLanguage().equals("zh")) {
            throw new IllegalArgumentException("unsupported report language '" + lang + "' (choose en or zh)");
        }
        ResourceBundle b = ResourceBundle.getBundle("io.fragscope.report.messages",
                locale.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(b, locale);
    }

    public String text(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    public String format(String key, Object... args) {
        Object[] rendered = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            rendered[i] = a instanceof Bytes b ? Bytes.human(b.value())
                    : a instanceof Double d ? String.format(Locale.ROOT, "%.2f", d)
                    : a;
        }
        return formats.computeIfAbsent(key, k -> new MessageFormat(text(k), Locale.ROOT)).format(rendered);
    }

    public String message(Finding f) { return format("finding." + f.code().id() + ".message", f.args().toArray()); }

    public String action(Finding f) { return format("finding." + f.code().id() + ".action", f.args().toArray()); }

    public String severity(io.fragscope.analysis.Severity s) { return s == null ? "" : text("severity." + s.id()); }

    public Locale locale() { return locale; }

    /**
     * Text other stages compose in English (the model choice and its reasons, an RDB's format line) in this
     * language: the bundle's {@code phrase.N.from} / {@code phrase.N.to} pairs, longest first. English has none.
     * A {@code {0}} in a pair stands for one word of the text (a version: no space, comma, semicolon or parenthesis),
     * which the translation may put elsewhere: ", written by Redis {0}" becomes "，由 Redis {0} 写入", where a plain
     * replacement would leave the version behind the verb.
     */
    public String phrases(String english) {
        if (phraseTable == null) {
            java.util.List<Phrase> t = new java.util.ArrayList<>();
            for (int i = 1; bundle.containsKey("phrase." + i + ".from"); i++) {
                t.add(Phrase.of(bundle.getString("phrase." + i + ".from"), bundle.getString("phrase." + i + ".to")));
            }
            t.sort((a, b) -> Integer.compare(b.from().length(), a.from().length()));
            phraseTable = t;
        }
        String out = english;
        for (Phrase p : phraseTable) out = p.apply(out);
        return out;
    }

    private java.util.List<Phrase> phraseTable;

    /** One phrase pair; {@code word} matches the text with the word its {0} stands for, null when it has none. */
    private record Phrase(String from, String to, java.util.regex.Pattern word, String replacement) {
        static Phrase of(String from, String to) {
            int at = from.indexOf("{0}");
            if (at < 0) return new Phrase(from, to, null, null);
            java.util.regex.Pattern word = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(from.substring(0, at))
                    + "([^\\s,;()]+)" + java.util.regex.Pattern.quote(from.substring(at + 3)));
            return new Phrase(from, to, word, java.util.regex.Matcher.quoteReplacement(to).replace("{0}", "$1"));
        }

        String apply(String text) { return word == null ? text.replace(from, to) : word.matcher(text).replaceAll(replacement); }
    }

    private static final java.util.regex.Pattern FAILED = java.util.regex.Pattern.compile("failed capture: redis-cli wrote '(.*)'");
    private static final java.util.regex.Pattern SINCE = java.util.regex.Pattern.compile("captured (\\S+), before the --since window");
    private static final java.util.regex.Pattern AT = java.util.regex.Pattern.compile("(line|offset) (\\d+): (.*)", java.util.regex.Pattern.DOTALL);

    /**
     * An input's status message in this language, without the path (the Inputs table has its own column):
     * the messages fragscope itself words come from the bundle; a reader's technical detail (what was wrong at a
     * line or offset) is kept as it is, after the translated position.
     */
    public String input(io.fragscope.InputReport r) {
        String msg = r.message();
        String path = r.path().toString();
        String rest = msg.startsWith(path + ": ") ? msg.substring(path.length() + 2) : msg;
        if (rest.isEmpty()) return "";
        if (rest.equals("not a Redis INFO dump, RDB file or key-size listing")) return text("input.not_recognized");
        if (rest.equals("no such file or folder")) return text("input.missing");
        if (rest.equals("not a readable file")) return text("input.unreadable");
        if (rest.equals("permission denied")) return text("input.denied");
        if (rest.equals("failed capture: empty file")) return text("input.failed_capture_empty");
        java.util.regex.Matcher m = FAILED.matcher(rest);
        if (m.matches()) return format("input.failed_capture", m.group(1));
        m = SINCE.matcher(rest);
        if (m.matches()) return format("input.before_since", m.group(1));
        m = AT.matcher(rest);
        if (m.matches()) return format("input.at_" + m.group(1), m.group(2), m.group(3));
        return rest;
    }
}
