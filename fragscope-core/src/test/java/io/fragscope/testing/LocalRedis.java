package io.fragscope.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of this machine's (Debian's 7.0 package in CI), started on 127.0.0.1 with a free port
 * in its own folder, with a minimal binary-safe RESP client. Tests that need it are skipped only when
 * redis-server is not installed; CI installs it.
 */
public final class LocalRedis implements AutoCloseable {
    private final Process process;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    public final Path dir;
    public final int port;

    private LocalRedis(Path dir, String dbfilename) throws IOException {
        this(binary(), dir, dbfilename);
    }

    private LocalRedis(String binary, Path dir, String dbfilename, String... extra) throws IOException {
        this.dir = dir;
        this.port = freePort();
        List<String> cmd = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
        if (dbfilename != null) cmd.addAll(List.of("--dbfilename", dbfilename));
        cmd.addAll(List.of(extra)); // later directives override earlier ones (config.c applies them in order)
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Socket s = null;
        for (int i = 0; i < 200 && s == null; i++) {
            try {
                s = new Socket("127.0.0.1", port);
            } catch (IOException e) {
                try { Thread.sleep(25); } catch (InterruptedException ie) { Thread.currentThread().interrupt(); }
            }
        }
        if (s == null) throw new IOException("redis-server did not start: " + Files.readString(dir.resolve("stdout.log")));
        this.socket = s;
        this.out = s.getOutputStream();
        this.in = new BufferedInputStream(s.getInputStream(), 1 << 16);
        // Wait until an RDB given to it is loaded.
        // Valkey 9 accepts connections before it starts loading, so "loading:0" alone can come too early: a command
        // that is refused while loading (DBSIZE) must also get through.
        for (int i = 0; i < 1200; i++) {
            String info = new String((byte[]) call("INFO", "persistence"), StandardCharsets.UTF_8);
            if (info.contains("loading:0")) {
                try {
                    call("DBSIZE");
                    break;
                } catch (IOException loading) {
                    if (!String.valueOf(loading.getMessage()).contains("LOADING")) throw loading;
                }
            }
            try { Thread.sleep(25); } catch (InterruptedException ie) { Thread.currentThread().interrupt(); }
        }
    }

    public static String binary() {
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) if (Files.isExecutable(Path.of(p))) return p;
        return null;
    }

    /** Starts a server in {@code dir}; with {@code dbfilename} it loads that RDB from {@code dir} first. */
    public static LocalRedis start(Path dir, String dbfilename) throws IOException {
        Assumptions.assumeTrue(binary() != null, "redis-server is not installed (CI installs it)");
        return new LocalRedis(dir, dbfilename);
    }

    /** As {@link #start(Path, String)} with more configuration, e.g. {@code "--appendonly", "yes"}. */
    public static LocalRedis start(Path dir, String dbfilename, String... extraArgs) throws IOException {
        Assumptions.assumeTrue(binary() != null, "redis-server is not installed (CI installs it)");
        return new LocalRedis(binary(), dir, dbfilename, extraArgs);
    }

    /** Starts another build's server ({@code binary}, e.g. ../shared/bin/valkey-9.1.2/valkey-server) with extra arguments. */
    public static LocalRedis start(String binary, Path dir, String dbfilename, String... extra) throws IOException {
        Assumptions.assumeTrue(binary != null && Files.isExecutable(Path.of(binary)), binary + " is not installed");
        return new LocalRedis(binary, dir, dbfilename, extra);
    }

    /** INFO of every section, as the server printed it. */
    public String infoAll() throws IOException { return text("INFO", "all"); }

    /** Starts another server binary (the Valkey builds in ../shared/bin) the same way; skipped where it is absent. */
    public static LocalRedis start(Path dir, String dbfilename, Path binary) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(binary), binary + " is not there");
        return new LocalRedis(binary.toString(), dir, dbfilename);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Sends one command and reads its reply: byte[] for bulk/simple strings, Long, List, or null. */
    public Object call(Object... args) throws IOException {
        send(args);
        out.flush();
        return read();
    }

    /** Sends many commands, then reads all replies (pipelining); errors come back as IOExceptions. */
    public void pipeline(List<Object[]> commands) throws IOException {
        int batch = 0;
        for (Object[] c : commands) {
            send(c);
            if (++batch == 1000) {
                out.flush();
                for (int i = 0; i < batch; i++) read();
                batch = 0;
            }
        }
        out.flush();
        for (int i = 0; i < batch; i++) read();
    }

    public String text(Object... args) throws IOException {
        Object r = call(args);
        return r instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(r);
    }

    public long infoField(String name) throws IOException {
        for (String line : text("INFO", "memory").split("\r\n")) {
            if (line.startsWith(name + ":")) return Long.parseLong(line.substring(name.length() + 1).trim());
        }
        throw new IOException("no " + name + " in INFO");
    }

    private void send(Object[] args) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Object a : args) {
            byte[] v = a instanceof byte[] bytes ? bytes : String.valueOf(a).getBytes(StandardCharsets.UTF_8);
            b.write(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(v);
            b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeTo(out);
    }

    private Object read() throws IOException {
        int t = in.read();
        String line = line();
        switch (t) {
            case '+': return line.getBytes(StandardCharsets.UTF_8);
            case '-': throw new IOException("redis error: " + line);
            case ':': return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                byte[] v = in.readNBytes(n);
                in.readNBytes(2);
                return v;
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) l.add(read());
                return l;
            }
            default: throw new IOException("unexpected RESP type " + (char) t);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("connection closed");
            b.write(c);
        }
        in.read();
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
