package io.fragscope.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Paths given on the command line, under any locale. Under the POSIX locale (cron's) the JVM decodes both the
 * arguments and the names it lists as ASCII, so a name that is not ASCII arrives with replacement characters,
 * and {@code Path.of} refuses to encode it back ("Malformed input or input contains unmappable characters").
 * The file still exists: each component that cannot be encoded is looked up among its folder's entries, whose
 * names went through the same decoding and so read the same; a unique match is the file (it keeps the real bytes).
 */
final class ArgPaths {
    private ArgPaths() {}

    /** The path {@code arg} names; {@code arg} itself (as a path the readers then report missing) when no entry matches. */
    static Path resolve(String arg) throws UsageException {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            Path p = arg.startsWith("/") ? Path.of("/") : null;
            for (String part : arg.split("/")) {
                if (part.isEmpty()) continue;
                Path next = tryResolve(p, part);
                if (next == null) next = match(p == null ? Path.of(".") : p, part);
                if (next == null) throw new UsageException("no such file or folder: " + arg + " (its name cannot be written in this locale's "
                        + "character set, " + System.getProperty("sun.jnu.encoding") + ", and no entry of its folder matches it)");
                p = p == null ? stripDot(next) : next;
            }
            if (p == null) throw new UsageException("not a path: " + arg);
            return p;
        }
    }

    private static Path tryResolve(Path base, String part) {
        try {
            return base == null ? Path.of(part) : base.resolve(part);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path stripDot(Path p) {
        return p.getNameCount() > 1 && p.getName(0).toString().equals(".") ? p.subpath(1, p.getNameCount()) : p;
    }

    private static Path match(Path dir, String part) {
        Path found = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path e : ds) {
                if (e.getFileName().toString().equals(part)) {
                    if (found != null) return null;   // two names decode alike: cannot tell which was meant
                    found = e;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return found;
    }
}
