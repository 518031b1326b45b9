package io.fragscope.damage;

import io.fragscope.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Damages real files and runs the CLI on each, in this JVM (run it with {@code -Xmx128m}), counting outcomes:
 * {@code ok} (exit 0), {@code partial} and {@code error} (exit 2, the input read in part or not at all),
 * {@code alert} (exit 1, which no damage may cause), {@code crash} (exit 3), {@code oom}, {@code hang} (no end within
 * the time limit), {@code raw-control} (a control byte on stderr) and {@code multi-line} (a stderr line that is not
 * one of fragscope's).
 *
 * <p>Damage: truncation points (every one, or evenly spaced ones on a first pass, then random ones), byte flips, lies in length fields
 * (an RDB length encoding claiming up to 2^64 written at a random offset), and made-up INFO dumps and listings with
 * extreme line, field and key counts and sizes. Inputs: every RDB of {@code ../shared/corpus} and
 * {@code ../shared/groundtruth}, its INFO dumps and listings.
 *
 * <pre>java -Xmx128m -cp … io.fragscope.damage.DamageCampaign SECONDS SEED WORKDIR [CUTS_PER_FILE (0: every point)]</pre>
 * or, for every truncation point through the library ({@link EveryCut}):
 * <pre>java -Xmx128m -cp … io.fragscope.damage.DamageCampaign every-cut WORKDIR WHOLE_UP_TO_BYTES ENDS_BYTES [PATH_PART]</pre>
 * prints one line per outcome and the failing cases (kept in WORKDIR/findings).
 */
public final class DamageCampaign {
    static final String[] OUTCOMES = {"ok", "partial", "error", "alert", "crash", "oom", "hang", "raw-control", "multi-line"};

    private final Path work;
    private final Random rnd;
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Long> byKind = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "damage case");
        t.setDaemon(true);
        return t;
    });
    private long cases;

    DamageCampaign(Path work, long seed) {
        this.work = work;
        this.rnd = new Random(seed);
        for (String o : OUTCOMES) counts.put(o, 0L);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
        if (args[0].equals("every-cut")) {
            EveryCut c = new EveryCut(Files.createDirectories(Path.of(args[1])), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            String only = args.length > 4 ? args[4] : "";   // a part of the path: one folder's files only
            c.run(realRdbs().stream().filter(f -> f.toString().contains(only)).toList());
            c.print(System.out);
            System.exit(0);
        }
        long seconds = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int cutsPerFile = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        DamageCampaign c = new DamageCampaign(work, seed);
        c.run(seconds, cutsPerFile);
        c.print(System.out);
        System.exit(0);
    }

    void print(PrintStream out) {
        out.println("cases " + cases);
        for (var e : counts.entrySet()) out.println("outcome " + e.getKey() + " " + e.getValue());
        for (var e : byKind.entrySet()) out.println("kind " + e.getKey() + " " + e.getValue());
        for (String f : findings) out.println("finding " + f);
    }

    Map<String, Long> counts() { return counts; }

    List<String> findings() { return findings; }

    static Path shared() {
        Path p = Path.of("../shared");
        return Files.isDirectory(p) ? p : Path.of("/work/shared");
    }

    static List<Path> realRdbs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String d : List.of("corpus", "groundtruth")) {
            try (Stream<Path> s = Files.walk(shared().resolve(d))) {
                s.filter(p -> p.getFileName().toString().endsWith(".rdb") && Files.isRegularFile(p)).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static List<Path> realText(String prefix) throws IOException {
        try (Stream<Path> s = Files.walk(shared().resolve("groundtruth"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** @param cutsPerFile truncation points per RDB on the first pass over the files: 0 every point, -1 one random point */
    void run(long seconds, int cutsPerFile) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Path> rdbs = realRdbs();
        List<Path> infos = realText("info-");
        List<Path> listings = realText("keys");
        List<Extreme> extremes = extremes();
        // Each step damages the next file of each kind (so every version is covered early) and runs one extreme.
        for (long step = 0; System.nanoTime() < end; step++) {
            if (step < extremes.size()) {
                Extreme x = extremes.get((int) step);
                one(x.kind(), null, x.content().get(), x.suffix());
            }
            Path f = rdbs.get((int) (step % rdbs.size()));
            byte[] b = Files.readAllBytes(f);
            if (cutsPerFile >= 0 && step < rdbs.size()) {
                // evenly spaced truncation points, or every one (the long campaign)
                int spacing = cutsPerFile == 0 ? 1 : Math.max(1, b.length / cutsPerFile);
                for (int cut = 0; cut < b.length && System.nanoTime() < end; cut += spacing) {
                    one("rdb-cut", f, java.util.Arrays.copyOf(b, cut), ".rdb");
                }
            } else {
                one("rdb-cut", f, java.util.Arrays.copyOf(b, rnd.nextInt(Math.max(1, b.length))), ".rdb");
            }
            one("rdb-flip", f, flip(b, 1 + rnd.nextInt(8)), ".rdb");
            one("rdb-length-lie", f, lengthLie(b), ".rdb");
            if (step % 2 == 0 && !infos.isEmpty()) {
                Path i = infos.get((int) (step / 2 % infos.size()));
                byte[] ib = Files.readAllBytes(i);
                one("info-cut", i, java.util.Arrays.copyOf(ib, rnd.nextInt(Math.max(1, ib.length))), ".txt");
                one("info-flip", i, flip(ib, 1 + rnd.nextInt(8)), ".txt");
            }
            if (step % 4 == 0 && !listings.isEmpty()) {
                Path l = listings.get((int) (step / 4 % listings.size()));
                byte[] lb = Files.readAllBytes(l);
                one("listing-cut", l, java.util.Arrays.copyOf(lb, rnd.nextInt(Math.max(1, lb.length))), ".csv");
                one("listing-flip", l, flip(lb, 1 + rnd.nextInt(8)), ".csv");
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    byte[] flip(byte[] b, int n) {
        byte[] c = b.clone();
        if (c.length == 0) return c;
        for (int i = 0; i < n; i++) {
            int at = rnd.nextInt(c.length);
            c[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (c[at] ^ (1 << rnd.nextInt(8)));
        }
        return c;
    }

    /** An RDB length encoding that claims far more than the file holds, over the bytes at a random offset past the header. */
    byte[] lengthLie(byte[] b) {
        if (b.length < 16) return flip(b, 1);
        byte[] c = b.clone();
        int at = 9 + rnd.nextInt(c.length - 9);
        byte[] lie = switch (rnd.nextInt(5)) {
            case 0 -> new byte[] {(byte) 0x80, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};             // 32-bit length
            case 1 -> new byte[] {(byte) 0x81, 0x7f, -1, -1, -1, -1, -1, -1, -1};                                  // 64-bit length
            case 2 -> new byte[] {(byte) 0xc3, (byte) 0x80, 0x00, 0x10, 0x00, (byte) 0x80, 0x7f, -1, -1, -1};      // LZF claims
            case 3 -> new byte[] {(byte) 0xbf, (byte) 0xff};                                                       // 14-bit length
            default -> new byte[] {(byte) 0xfe, (byte) 0x81, 0x00, 0x00, 0x00, 0x7f, -1, -1, -1, -1};               // SELECTDB huge
        };
        System.arraycopy(lie, 0, c, at, Math.min(lie.length, c.length - at));
        return c;
    }

    record Extreme(String kind, java.util.function.Supplier<byte[]> content, String suffix) {}

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Made-up inputs at the extremes, one per round: huge field counts, huge lines, empty files, lone headers, noise. */
    List<Extreme> extremes() {
        String h = "db,key,type,encoding,memory_usage,elements,ttl_ms\n";
        List<Extreme> x = new ArrayList<>();
        x.add(new Extreme("info-extreme", () -> {
            StringBuilder wide = new StringBuilder("# Memory\r\nused_memory:1048576\r\nused_memory_rss:2097152\r\n");
            for (int i = 0; i < 30_000; i++) wide.append("f").append(i).append(':').append(i).append("\r\n");
            return utf8(wide.toString());
        }, ".txt"));
        x.add(new Extreme("info-extreme", () -> utf8("# Memory\r\nused_memory:" + "9".repeat(3 << 20) + "\r\n"), ".txt"));
        x.add(new Extreme("info-extreme", () -> utf8("used_memory:1\r\n".repeat(200_000)), ".txt"));
        x.add(new Extreme("info-extreme", () -> utf8("x:" + "\u001b[2J\u0007\u009b".repeat(1000) + "\r\nused_memory:5\r\n"), ".txt"));
        x.add(new Extreme("info-extreme", () -> new byte[0], ".txt"));
        x.add(new Extreme("listing-extreme", () -> utf8(h), ".csv"));
        x.add(new Extreme("listing-extreme", () -> {
            StringBuilder many = new StringBuilder(h);
            for (int i = 0; i < 200_000; i++) many.append("0,k").append(i).append(':').append(i % 70_000).append(":x,string,embstr,64,1,-1\n");
            return utf8(many.toString());
        }, ".csv"));
        x.add(new Extreme("listing-extreme", () -> utf8(h + ("0," + "k".repeat(900_000) + ",string,raw,1,1,-1\n").repeat(20)), ".csv"));
        x.add(new Extreme("listing-extreme", () -> utf8(h + "0,a," + "t".repeat(900_000) + ",raw,1,1,-1\n"), ".csv"));
        x.add(new Extreme("listing-extreme", () -> {
            StringBuilder cols = new StringBuilder("db,key,type,encoding,memory_usage,elements,ttl_ms");
            for (int i = 0; i < 50_000; i++) cols.append(",c").append(i);
            return utf8(cols + "\n0,a,string,raw,1,1,-1\n");
        }, ".csv"));
        x.add(new Extreme("rdb-extreme", () -> {
            byte[] noise = new byte[1 << 20];
            rnd.nextBytes(noise);
            System.arraycopy("REDIS0011".getBytes(StandardCharsets.US_ASCII), 0, noise, 0, 9);
            return noise;
        }, ".rdb"));
        return x;
    }

    /** One case: write the damaged file, run the CLI on it with a time limit, classify. */
    void one(String kind, Path from, byte[] content, String suffix) throws Exception {
        cases++;
        byKind.merge(kind, 1L, Long::sum);
        Path dir = work.resolve("case");
        Path input = dir.resolve("input" + suffix);
        Path out = dir.resolve("out");
        Files.createDirectories(dir);
        Files.write(input, content);
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        String formats = cases % 25 == 0 ? "xlsx,csv,json" : "json";
        Future<Integer> f = runner.submit(() -> {
            try (PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
                 PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream())) {
                return Main.run(new String[] {"analyze", "-q", "-f", formats, "-o", out.toString(), input.toString()}, sink, err);
            }
        });
        int exit;
        try {
            exit = f.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            record("hang", kind, from, content, "");
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            record(t instanceof OutOfMemoryError ? "oom" : "crash", kind, from, content, String.valueOf(t));
            return;
        }
        byte[] err = errBytes.toByteArray();
        String text = new String(err, StandardCharsets.UTF_8);
        String outcome = switch (exit) {
            case 0 -> "ok";
            case 1 -> "alert";
            case 2 -> text.contains("fragscope analyze: partial: ") ? "partial" : "error";
            default -> text.contains("OutOfMemoryError") ? "oom" : "crash";
        };
        record(outcome, kind, from, content, text);
        if (io.fragscope.testing.ForkedRun.hasRawControl(err)) record("raw-control", kind, from, content, text);
        for (String line : text.lines().toList()) {
            if (!line.startsWith("fragscope")) {
                record("multi-line", kind, from, content, text);
                break;
            }
        }
    }

    private void record(String outcome, String kind, Path from, byte[] content, String err) throws IOException {
        counts.merge(outcome, 1L, Long::sum);
        if (List.of("ok", "partial", "error").contains(outcome)) return;
        Path keep = Files.createDirectories(work.resolve("findings")).resolve(outcome + "-" + kind + "-" + cases + ".bin");
        if (content.length <= (8 << 20)) Files.write(keep, content);
        String first = err.lines().findFirst().orElse("");
        findings.add(outcome + " " + kind + " " + (from == null ? "(made up)" : from) + " -> " + keep.getFileName() + ": "
                + (first.length() > 300 ? first.substring(0, 300) : first));
    }
}
