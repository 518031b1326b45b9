package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.ProgressListener;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The two-thread RDB path ({@code threads=2}: read on a second thread, events replayed on the calling one) gives the
 * same reports as the single-threaded one, every file byte for byte (the workbook part by part; only its creation
 * date differs), on every groundtruth build folder (INFO dumps, RDB file and listing together), every corpus file,
 * and cut copies of a real RDB file (the error and the partial analysis must be the same too).
 */
class ThreadedReadTest {
    @TempDir Path tmp;

    private static TreeMap<String, byte[]> reports(Path out, List<Path> inputs, int threads, EnumSet<ReportFormat> formats) throws IOException {
        try (OutputFolder folder = OutputFolder.prepare(out)) {
            folder.lock();
            AnalysisResult result;
            KeySample sample;
            try (KeysCsv keys = new KeysCsv(folder, true, XlsxReport.MAX_KEY_ROWS)) {
                result = new Analyzer(AnalysisRequest.of(inputs).withThreads(threads)).run(keys, ProgressListener.NONE);
                keys.finish();
                sample = keys.sample();
                if (!result.datasets().isEmpty() || !result.dumps().isEmpty()) {
                    ReportContext ctx = new ReportContext(result, Messages.forLanguage("en"), "test", Instant.EPOCH, keys.rows() == 0 ? null : sample);
                    Reports.full().write(folder, ctx, formats);
                    if (!result.datasets().isEmpty()) keys.stage();
                    folder.commitAll();
                }
            }
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".xlsx")) files.putAll(parts(p));
                else files.put(name, Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The workbook's parts, but its creation date (docProps/core.xml). */
    private static TreeMap<String, byte[]> parts(Path xlsx) throws IOException {
        TreeMap<String, byte[]> parts = new TreeMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(xlsx.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().equals("docProps/core.xml")) continue;
                try (InputStream in = z.getInputStream(e)) { parts.put(xlsx.getFileName() + "!" + e.getName(), in.readAllBytes()); }
            }
        }
        return parts;
    }

    private static final EnumSet<ReportFormat> ALL = EnumSet.of(ReportFormat.XLSX, ReportFormat.CSV, ReportFormat.JSON);

    private TreeMap<String, byte[]> sameReports(String name, List<Path> inputs, EnumSet<ReportFormat> formats) throws IOException {
        TreeMap<String, byte[]> one = reports(tmp.resolve(name + "-1"), inputs, 1, formats);
        TreeMap<String, byte[]> two = reports(tmp.resolve(name + "-2"), inputs, 2, formats);
        assertEquals(one.keySet(), two.keySet(), name);
        for (String f : one.keySet()) assertArrayEquals(one.get(f), two.get(f), name + ": " + f);
        return two;
    }

    @Test
    void groundtruthBuildsGiveTheSameReportsOnOneThreadAndOnTwo() throws IOException {
        int n = 0;
        for (Path build : SharedFiles.groundTruthBuilds()) {
            sameReports(build.getFileName().toString(), List.of(build), ALL);
            n++;
        }
        assertTrue(n >= 18, "builds: " + n);
    }

    @Test
    void corpusFilesGiveTheSameReportsOnOneThreadAndOnTwo() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedFiles.root().resolve("corpus"))) {
            files = s.filter(p -> p.toString().endsWith(".rdb")).sorted().toList();
        }
        assertTrue(files.size() > 100, "corpus files: " + files.size());
        // The workbook of every groundtruth build is compared above; here the tables (CSV, JSON), for time.
        for (int i = 0; i < files.size(); i++) sameReports("corpus-" + i, List.of(files.get(i)), EnumSet.of(ReportFormat.CSV, ReportFormat.JSON));
    }

    @Test
    void cutFilesGiveTheSameErrorAndPartialAnalysisOnOneThreadAndOnTwo() throws IOException {
        byte[] rdb = Files.readAllBytes(SharedFiles.groundTruth().resolve("7.2.6-jemalloc/dump.rdb"));
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i <= 12; i++) cuts.add(rdb.length * i / 13);
        cuts.add(rdb.length - 3);
        for (int cut : cuts) {
            Path f = Files.write(tmp.resolve("cut-" + cut + ".rdb"), java.util.Arrays.copyOf(rdb, cut));
            TreeMap<String, byte[]> two = sameReports("cut-" + cut, List.of(f), EnumSet.of(ReportFormat.CSV, ReportFormat.JSON));
            String inputs = new String(two.get("inputs.csv"), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(inputs.contains("partial") || inputs.contains("error"), "the cut is reported: " + inputs);
        }
    }
}
