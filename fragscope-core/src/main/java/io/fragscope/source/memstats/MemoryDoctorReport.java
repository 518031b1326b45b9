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
 * @param verdict   {@code issues}, {@code no-issues} ("I can't find any memory issue") or {@code empty} (under 5 MiB)
 * @param product   the server the text names ("… in this Valkey instance memory implants": {@code Valkey}; Redis and
 *                  Valkey 7.2 say {@code Redis}), "" when the text names none (the no-issues and empty replies)
 * @param allocator the allocator the "High total RSS" issue names ({@code jemalloc-5.3.0}), "" when it is not listed
 */
public record MemoryDoctorReport(Path source, String verdict, List<String> issues, String product, String allocator) {

    public MemoryDoctorReport { issues = List.copyOf(issues); }

    private static final Pattern ISSUE = Pattern.compile("^\\s*\\*\\s+([A-Z][^:]{2,60}):");
    private static final Pattern PRODUCT = Pattern.compile("in this (\\w+) instance memory implants");
    private static final Pattern ALLOCATOR = Pattern.compile("The currently used allocator is \"([^\"]{1,80})\"");

    public static MemoryDoctorReport parse(Path file, ReadLimits limits) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            LineReader reader = new LineReader(in, file, limits);
            String verdict = null;
            List<String> issues = new ArrayList<>();
            String line, product = "", allocator = "";
            while ((line = reader.readLine()) != null) {
                if (line.contains("I detected a few issues")) verdict = "issues";
                else if (line.contains("I can't find any memory issue")) verdict = "no-issues";
                else if (line.contains("this instance is empty")) verdict = "empty";
                Matcher m = ISSUE.matcher(line);
                if (m.find()) issues.add(m.group(1).strip());
                Matcher p = PRODUCT.matcher(line);
                if (product.isEmpty() && p.find()) product = p.group(1);
                Matcher a = ALLOCATOR.matcher(line);
                if (allocator.isEmpty() && a.find()) allocator = a.group(1);
            }
            if (verdict == null) throw InputException.atLine(file, Math.max(1, reader.lineNumber()), "no MEMORY DOCTOR verdict found");
            return new MemoryDoctorReport(file, verdict, issues, product, allocator);
        }
    }
}
