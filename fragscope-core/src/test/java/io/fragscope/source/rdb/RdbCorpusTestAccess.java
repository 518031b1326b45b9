package io.fragscope.source.rdb;

/** Shares the keys.csv line splitter of the corpus tests with other test packages. */
public final class RdbCorpusTestAccess {
    private RdbCorpusTestAccess() {}

    public static String[] parseCsv(String line) { return RdbCorpusTest.parseCsv(line); }
}
