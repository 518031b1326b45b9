package io.fragscope.source;

import java.util.List;

/**
 * A setting's value the library cannot take, thrown before any input is read where possible. {@link #getMessage()}
 * names the settings as the library does ({@link Setting#LIBRARY}); a front end shows {@link #message(Setting.Naming)}
 * with its own option names.
 */
public final class SettingException extends IllegalArgumentException {
    private final String template;
    private final List<Setting> settings;

    /**
     * @param template the message, one line, with {@code {0}} where the first setting is named, {@code {1}} the second…;
     *                 untrusted values in it already escaped
     */
    public SettingException(String template, Setting... settings) {
        super(Setting.text(Setting.LIBRARY, template, settings));
        this.template = template;
        this.settings = List.of(settings);
    }

    /** The setting the message is about (the first it names). */
    public Setting setting() { return settings.get(0); }

    /** The message with the settings named by {@code naming}. */
    public String message(Setting.Naming naming) {
        return Setting.text(naming, template, settings.toArray(Setting[]::new));
    }
}
