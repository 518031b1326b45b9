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
    INFO, RDB, LISTING, UNKNOWN;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    static final int SNIFF_BYTES = 64 * 1024;
    private static final Pattern INFO_LINE = Pattern.compile(
            "(?m)^\\s*(?:\"?#\\s*(?:Server|Memory|Clients|Keyspace|Stats)\\s*$|\"?(?:redis_version|valkey_version|used_memory|used_memory_rss|mem_fragmentation_ratio)\\s?:)");

    /** Reads at most 64 KiB of {@code file}. */
    public static InputKind detect(Path file, ListingSniffer listings) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        return detect(head, listings);
    }

    public static InputKind detect(byte[] head, ListingSniffer listings) {
        if (head.length >= 9 && startsWith(head, "REDIS") && digits(head, 5, 9)) return RDB;
        if (head.length >= 10 && startsWith(head, "VALKEY") && digits(head, 6, 9)) return RDB;
        if (looksBinary(head)) return UNKNOWN;
        if (listings.sniff(head)) return LISTING;
        String text = new String(head, 0, head.length, StandardCharsets.UTF_8);
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
