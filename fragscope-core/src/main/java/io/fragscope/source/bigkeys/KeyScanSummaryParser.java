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

/**
 * Reads the summary of {@code redis-cli --bigkeys / --memkeys / --keystats} as redis-cli 3.0 … 8.x print it
 * (redis-cli.c findBigKeys and keyStats). --keystats prints sizes the way bytesToHuman does ({@code 512B},
 * {@code 8.03K}, {@code 1.25M}: two decimals of KiB/MiB/GiB), so its byte figures are exact to that rounding only.
 */
public final class KeyScanSummaryParser {

    private static final Pattern SAMPLED = Pattern.compile("Sampled (\\d+) keys in the keyspace");
    private static final Pattern KEY_LENGTH = Pattern.compile("Total key length in bytes is (\\d+)");
    private static final Pattern BIGGEST = Pattern.compile("^Biggest\\s+(\\w+) found (.+) has (\\d+) (\\w+)");
    private static final Pattern TYPE = Pattern.compile("^(\\d+) (\\w+?)s? with (\\d+) (\\w+) \\(([\\d.]+)% of keys, avg size ([\\d.]+)\\)");

    /** --keystats: {@code   1    8.03K list       "l:43"} under "--- Top N key sizes ---". */
    private static final Pattern TOP_SIZE = Pattern.compile("^\\s*\\d+\\s+(\\d+(?:\\.\\d+)?[BKMGTP])\\s+(\\w+)\\s+(.+)$");
    /** --keystats: {@code list       "l:43" has 60 items} under "--- Top length and cardinality per type ---". */
    private static final Pattern TOP_LENGTH = Pattern.compile("^(\\w+)\\s+(.+) has (\\d+(?:\\.\\d+)?[BKMGTP]?)(?: (\\w+))?$");
    /** --keystats type table: type, keys, keys %, total size, avg size, total length/card, avg. */
    private static final Pattern TYPE_ROW = Pattern.compile("^(\\w+)\\s+(\\d+)\\s+([\\d.]+)%\\s+(\\d+(?:\\.\\d+)?[BKMGTP])\\s+(\\d+(?:\\.\\d+)?[BKMGTP]).*$");

    private static final Pattern KEYS_SAMPLED = Pattern.compile("^Keys sampled: (\\d+)$");
    private static final Pattern TOP_SIZE_TYPE = Pattern.compile("^(\\w+)\\s+(.+) is (\\d+(?:\\.\\d+)?[BKMGTP])$");

    /** Bounds memory: --top can ask for any number of top keys. */
    static final int MAX_ROWS = 10_000;

    private final ReadLimits limits;

    public KeyScanSummaryParser(ReadLimits limits) { this.limits = limits; }

    /** bytesToHuman's text back to bytes: 512B, 8.03K (KiB), 1.25M (MiB) … rounded as printed. */
    static long human(String v) {
        char unit = v.charAt(v.length() - 1);
        double n = Double.parseDouble(v.substring(0, v.length() - 1));
        int shift = switch (unit) { case 'K' -> 10; case 'M' -> 20; case 'G' -> 30; case 'T' -> 40; case 'P' -> 50; default -> 0; };
        return Math.round(n * (1L << shift));
    }

