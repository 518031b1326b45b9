package io.fragscope.source;

/**
 * Hard limits every reader checks before it allocates or loops on a length the input merely
 * claims. Each limit names the command-line option that raises it, so an error can say how.
 *
 * @param maxLineBytes    longest text line (INFO, listings) — {@code --max-line-bytes}
 * @param maxKeyBytes     longest key name — {@code --max-key-bytes}
 * @param maxElementBytes longest single string value or element — {@code --max-element-bytes}
 * @param maxNesting      deepest nesting a reader follows — {@code --max-nesting}
 */
public record ReadLimits(long maxLineBytes, long maxKeyBytes, long maxElementBytes, int maxNesting) {

    /** Redis's own ceilings: proto-max-bulk-len is 512 MB, keys are strings like any other. */
    public static final ReadLimits DEFAULTS = new ReadLimits(1L << 20, 512L << 20, 4L << 30, 64);

    public ReadLimits {
        if (maxLineBytes <= 0 || maxKeyBytes <= 0 || maxElementBytes <= 0 || maxNesting <= 0) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    /** Message fragment for an exceeded limit: "key of 600000000 bytes exceeds --max-key-bytes=536870912". */
    public static String exceeded(String what, long actual, String option, long limit) {
        return what + " of " + actual + " bytes exceeds " + option + "=" + limit + " (raise it with " + option + ")";
    }
}
