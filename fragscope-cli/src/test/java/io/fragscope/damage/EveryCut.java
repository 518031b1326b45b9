package io.fragscope.damage;

import io.fragscope.AnalysisRequest;
import io.fragscope.InputAnalyzer;
import io.fragscope.InputReport;
import io.fragscope.source.InputSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every truncation point of real RDB files, through the library ({@link InputAnalyzer} on the file's first N bytes,
 * N = 0 … length): a CLI run per cut would take days for the 5 million points of {@code ../shared/corpus}. Files up
 * to {@code wholeUpTo} bytes are cut at every byte; larger ones at every byte of their first and last {@code ends}
 * bytes (header, first keys, the last keys, EOF marker and checksum; not at all when {@code ends} is negative) and at {@link #KEY_BOUNDARIES} key boundaries
 * spread between (the offset where a key's type byte starts, and the three bytes after it, where a cut lands inside
 * the type, the key's length and its first byte), which a first read of the whole file gives. Outcomes as {@link DamageCampaign}'s:
 * {@code ok}, {@code partial}, {@code error}, and never {@code crash}, {@code oom}, {@code hang}, {@code raw-control}
 * or {@code multi-line} (the message the CLI would print on one line).
 */
final class EveryCut {
    private final Path work;
    private final int wholeUpTo, ends;
    private final InputAnalyzer analyzer = new InputAnalyzer(AnalysisRequest.of(List.of()));
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "every cut");
        t.setDaemon(true);
        return t;
    });
    private long cases, files, wholeFiles;
    /** Key boundaries cut in a large file, evenly spread: each cut re-reads the file up to it, so all would be quadratic. */
    static final int KEY_BOUNDARIES = 500;

    EveryCut(Path work, int wholeUpTo, int ends) {
        this.work = work;
        this.wholeUpTo = wholeUpTo;
        this.ends = ends;
        for (String o : DamageCampaign.OUTCOMES) counts.put(o, 0L);
    }

    void run(List<Path> rdbs) throws Exception {
        for (Path f : rdbs) {
            byte[] b = Files.readAllBytes(f);
            files++;
            if (b.length <= wholeUpTo) {
                wholeFiles++;
                for (int cut = 0; cut < b.length; cut++) one(f, b, cut);
                continue;
            }
            if (ends < 0) continue; // small files only (the test suite's run)
            java.util.BitSet points = new java.util.BitSet(b.length);
            points.set(0, Math.min(ends, b.length));
            points.set(Math.max(0, b.length - ends), b.length);
            List<Long> keys = keyOffsets(f);
            int every = Math.max(1, keys.size() / KEY_BOUNDARIES);
            for (int k = 0; k < keys.size(); k += every) {
                long at = keys.get(k);
                for (int d = 0; d < 4 && at + d < b.length; d++) points.set((int) at + d);
            }
            for (int cut = points.nextSetBit(0); cut >= 0; cut = points.nextSetBit(cut + 1)) one(f, b, cut);
        }
        runner.shutdownNow();
    }

    /** Offsets of every key's type byte, from a read of the whole file. */
    private static List<Long> keyOffsets(Path f) {
        List<Long> out = new ArrayList<>();
        try {
            io.fragscope.source.rdb.RdbReader.read(f, io.fragscope.source.ReadLimits.DEFAULTS, new io.fragscope.source.rdb.RdbVisitor() {
                @Override public void beginKey(int db, byte[] key, int keyLength, int slot, int rdbType, long declaredLength, long expireAtMs, long offset) {
                    out.add(offset);
                }
                @Override public void endKey(long endOffset, long lruIdleSeconds, int lfuFreq) { }
            });
        } catch (IOException e) {
            // a file the corpus keeps because it is broken: its ends are cut at every byte all the same
        }
        return out;
    }

    private void one(Path from, byte[] whole, int cut) throws Exception {
        cases++;
        if (cases % 50_000 == 0) {
            System.out.println("progress " + cases + " cases, " + files + " files: " + counts);
            System.out.flush();
        }
        Path name = Path.of(from.getFileName() + "@" + cut);
        InputSource src = InputSource.of(name, cut, 0, () -> new ByteArrayInputStream(whole, 0, cut));
        Future<InputReport> f = runner.submit(() -> analyzer.analyze(src).report());
        InputReport r;
        try {
            r = f.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            record("hang", from, cut, "");
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            record(e.getCause() instanceof OutOfMemoryError ? "oom" : "crash", from, cut, String.valueOf(e.getCause()));
            return;
        }
        String msg = r.message() == null ? "" : r.message();
        String outcome = switch (r.status()) {
            case OK -> "ok";
            case PARTIAL -> "partial";
            case ERROR, SKIPPED -> "error";
            default -> msg.contains("OutOfMemoryError") ? "oom" : "crash";
        };
        record(outcome, from, cut, msg);
        if (outcome.equals("ok") && System.getenv("EVERY_CUT_SHOW_OK") != null) System.out.println("ok-cut " + from + " @" + cut + " of " + whole.length);
        if (io.fragscope.testing.ForkedRun.hasRawControl(msg.getBytes(StandardCharsets.UTF_8))) record("raw-control", from, cut, msg);
        if (msg.contains("\n") || msg.contains("\r")) record("multi-line", from, cut, msg);
    }

    private void record(String outcome, Path from, int cut, String msg) throws IOException {
        counts.merge(outcome, 1L, Long::sum);
        if (List.of("ok", "partial", "error").contains(outcome)) return;
        findings.add(outcome + " " + from + " cut at " + cut + ": " + (msg.length() > 300 ? msg.substring(0, 300) : msg));
        Files.writeString(work.resolve("every-cut-findings.txt"), String.join("\n", findings) + "\n");
    }

    void print(PrintStream out) {
        out.println("files " + files + " (" + wholeFiles + " cut at every byte)");
        out.println("cases " + cases);
        for (var e : counts.entrySet()) out.println("outcome " + e.getKey() + " " + e.getValue());
        for (String f : findings) out.println("finding " + f);
    }

    Map<String, Long> counts() { return counts; }

    List<String> findings() { return findings; }
}
