package io.fragscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Locates the read-only shared material ({@code ../shared} beside the checkout) used as real test input. */
public final class SharedFiles {
    private SharedFiles() {}

    public static Path root() {
        Path p = Path.of("..", "shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) throw new IllegalStateException("shared/ not found beside the checkout at " + p);
        return p;
    }

    public static Path groundTruth() { return root().resolve("groundtruth"); }

    public static List<Path> groundTruthBuilds() throws IOException {
        try (Stream<Path> s = Files.list(groundTruth())) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** A number stated in a build's notes.md, e.g. "used_memory, empty server (info-empty.txt): 965872". */
    public static long noteNumber(Path build, String linePrefix) throws IOException {
        Pattern p = Pattern.compile(Pattern.quote(linePrefix) + "[^:]*:\\s*(\\d+)");
        for (String line : Files.readAllLines(build.resolve("notes.md"))) {
            Matcher m = p.matcher(line);
            if (m.find()) return Long.parseLong(m.group(1));
        }
        throw new IllegalStateException("no '" + linePrefix + "' line in " + build.resolve("notes.md"));
    }
}
