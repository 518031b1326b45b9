package io.fragscope.source.info;

import io.fragscope.source.InputException;
import io.fragscope.source.LineReader;
import io.fragscope.source.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses INFO text as people save it: {@code redis-cli INFO all > file}, interactive pastes with a
 * {@code 127.0.0.1:6379> info} prompt, CRLF, missing section headers, indentation, blank lines,
 * {@code key: value} with a space, and prose around it in ticket pastes. Lines that are not fields
 * are skipped; a file with no field at all is not an INFO dump.
 */
public final class InfoParser {

    /** A name as INFO prints it (cmdstat_acl|load included), maybe inside markdown emphasis, then {@code :}, {@code  : } or {@code : :}. */
    private static final Pattern FIELD = Pattern.compile("[*_`]*([A-Za-z](?:[A-Za-z0-9_.\\-|]*[A-Za-z0-9])?)[*_`]*\\s*:\\s*(.*)");
    private static final Pattern SECTION = Pattern.compile("#{1,3}\\s*([A-Za-z][A-Za-z ]*?)\\s*[*_`]*");
    /** {@code 127.0.0.1:6379> info}, {@code redis 127.0.0.1:6379> INFO}, {@code localhost:6379[2]> info all}. */
    private static final Pattern PROMPT = Pattern.compile("(?:redis )?[^\\s>]*:\\d+(?:\\[\\d+])?>.*|redis>.*");
    /** A last line that closes markdown emphasis or code after its value was pasted whole. */
    private static final Pattern CLOSING_MARK = Pattern.compile("(?:[^:]+:.*\\d|#.*[A-Za-z])[*_`]+");
    /** Tools that print INFO as a table: {@code   used_memory                          1005320} (name with an underscore, 2+ spaces). */
    private static final Pattern COLUMNS = Pattern.compile("([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\\s{2,}(\\S.*)");
    private static final Pattern CUT_TOKEN = Pattern.compile("#[^:]*|[^\\s:>]+");
    private static final Pattern KEYSPACE = Pattern.compile("db(\\d+)");

    /** Byte counters whose value must be an integer; a bad one is a warning, not a guess. */
    private static final Set<String> BYTE_FIELDS = Set.of("used_memory", "used_memory_rss", "used_memory_peak",
            "used_memory_overhead", "used_memory_startup", "used_memory_dataset", "allocator_allocated",
            "allocator_active", "allocator_resident", "used_memory_lua", "maxmemory", "total_system_memory",
            "mem_clients_normal", "mem_clients_slaves", "mem_replication_backlog", "mem_aof_buffer");

    /**
     * Fields read from one file at most: {@code INFO everything} of a Redis 8 with every command and error counted has
     * a few thousand; past this, a file is not one reply and the rest is left out (said), so the heap stays small.
     */
    static final int MAX_FIELDS = 20_000;

    private final ReadLimits limits;

    public InfoParser(ReadLimits limits) { this.limits = limits; }

