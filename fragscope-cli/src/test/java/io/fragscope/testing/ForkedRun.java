package io.fragscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own with a limited heap, as a cron job runs it: exit status, stdout and stderr apart.
 *
 * @param exit   the exit status, or -1 when the run did not finish in time (it was killed)
 * @param stderr what the run printed on stderr, as bytes (to check for raw control characters)
 */
public record ForkedRun(int exit, String stdout, byte[] stderr) {

    public String err() { return new String(stderr, StandardCharsets.UTF_8); }

    /** stderr lines; each problem must be one of them. */
    public List<String> errLines() { return err().lines().toList(); }

    /** Whether stderr holds a control character other than the line feeds that end its lines. */
    public boolean rawControlBytes() { return ForkedRun.hasRawControl(stderr); }

    public static boolean hasRawControl(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\n' || c == 0x7f) return true;
            if (c == 0xc2 && i + 1 < b.length && (b[i + 1] & 0xff) >= 0x80 && (b[i + 1] & 0xff) <= 0x9f) return true; // C1 in UTF-8
        }
        return false;
    }

    public static ForkedRun analyze(Path work, String heap, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return run(work, heap, env, jvmOptions, 300, args);
    }

    public static ForkedRun analyze(Path work, String heap, String... args) throws IOException, InterruptedException {
        return run(work, heap, Map.of(), List.of(), 300, args);
    }

    /** Runs {@code fragscope analyze ARGS}; {@code env} entries with a null value are removed from the environment. */
    public static ForkedRun run(Path work, String heap, Map<String, String> env, List<String> jvmOptions, int timeoutSeconds,
                                String... args) throws IOException, InterruptedException {
        Process p = start(work, heap, env, jvmOptions, args);
        Path outFile = work.resolve("run.out"), errFile = work.resolve("run.err");
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new ForkedRun(-1, Files.readString(outFile), Files.readAllBytes(errFile));
        }
        return new ForkedRun(p.exitValue(), Files.readString(outFile), Files.readAllBytes(errFile));
    }

    /** Starts the run and returns at once (to kill it mid-way); stdout and stderr go to WORK/run.out and run.err. */
    public static Process start(Path work, String heap, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.fragscope.cli.Main", "analyze"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(work.resolve("run.out").toFile())
                .redirectError(work.resolve("run.err").toFile());
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        return pb.start();
    }
}
