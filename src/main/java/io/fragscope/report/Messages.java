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
}
