package io.fragscope.source;

/**
 * The library's settings that its messages name (besides the read limits, {@link ReadLimits.Limit}). A message names a
 * setting by the name a {@link Naming} gives it: the library's own ({@link #LIBRARY}: where a caller sets it, such as
 * {@code AnalysisRequest.ModelOptions.allocator}); a front end gives its own option instead (the CLI: {@code --allocator}).
 */
public enum Setting {
    ALLOCATOR("AnalysisRequest.ModelOptions.allocator"),
    REDIS_VERSION("AnalysisRequest.ModelOptions.redisVersion"),
    /** An encoding threshold as the server had it, by its redis.conf name. */
    CONFIG("AnalysisRequest.ModelOptions.configOverrides"),
    SINCE("AnalysisRequest.since"),
    LISTING_FORMAT("AnalysisRequest.KeyOptions.listingFormat"),
    LISTING_COLUMNS("AnalysisRequest.KeyOptions.listingColumns"),
    PREFIX_SEPARATORS("AnalysisRequest.KeyOptions.prefixSeparators"),
    PREFIX_DEPTH("AnalysisRequest.KeyOptions.prefixDepth"),
    TOP_N("AnalysisRequest.KeyOptions.topN"),
    /** Every listpack, ziplist and intset of an RDB walked entry by entry ({@link ReadLimits#sanitizeBlobs}). */
    SANITIZE_BLOBS("ReadLimits.sanitizeBlobs");

    private final String libraryName;

    Setting(String libraryName) { this.libraryName = libraryName; }

    /** Where a caller of the library sets it. */
    public String libraryName() { return libraryName; }

    /** How a message names a setting: the library's name, or a front end's option. */
    @FunctionalInterface
    public interface Naming {
        String name(Setting setting);
    }

    /** The library's own names: {@code AnalysisRequest.ModelOptions.allocator}. */
    public static final Naming LIBRARY = Setting::libraryName;

    /**
     * {@code template} with {@code {0}}, {@code {1}}, … replaced by the names {@code naming} gives {@code settings}
     * ("{0} takes NAME=VALUE" → "--config takes NAME=VALUE").
     */
    public static String text(Naming naming, String template, Setting... settings) {
        String s = template;
        for (int i = 0; i < settings.length; i++) s = s.replace("{" + i + "}", naming.name(settings[i]));
        return s;
    }
}
