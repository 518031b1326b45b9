package io.fragscope.source;

/**
 * Hard limits every reader checks before it allocates or loops on a length the input merely claims. An error names
 * the limit that stopped the read by the name {@code naming} gives it: the library's setting
 * ({@code ReadLimits.maxKeyBytes}) by default; a front end names its own option instead (the CLI: {@code --max-key-bytes}).
 *
 * @param maxLineBytes    longest text line (INFO, listings), bytes
 * @param maxKeyBytes     longest key name, bytes
 * @param maxElementBytes longest single string value or element, bytes
 * @param maxNesting      deepest nesting a reader follows
 * @param naming          how an error names a limit
 * @param sanitizeBlobs   how deep the RDB reader checks listpacks, ziplists and intsets. false (the default): one whose
 *                        entries no model needs is checked by its header (length, count, end byte) and skipped, as a
 *                        loading server checks it with sanitize-dump-payload at its default, no; the file's CRC64
 *                        covers its bytes. true: every one is decoded and walked entry by entry, as redis-check-rdb
 *                        and sanitize-dump-payload yes do (rdb.c rdbLoadObject with deep integrity validation), so a
 *                        blob damaged inside is reported with its key and offset; slower
 */
public record ReadLimits(long maxLineBytes, long maxKeyBytes, long maxElementBytes, int maxNesting, Naming naming, boolean sanitizeBlobs) {

    /** The limits, by the name of their setting in this record. */
    public enum Limit {
        LINE_BYTES("maxLineBytes"), KEY_BYTES("maxKeyBytes"), ELEMENT_BYTES("maxElementBytes"), NESTING("maxNesting");

        private final String setting;

        Limit(String setting) { this.setting = setting; }

        public String setting() { return setting; }
    }

    /** How an error names a limit: the library's setting, or a front end's option. */
    @FunctionalInterface
    public interface Naming {
        String name(Limit limit);
    }

    /** The library's own names: {@code ReadLimits.maxKeyBytes}. */
    public static final Naming SETTINGS = l -> "ReadLimits." + l.setting();

    /** Redis's own ceilings: proto-max-bulk-len is 512 MB, keys are strings like any other. */
    public static final ReadLimits DEFAULTS = new ReadLimits(1L << 20, 512L << 20, 4L << 30, 64);

    public ReadLimits {
        if (maxLineBytes <= 0 || maxKeyBytes <= 0 || maxElementBytes <= 0 || maxNesting <= 0) {
            throw new IllegalArgumentException("read limits must be positive");
        }
        if (naming == null) naming = SETTINGS;
    }

    public ReadLimits(long maxLineBytes, long maxKeyBytes, long maxElementBytes, int maxNesting) {
        this(maxLineBytes, maxKeyBytes, maxElementBytes, maxNesting, SETTINGS);
    }

    public ReadLimits(long maxLineBytes, long maxKeyBytes, long maxElementBytes, int maxNesting, Naming naming) {
        this(maxLineBytes, maxKeyBytes, maxElementBytes, maxNesting, naming, false);
    }

    /** The same limits, named by {@code n} in errors. */
    public ReadLimits namedBy(Naming n) { return new ReadLimits(maxLineBytes, maxKeyBytes, maxElementBytes, maxNesting, n, sanitizeBlobs); }

    /** The same limits, checking blobs entry by entry ({@code true}) or by their headers ({@link #sanitizeBlobs}). */
    public ReadLimits sanitizingBlobs(boolean on) { return new ReadLimits(maxLineBytes, maxKeyBytes, maxElementBytes, maxNesting, naming, on); }

    public long value(Limit l) {
        return switch (l) {
            case LINE_BYTES -> maxLineBytes;
            case KEY_BYTES -> maxKeyBytes;
            case ELEMENT_BYTES -> maxElementBytes;
            case NESTING -> maxNesting;
        };
    }

    /** Message fragment for an exceeded limit: "key of 600000000 bytes exceeds ReadLimits.maxKeyBytes=536870912 (raise it with …)". */
    public String exceeded(String what, long actual, Limit l) {
        String name = naming.name(l);
        return what + " of " + actual + " bytes exceeds " + name + "=" + value(l) + " (raise it with " + name + ")";
    }

    /** As {@link #exceeded}, for a length read only up to the limit: "line longer than --max-line-bytes=1048576 (…)". */
    public String exceededAtLeast(String what, Limit l) {
        String name = naming.name(l);
        return what + " longer than " + name + "=" + value(l) + " (raise it with " + name + ")";
    }
}
