package io.fragscope.source.memstats;

import io.fragscope.source.InputException;
import io.fragscope.source.LineReader;
import io.fragscope.source.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a saved {@code MEMORY STATS} reply in each form people keep it:
 * <ul>
 *   <li>redis-cli on a terminal: {@code  1) "peak.allocated"} / {@code  2) (integer) 2567160}, the per-db map nested as
 *       {@code 28) 1) "overhead.hashtable.main"} / {@code     2) (integer) 90960}; RESP3's {@code (double)} too</li>
 *   <li>redis-cli into a file or a pipe: one name or value per line, the per-db map flattened after its {@code db.N}</li>
 *   <li>{@code name: value} lines, as client libraries and dashboards print a map, with {@code db.0:} followed by
 *       its indented entries or by {@code {'overhead.hashtable.main': 155968, …}}</li>
 * </ul>
 * A per-db entry is one whose name starts with {@code overhead.hashtable.} right after a {@code db.N} name
 * (object.c memoryCommand nests exactly these). Shapes and units: every integer is bytes, except keys.count.
 */
public final class MemoryStatsParser {

    private static final Pattern NUMBERING = Pattern.compile("^\\s*\\d+\\)\\s*");
    private static final Pattern TYPED = Pattern.compile("^\\((?:integer|double)\\)\\s*(.*)$");
    private static final Pattern PROMPT = Pattern.compile("(?:redis |valkey )?[^\\s>]*:\\d+(?:\\[\\d+])?>.*|\\S+>\\s*memory stats.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_VALUE = Pattern.compile("^\"?([a-z][a-z0-9._\\-]*)\"?\\s*:\\s*(.*)$");
    private static final Pattern DB = Pattern.compile("db\\.\\d{1,9}");
    private static final Pattern BRACED = Pattern.compile("'?\"?([a-z][a-z0-9._\\-]*)'?\"?\\s*:\\s*([^,}]+)");

    private static final Pattern COMMENTED = Pattern.compile("^(.*?\"[^\"]*\")\\s+#.*$");

    /** Bounds memory whatever the file: 16,000 dbs' worth of entries. */
    static final int MAX_TOKENS = 100_000;

    private final ReadLimits limits;

    public MemoryStatsParser(ReadLimits limits) { this.limits = limits; }

    public MemoryStats parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        }
    }

    record Token(String text, long line, boolean numbered) {}

    public MemoryStats parse(InputStream in, Path file) throws IOException {
        List<Token> tokens = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        LineReader reader = new LineReader(in, file, limits);
        String raw;
        boolean nameValueForm = false;
        while ((raw = reader.readLine()) != null) {
            if (tokens.size() >= MAX_TOKENS) {
                // A real reply has a hundred entries plus two per db: a file this long is something else, read in part.
                warnings.add("line " + reader.lineNumber() + ": more than " + MAX_TOKENS + " names and values: the rest is not read");
                break;
            }
            String line = raw.strip();
            if (line.isEmpty() || PROMPT.matcher(line).matches() || line.startsWith("#") || line.startsWith("```")) continue;
            long no = reader.lineNumber();
            Matcher c = COMMENTED.matcher(line);
            if (c.matches()) line = c.group(1); // people annotate pastes: 1) "peak.allocated" # the peak since start
            boolean numbered = false;
            Matcher n;
            while ((n = NUMBERING.matcher(line)).find()) { line = line.substring(n.end()); numbered = true; }
            if (!numbered) {
                Matcher nv = NAME_VALUE.matcher(line);
                if (nv.matches() && !nv.group(1).isEmpty() && (nameValueForm || !nv.group(2).isEmpty() || DB.matcher(nv.group(1)).matches())) {
                    nameValueForm = true;
                    tokens.add(new Token(nv.group(1), no, false));
                    String rest = nv.group(2).strip();
                    if (rest.startsWith("{")) {
                        Matcher b = BRACED.matcher(rest);
                        while (b.find()) { tokens.add(new Token(b.group(1), no, false)); tokens.add(new Token(b.group(2).strip(), no, false)); }
                    } else if (!rest.isEmpty()) {
                        tokens.add(new Token(unquote(rest), no, false));
                    }
                    continue;
                }
            }
            Matcher t = TYPED.matcher(line);
            tokens.add(new Token(t.matches() ? t.group(1).strip() : unquote(line), no, numbered));
        }
        if (!reader.lastLineTerminated() && !tokens.isEmpty()) {
            warnings.add("line " + reader.lineNumber() + ": the last line has no line end: the reply was cut there, so its last entry is left out");
            tokens.remove(tokens.size() - 1);
        }
        // In redis-cli's numbered form every line of the reply is numbered: other lines are the paster's words.
        long numbered = tokens.stream().filter(Token::numbered).count();
        if (numbered * 2 > tokens.size()) tokens.removeIf(tk -> !tk.numbered());
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        String db = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token name = tokens.get(i);
            if (DB.matcher(name.text()).matches()) { db = name.text(); continue; }
            if (db != null && !name.text().startsWith("overhead.hashtable.")) db = null;
            if (i + 1 >= tokens.size()) {
                warnings.add("line " + name.line() + ": '" + clip(name.text()) + "' has no value: the reply was cut short");
                break;
            }
            Token value = tokens.get(++i);
            String key = db == null ? name.text() : db + "." + name.text();
            values.put(key, value.text());
            lines.put(key, name.line());
        }
        if (!values.containsKey("peak.allocated") && !values.containsKey("total.allocated")) {
            throw InputException.atLine(file, Math.max(1, reader.lineNumber()),
                    "no MEMORY STATS entry found (expected peak.allocated and total.allocated)");
        }
        for (String must : List.of("total.allocated", "overhead.total", "keys.count")) {
            if (!values.containsKey(must)) { warnings.add("no " + must + " entry: the reply was cut short or edited"); break; }
        }
        return new MemoryStats(file, values, lines, warnings);
    }

    private static String unquote(String s) {
        String v = s.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) v = v.substring(1, v.length() - 1);
        return v;
    }

    private static String clip(String s) { return s.length() <= 40 ? s : s.substring(0, 40) + "…"; }
}
