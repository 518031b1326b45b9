package io.fragscope.source.bigkeys;

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

/** Reads the summary of {@code redis-cli --bigkeys / --memkeys / --keystats} as redis-cli 3.0 … 8.x print it. */
public final class KeyScanSummaryParser {

    private static final Pattern SAMPLED = Pattern.compile("Sampled (\\d+) keys in the keyspace");
    private static final Pattern KEY_LENGTH = Pattern.compile("Total key length in bytes is (\\d+)");
    private static final Pattern BIGGEST = Pattern.compile("^Biggest\\s+(\\w+) found (.+) has (\\d+) (\\w+)");
    private static final Pattern TYPE = Pattern.compile("^(\\d+) (\\w+?)s? with (\\d+) (\\w+) \\(([\\d.]+)% of keys, avg size ([\\d.]+)\\)");

    private final ReadLimits limits;

    public KeyScanSummaryParser(ReadLimits limits) { this.limits = limits; }

    public KeyScanSummary parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        }
    }

    public KeyScanSummary parse(InputStream in, Path file) throws IOException {
        LineReader reader = new LineReader(in, file, limits.maxLineBytes());
        long sampled = -1, keyLength = -1;
        List<KeyScanSummary.Biggest> biggest = new ArrayList<>();
        List<KeyScanSummary.TypeTotal> types = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean summary = false, anyBytes = false, keystats = false;
        String line;
        while ((line = reader.readLine()) != null) {
            String t = line.strip();
            if (t.contains("-------- summary -------")) { summary = true; continue; }
            if (t.contains("Key size Percentile") || t.contains("Top ") && t.contains("key sizes")) keystats = true;
            Matcher m;
            if ((m = SAMPLED.matcher(t)).find()) { sampled = Long.parseLong(m.group(1)); continue; }
            if ((m = KEY_LENGTH.matcher(t)).find()) { keyLength = Long.parseLong(m.group(1)); continue; }
            if (!summary) continue;
            if ((m = BIGGEST.matcher(t)).find()) {
                biggest.add(new KeyScanSummary.Biggest(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4)));
                continue;
            }
            if ((m = TYPE.matcher(t)).find()) {
                String unit = m.group(4);
                anyBytes |= unit.equals("bytes") && !m.group(2).equals("string");
                types.add(new KeyScanSummary.TypeTotal(m.group(2), Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), unit,
                        Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))));
            }
        }
        if (!summary && sampled < 0) {
            throw InputException.atLine(file, Math.max(1, reader.lineNumber()), "no redis-cli --bigkeys/--memkeys summary found");
        }
        if (!summary) warnings.add("no '-------- summary -------' line: the scan was interrupted or the output cut before its summary");
        else if (types.isEmpty()) warnings.add("line " + reader.lineNumber() + ": the summary has no per-type totals: cut short");
        String tool = keystats ? "--keystats" : anyBytes ? "--memkeys" : "--bigkeys";
        return new KeyScanSummary(file, tool, sampled, keyLength, biggest, types, warnings);
    }
}
