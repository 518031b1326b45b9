package io.fragscope.analysis.keys;

/** One row of a breakdown: the group's key (a db number, a type, a prefix, …) and its sums. */
public record Group<K>(K key, Totals totals) implements java.io.Serializable {}
