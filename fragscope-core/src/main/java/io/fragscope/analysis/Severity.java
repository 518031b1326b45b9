package io.fragscope.analysis;

/** Ordered from least to most urgent, so {@code compareTo} sorts worst last. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
}
