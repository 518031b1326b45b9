package io.fragscope.source.info;

/** A keyspace line such as {@code db0:keys=1,expires=0,avg_ttl=0}. */
public record KeyspaceEntry(int db, long keys, long expires, long avgTtlMs) {}
