package io.fragscope.source.memstats;

import io.fragscope.source.InputException;
import io.fragscope.source.LineReader;
import io.fragscope.source.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved {@code MEMORY DOCTOR} text (object.c getMemoryDoctorReport): its verdict and the titles of the issues it
 * lists ({@code  * Peak memory: …}, {@code  * High allocator fragmentation: …}).
 *
 * @param verdict {@code issues}, {@code no-issues} ("I can't find any memory issue") or {@code empty} (under 5 MiB)
 */
public record MemoryDoctorReport(Path source, String verdict, List<String> issues) {

    public MemoryDoctorReport { issues = List.copyOf(issues); }

    private static final Pattern ISSUE = Pattern.compile("^\\s*\\*\\s+([A-Z][^:]{2,60}):");

    public static MemoryDoctorReport parse(Path file, ReadLimits limits) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            LineReader reader = new LineReader(in, file, limits);
            String verdict = null;
            List<String> issues = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains("I detected a few issues")) verdict = "issues";
                else if (line.contains("I can't find any memory issue")) verdict = "no-issues";
                else if (line.contains("this instance is empty")) verdict = "empty";
                Matcher m = ISSUE.matcher(line);
                if (m.find()) issues.add(m.group(1).strip());
            }
            if (verdict == null) throw InputException.atLine(file, Math.max(1, reader.lineNumber()), "no MEMORY DOCTOR verdict found");
            return new MemoryDoctorReport(file, verdict, issues);
        }
    }
}
