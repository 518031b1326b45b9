package io.fragscope;

import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run's datasets past the first few go to a temporary file and come back whole: every ground-truth build's RDB (with
 * its INFO dump) and listing and the corpus's RDB files, analysed in one run, read back from disk, has the summary and
 * profile the same file has when analysed in a run of a few files (held as made), field by field through every record.
 */
class HeldDatasetsTest {

    @Test
    void everyGroundTruthDatasetComesBackFromDiskAsItWent() throws IOException {
        List<List<Path>> batches = new ArrayList<>();
        for (Path build : SharedFiles.groundTruthBuilds()) {
            List<Path> one = new ArrayList<>(List.of(build.resolve("dump.rdb"), build.resolve("info-reloaded.txt")));
            if (Files.exists(build.resolve("keys.csv"))) one.add(build.resolve("keys.csv"));
            batches.add(one);   // with its INFO dump, each RDB carries its reconciliation
        }
        List<Path> corpus;
        try (var files = Files.walk(SharedFiles.root().resolve("corpus"))) {
            corpus = files.filter(f -> f.toString().endsWith(".rdb")).sorted().toList();   // the public suites' RDB files: every encoding
        }
        for (int i = 0; i < corpus.size(); i += 8) batches.add(corpus.subList(i, Math.min(corpus.size(), i + 8)));

        // Each batch alone: at most 16 datasets, all held as they were made.
        java.util.Map<Path, Dataset> made = new java.util.HashMap<>();
        for (List<Path> batch : batches) {
            AnalysisResult one = new Analyzer(AnalysisRequest.of(batch)).run();
            assertEquals(0, ((HeldDatasets) one.datasets()).onDisk());
            for (Dataset d : one.datasets()) made.put(d.source(), d);
        }
        AnalysisResult all = new Analyzer(AnalysisRequest.of(batches.stream().flatMap(List::stream).toList())).run();
        assertEquals(List.of(), all.inputs().stream().filter(i -> i.status() == InputReport.Status.CRASHED).map(InputReport::message).toList());
        HeldDatasets held = (HeldDatasets) all.datasets();
        assertEquals(made.size(), held.size());
        assertEquals(held.size() - HeldDatasets.IN_HEAP, held.onDisk(), "past the first " + HeldDatasets.IN_HEAP + ", on disk");
        assertTrue(held.onDisk() > 100, "most of them: " + held.onDisk());

        int reconciled = 0, rdbs = 0;
        for (int i = 0; i < held.size(); i++) {
            Dataset back = held.get(i), went = made.get(back.source());
            assertEquals(went.kind(), back.kind());
            assertEquals(went.findings(), back.findings());
            assertSameValue(went.summary(), back.summary(), back.source() + ": summary");
            // Past the first 20 RDB files of a run, a file keeps its prefix tree's root alone (Analyzer.PREFIX_MAPS_KEPT).
            boolean rootOnly = back.profile() != null && ++rdbs > Analyzer.PREFIX_MAPS_KEPT;
            assertSameValue(went.profile(), back.profile(), back.source() + ": profile", rootOnly ? ": profile.where.prefixes" : null);
            if (rootOnly) {
                assertEquals(went.profile().where().prefixes().bytes(), back.profile().where().prefixes().bytes());
                assertEquals(went.profile().where().prefixes().keys(), back.profile().where().prefixes().keys());
            }
            if (i >= HeldDatasets.IN_HEAP && back.summary().reconciliation() != null) reconciled++;
        }
        assertTrue(reconciled > 0, "datasets reconciled with INFO among those on disk");
        assertThrows(AssertionError.class, () -> assertSameValue(held.get(0).summary(), held.get(1).summary(), "two files"),
                "the comparison tells two datasets apart");
        assertThrows(UnsupportedOperationException.class, () -> held.add(held.get(0)), "a result's list is read-only");
    }

    /**
     * Field by field, through records, collections, maps and arrays: equal values, whether or not two equal strings
     * were one instance (a record's constructor may share them on the way back, which serialized bytes would tell apart).
     */
    static void assertSameValue(Object a, Object b, String where) { assertSameValue(a, b, where, null); }

    /** As {@link #assertSameValue(Object, Object, String)}, but for the value at a path ending with {@code skip}. */
    static void assertSameValue(Object a, Object b, String where, String skip) {
        if (skip != null && where.endsWith(skip)) return;
        if (a == null || b == null) {
            assertSame(a, b, where);
            return;
        }
        assertEquals(a.getClass(), b.getClass(), where);
        Class<?> c = a.getClass();
        if (a instanceof String || a instanceof Number || a instanceof Boolean || a instanceof Character || c.isEnum()
                || a instanceof Enum<?> || a instanceof java.time.temporal.Temporal || a instanceof java.nio.file.Path) {
            assertEquals(a, b, where);
        } else if (c.isArray()) {
            int n = java.lang.reflect.Array.getLength(a);
            assertEquals(n, java.lang.reflect.Array.getLength(b), where + ": length");
            for (int i = 0; i < n; i++) assertSameValue(java.lang.reflect.Array.get(a, i), java.lang.reflect.Array.get(b, i), where + "[" + i + "]", skip);
        } else if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            assertEquals(la.size(), lb.size(), where + ": size");
            for (int i = 0; i < la.size(); i++) assertSameValue(la.get(i), lb.get(i), where + "[" + i + "]", skip);
        } else if (a instanceof java.util.Map<?, ?> ma) {
            assertEquals(ma.keySet(), ((java.util.Map<?, ?>) b).keySet(), where + ": keys");
            for (Object k : ma.keySet()) assertSameValue(ma.get(k), ((java.util.Map<?, ?>) b).get(k), where + "[" + k + "]", skip);
        } else if (a instanceof java.util.Collection<?>) {
            assertEquals(a, b, where);
        } else {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
                    f.setAccessible(true);
                    try {
                        assertSameValue(f.get(a), f.get(b), where + "." + f.getName(), skip);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }
}