    public KeyScanSummary parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        }
    }

    public KeyScanSummary parse(InputStream in, Path file) throws IOException {
        long[] at = {1};
        try {
            return read(in, file, at);
        } catch (NumberFormatException e) {
            throw InputException.atLine(file, at[0], "a number out of range (" + clip(e.getMessage()) + ")");
        }
    }

    private static String clip(String s) { return s == null ? "" : s.length() <= 60 ? s : s.substring(0, 60) + "…"; }

    private KeyScanSummary read(InputStream in, Path file, long[] at) throws IOException {
        LineReader reader = new LineReader(in, file, limits);
        long sampled = -1, keyLength = -1;
        List<KeyScanSummary.Biggest> biggest = new ArrayList<>();
        List<KeyScanSummary.TypeTotal> types = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean summary = false, anyBytes = false, keystats = false;
        String section = "";
        String line;
        while ((line = reader.readLine()) != null) {
            at[0] = reader.lineNumber();
            String t = line.strip();
            if (biggest.size() + types.size() >= MAX_ROWS) {
                warnings.add("line " + reader.lineNumber() + ": more than " + MAX_ROWS + " summary rows (--top that large?): the rest is not read");
                break;
            }
            if (t.contains("-------- summary -------")) { summary = true; continue; }
            if (t.contains("Key size Percentile") || t.contains("Top ") && t.contains("key sizes")) keystats = true;
            Matcher m;
            if ((m = SAMPLED.matcher(t)).find()) { sampled = Long.parseLong(m.group(1)); continue; }
            if ((m = KEY_LENGTH.matcher(t)).find()) { keyLength = Long.parseLong(m.group(1)); continue; }
            if (t.startsWith("--- Top ") && t.endsWith(" key sizes ---")) { section = "top-sizes"; keystats = true; continue; }
            if (t.startsWith("--- Top length and cardinality")) { section = "top-length"; keystats = true; continue; }
            if (t.startsWith("--- Top size per type")) { section = "top-size-type"; keystats = true; continue; }
            if (t.startsWith("--- ")) { section = ""; continue; }
            if (t.startsWith("Type ") && t.contains("Total keys")) { section = "types"; keystats = true; continue; }
            if ((m = KEYS_SAMPLED.matcher(t)).matches()) { sampled = Long.parseLong(m.group(1)); keystats = true; continue; }
            if (keystats) {
                if (section.equals("top-size-type") && (m = TOP_SIZE_TYPE.matcher(t)).matches()) {
                    // The biggest of each type: kept unless "Top N key sizes" named it already (quoted there, bare here).
                    String type = m.group(1), key = m.group(2).strip();
                    boolean named = biggest.stream().anyMatch(b -> b.type().equals(type) && b.unit().equals("bytes")
                            && (b.key().equals(key) || b.key().equals("\"" + key + "\"")));
                    if (!named) biggest.add(new KeyScanSummary.Biggest(type, key, human(m.group(3)), "bytes"));
                    continue;
                }
                if (t.startsWith("Key size Percentile") || t.startsWith("Key name length")) { section = "percentiles"; continue; }
                if (section.equals("top-sizes") && (m = TOP_SIZE.matcher(t)).matches()) {
                    biggest.add(new KeyScanSummary.Biggest(m.group(2), m.group(3).strip(), human(m.group(1)), "bytes"));
                    continue;
                }
                if (section.equals("top-length") && (m = TOP_LENGTH.matcher(t)).matches()) {
                    boolean bytes = m.group(4) == null;
                    // A string's length (STRLEN), not its memory: "bytes long", so it is never read as MEMORY USAGE.
                    biggest.add(new KeyScanSummary.Biggest(m.group(1), m.group(2).strip(), bytes ? human(m.group(3)) : Long.parseLong(m.group(3)),
                            bytes ? "bytes long" : m.group(4)));
                    continue;
                }
                if (section.equals("types") && (m = TYPE_ROW.matcher(t)).matches()) {
                    long keys = Long.parseLong(m.group(2));
                    types.add(new KeyScanSummary.TypeTotal(m.group(1), keys, human(m.group(4)), "bytes", Double.parseDouble(m.group(3)),
                            keys == 0 ? 0 : (double) human(m.group(4)) / keys));
                    anyBytes = true;
                    continue;
                }
            }
            if (!summary) continue;
            if ((m = BIGGEST.matcher(t)).find()) {
                biggest.add(new KeyScanSummary.Biggest(m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4)));
                continue;
            }
            if (t.startsWith("Biggest ")) {
                // redis-cli's own line, damaged (a count that is no number): said, not dropped
                warnings.add("line " + reader.lineNumber() + ": '" + clip(t) + "' is not \"Biggest TYPE found KEY has N UNIT\": that key is left out");
                continue;
            }
            if ((m = TYPE.matcher(t)).find()) {
                String unit = m.group(4);
                anyBytes |= unit.equals("bytes") && !m.group(2).equals("string");
                types.add(new KeyScanSummary.TypeTotal(m.group(2), Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), unit,
                        Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))));
            }
        }
        if (!summary && !keystats && sampled < 0) {
            throw InputException.atLine(file, Math.max(1, reader.lineNumber()), "no redis-cli --bigkeys/--memkeys summary found");
        }
        if (keystats) {
            if (types.isEmpty()) warnings.add("line " + reader.lineNumber() + ": no per-type table: the --keystats output was cut short");
        } else if (!summary) warnings.add("no '-------- summary -------' line: the scan was interrupted or the output cut before its summary");
        else if (types.isEmpty()) warnings.add("line " + reader.lineNumber() + ": the summary has no per-type totals: cut short");
        String tool = keystats ? "--keystats" : anyBytes ? "--memkeys" : "--bigkeys";
        return new KeyScanSummary(file, tool, sampled, keyLength, biggest, types, warnings);
    }
}
