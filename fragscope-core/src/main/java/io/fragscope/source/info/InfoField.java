package io.fragscope.source.info;

/** One {@code name:value} line of an INFO dump, with the section it stood in and its line number. */
public record InfoField(String section, String name, String value, long line) {}