    public InfoDump parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        }
    }

    public InfoDump parse(InputStream in, Path file) throws IOException {
        List<InfoField> fields = new ArrayList<>();
        List<KeyspaceEntry> keyspace = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String section = "";
        List<String> sections = new ArrayList<>();
        LineReader reader = new LineReader(in, file, limits);
        InfoLineUnwrapper unwrapper = new InfoLineUnwrapper();
        String raw;
        String lastLine = null;
        int fieldsBeforeLast = 0, keyspaceBeforeLast = 0;
        // Names seen, by section: one seen again starts another reply (INFO appended to one file: redis-cli INFO >> log).
        java.util.Set<String> seen = new java.util.HashSet<>();
        long sectionLine = 0;   // the line of the last section header, while no field has followed it yet
        while ((raw = reader.readLine()) != null) {
            String line = stripQuoting(unwrapper.unwrap(stripQuoting(raw.strip())));
            if (line.isEmpty()) continue;
            long no = reader.lineNumber();
            lastLine = null;
            fieldsBeforeLast = fields.size();
            keyspaceBeforeLast = keyspace.size();
            // A section header or a lone word (a name cut before its colon) is where a cut may stop too.
            if (CUT_TOKEN.matcher(line).matches()) lastLine = line;
            Matcher s = SECTION.matcher(line);
            if (s.matches()) { section = s.group(1).trim(); sections.add(section); sectionLine = no; continue; }
            if (PROMPT.matcher(line).matches()) continue;
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                m = COLUMNS.matcher(line);
                if (!m.matches()) continue;
            }
            String name = m.group(1);
            if (!seen.add(section + '\u0000' + name)) {
                // The reply begins at its section header when one stands right before the repeated field (# Server).
                warnings.add("line " + (sectionLine > 0 ? sectionLine : no) + ": " + name + " again: another INFO reply begins here"
                        + " (replies appended to one file); only the first is read, save each reply in a file of its own");
                lastLine = null;
                break;
            }
            if (fields.size() == MAX_FIELDS) {
                warnings.add("line " + no + ": more than " + MAX_FIELDS + " fields, more than any INFO reply has: the rest is not read");
                lastLine = null;
                break;
            }
            fieldsBeforeLast = fields.size();
            keyspaceBeforeLast = keyspace.size();
            lastLine = line;
            sectionLine = 0;
            String value = InfoValue.normalise(m.group(2));
            Matcher ks = KEYSPACE.matcher(name);
            if (ks.matches() && value.startsWith("keys=")) {
                KeyspaceEntry e = ks.group(1).length() > 9 ? null : keyspace(Integer.parseInt(ks.group(1)), value);
                if (e == null) warnings.add("line " + no + ": keyspace line '" + clip(line) + "' is not keys=N,expires=N,avg_ttl=N");
                else keyspace.add(e);
            }
            if (BYTE_FIELDS.contains(name) && !isLong(value)) {
                warnings.add("line " + no + ": " + name + " is not a byte count ('" + clip(value) + "')");
            }
            fields.add(new InfoField(section, name, value, no));
        }
        if (lastLine != null && !reader.lastLineTerminated() && !CLOSING_MARK.matcher(lastLine).matches()) {
            // A tool ends every line; a last field without a line end is where a paste was cut, maybe inside the number.
            warnings.add("line " + reader.lineNumber() + ": the last line '" + clip(lastLine)
                    + "' has no line end: the paste was cut there" + (fields.size() > fieldsBeforeLast ? ", so its value is left out" : ""));
            fields.subList(fieldsBeforeLast, fields.size()).clear();
            keyspace.subList(keyspaceBeforeLast, keyspace.size()).clear();
        }
        if (fields.isEmpty()) {
            throw InputException.atLine(file, Math.max(1, reader.lineNumber()), "no INFO field found (expected lines such as used_memory:1024)");
        }
        InfoDump dump = new InfoDump(file, fields, keyspace, warnings);
        implausibleRss(dump, fields, warnings);
        dump = new InfoDump(file, fields, keyspace, warnings);
        // A field present but no byte count was said above at its line; "no field" is for a field that is not there.
        if (dump.bytes("used_memory").isEmpty()) {
            if (dump.text("used_memory").isEmpty()) warnings.add("no used_memory field: the paste lacks the Memory section or was cut short");
        } else if (dump.bytes("used_memory_rss").isEmpty()) {
            if (dump.text("used_memory_rss").isEmpty()) warnings.add("no used_memory_rss field: the Memory section was cut short");
        }
        if (sections.size() >= 2 && sections.get(0).equalsIgnoreCase("Server") && sections.stream().noneMatch("Keyspace"::equalsIgnoreCase)) {
            // INFO, INFO all and INFO everything all end with # Keyspace: a dump that stops before it was cut (head -N, a short paste).
            warnings.add("line " + reader.lineNumber() + ": the dump ends in its " + section
                    + " section without the # Keyspace section every full INFO ends with: cut short");
        }
        return new InfoDump(file, fields, keyspace, warnings);
    }

    /**
     * No running server has an RSS under 1 MiB (the executable alone maps more), so {@code used_memory_rss:12} beside
     * megabytes of used_memory is a value cut or damaged in the paste: left out with a warning rather than read
     * as swapping.
     */
    private static void implausibleRss(InfoDump dump, List<InfoField> fields, List<String> warnings) {
        java.util.OptionalLong rss = dump.bytes("used_memory_rss");
        java.util.OptionalLong used = dump.bytes("used_memory");
        if (rss.isEmpty() || used.isEmpty() || rss.getAsLong() >= MIN_PLAUSIBLE_RSS || used.getAsLong() < MIN_PLAUSIBLE_RSS) return;
        for (int i = fields.size() - 1; i >= 0; i--) {
            InfoField f = fields.get(i);
            if (f.name().equals("used_memory_rss")) {
                warnings.add("line " + f.line() + ": used_memory_rss " + f.value()
                        + " is below what any running server maps (1 MiB) beside used_memory " + used.getAsLong()
                        + ": a cut or damaged value, left out");
                fields.remove(i);
                return;
            }
        }
    }

    static final long MIN_PLAUSIBLE_RSS = 1L << 20;

    /** redis-cli in a terminal may show the reply as one quoted string: keep its inside. */
    private static String stripQuoting(String line) {
        if (line.length() >= 2 && line.charAt(0) == '"' && line.endsWith("\"")) return line.substring(1, line.length() - 1).strip();
        return line;
    }

    private static KeyspaceEntry keyspace(int db, String value) {
        long keys = -1, expires = 0, avgTtl = 0;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String k = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            if (!isLong(v)) continue;
            long n = Long.parseLong(v);
            switch (k) {
                case "keys" -> keys = n;
                case "expires" -> expires = n;
                case "avg_ttl" -> avgTtl = n;
                default -> { }
            }
        }
        return keys < 0 ? null : new KeyspaceEntry(db, keys, expires, avgTtl);
    }

    private static boolean isLong(String v) {
        if (v.isEmpty() || v.length() > 20) return false;
        try { Long.parseLong(v); return true; } catch (NumberFormatException e) { return false; }
    }

    private static String clip(String s) { return s.length() <= 40 ? s : s.substring(0, 40) + "…"; }
}
