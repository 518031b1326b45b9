package io.fragscope.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/** What a file holds, decided from its first bytes, never from its name. */
public enum InputKind {
    INFO, RDB, LISTING, MEMORY_STATS, MEMORY_DOCTOR, MALLOC_STATS, BIGKEYS, UNKNOWN;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    static final int SNIFF_BYTES = 64 * 1024;
    /**
     * An INFO line behind any prefix (log, compose, quote …), or in space-aligned columns. The field ends its line (its
     * value has no space; markdown's {@code |*_`} may close it): prose that names a field in passing ("keeps
     * {@code redis_version:7.2.4} (a fixed value)", a README, a ticket's notes) is not a paste.
     */
    private static final Pattern INFO_LINE = Pattern.compile(
            "(?m)^.{0,120}?(?:#\\s*(?:Server|Memory|Clients|Keyspace|Stats)[*_`]*\\s*$|(?<![A-Za-z0-9_])(?:redis_version|valkey_version"
                    + "|dragonfly_version|used_memory|used_memory_rss|used_memory_peak|used_memory_overhead|mem_fragmentation_ratio"
                    + "|mem_fragmentation_bytes|allocator_allocated|allocator_active|mem_allocator|maxmemory_policy)[*_`]*[ \\t]*:[ \\t]*[^\\s|]*[ \\t|*_`]*\\r?$)"
                    + "|(?m)^\\s*(?:used_memory|used_memory_rss|mem_fragmentation_ratio)\\s{2,}\\S");
    /** object.c memoryCommand "stats": its first two entries, in any of redis-cli's forms. */
    private static final Pattern MEMORY_STATS_TEXT = Pattern.compile("peak\\.allocated[\\s\\S]{0,400}?total\\.allocated");
    /** object.c getMemoryDoctorReport: every report addresses Sam. */
    private static final Pattern DOCTOR_TEXT = Pattern.compile("(?:Hi )?Sam, (?:I detected a few issues|I can't find any memory issue|this instance is empty)");
    /** jemalloc's malloc_stats_print, or a build without it answering MEMORY MALLOC-STATS. */
    private static final Pattern MALLOC_TEXT = Pattern.compile("___ Begin jemalloc statistics ___|Stats not supported for the current allocator");
    /** redis-cli --bigkeys / --memkeys / --keystats. */
    private static final Pattern BIGKEYS_TEXT = Pattern.compile("# Scanning the entire keyspace to find (?:the )?biggest keys|-------- summary -------"
            + "|Biggest +\\w+ found (?:so far )?'");

    /** Reads at most 64 KiB of {@code file}. */
    public static InputKind detect(Path file, ListingSniffer listings) throws IOException {
        return detect(InputSource.of(file), listings);
    }

    /** Reads at most 64 KiB of {@code input}. */
    public static InputKind detect(InputSource input, ListingSniffer listings) throws IOException {
        byte[] head;
        try (InputStream in = input.open()) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        return detect(head, listings);
    }

    /** The first 3 to 8 bytes of {@code REDIS0012}, or 3 to 9 of {@code VALKEY080}, and nothing after them. */
    private static final Pattern CUT_MAGIC = Pattern.compile("RED(?:I(?:S\\d{0,3})?)?|VAL(?:K(?:E(?:Y\\d{0,3})?)?)?");

    public static InputKind detect(byte[] bytes, ListingSniffer listings) {
        byte[] head = Utf16Text.head(bytes);
        if (head.length >= 9 && startsWith(head, "REDIS") && digits(head, 5, 9)) return RDB;
        if (head.length >= 10 && startsWith(head, "VALKEY") && digits(head, 6, 9)) return RDB;
        // A whole file shorter than a magic that starts as one: an RDB cut within its first bytes, for the reader to say so.
        if (CUT_MAGIC.matcher(new String(head, StandardCharsets.ISO_8859_1)).matches()) return RDB;
        if (looksBinary(head)) return UNKNOWN;
        String text = new String(head, 0, head.length, StandardCharsets.UTF_8);
        if (MALLOC_TEXT.matcher(text).find()) return MALLOC_STATS;
        if (DOCTOR_TEXT.matcher(text).find()) return MEMORY_DOCTOR;
        if (BIGKEYS_TEXT.matcher(text).find()) return BIGKEYS;
        if (MEMORY_STATS_TEXT.matcher(text).find() && !text.contains("used_memory:")) return MEMORY_STATS;
        if (listings.sniff(head)) return LISTING;
        if (INFO_LINE.matcher(text).find()) return INFO;
        return UNKNOWN;
    }

    /** Decides whether a file head is a key-size listing; implemented by the listing readers. */
    @FunctionalInterface
    public interface ListingSniffer {
        boolean sniff(byte[] head);
    }

    private static boolean startsWith(byte[] b, String s) {
        return Arrays.equals(b, 0, s.length(), s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
    }

    private static boolean digits(byte[] b, int from, int to) {
        for (int i = from; i < to && i < b.length; i++) if (b[i] < '0' || b[i] > '9') return false;
        return true;
    }

    private static boolean looksBinary(byte[] head) {
        int n = Math.min(head.length, 4096), nul = 0;
        for (int i = 0; i < n; i++) if (head[i] == 0) nul++;
        return nul > 0;
    }
}
