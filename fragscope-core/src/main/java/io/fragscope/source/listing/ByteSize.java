package io.fragscope.source.listing;

/**
 * Parses a size cell: a plain byte count ({@code 4096}) or a unit-formatted one as listing tools
 * print them ({@code 12 B}, {@code 92.4kB}, {@code 1.2MB}, {@code 2.5K}, {@code 3MiB}).
 *
 * <p>The tools disagree on what "k" means, so the caller says: redis-rdb-cli's
 * {@code Strings.pretty} uses SI units (1000, "kMGTPE", {@code "%.1f%sB"}), HDT3213/rdb's
 * {@code FormatSize} uses 1024 ("KMGTPE", no "B"). An {@code iB} suffix is always 1024. A decimal
 * comma ({@code 92,4kB}, what {@code String.format} prints in a German locale) is accepted.
 * Unit-formatted sizes are rounded by the writer: "92.4kB" only says 92350..92449 bytes.
 */
public final class ByteSize {
    private static final String PREFIXES = "KMGTPE";

    private ByteSize() {}

    /**
     * @param text     the cell, already trimmed of quotes
     * @param kiloBase 1000 or 1024: what a bare {@code k}/{@code K} prefix means
     * @throws IllegalArgumentException with a one-line reason when the text is not a size
     */
    public static long parse(String text, int kiloBase) {
        String s = text.strip();
        int n = s.length();
        if (n == 0) throw new IllegalArgumentException("empty size");
        if (allDigits(s, 0, n)) {
            if (n > 18) throw new IllegalArgumentException("size '" + clip(s) + "' is too large");
            return Long.parseLong(s);
        }
        int i = 0;
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ',')) i++;
        if (i == 0 || i > 24) throw new IllegalArgumentException("'" + clip(s) + "' is not a byte size");
        double value;
        try {
            value = Double.parseDouble(s.substring(0, i).replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + clip(s) + "' is not a byte size");
        }
        String unit = s.substring(i).strip();
        long multiplier = multiplier(unit, kiloBase, s);
        double bytes = value * multiplier;
        if (!(bytes < 9.0e18)) throw new IllegalArgumentException("size '" + clip(s) + "' is too large");
        return Math.round(bytes);
    }

    private static long multiplier(String unit, int kiloBase, String whole) {
        if (unit.isEmpty() || unit.equalsIgnoreCase("b") || unit.equalsIgnoreCase("bytes")) return 1;
        int p = PREFIXES.indexOf(Character.toUpperCase(unit.charAt(0)));
        String rest = unit.substring(1);
        boolean binary = rest.equalsIgnoreCase("ib");
        if (p < 0 || !(rest.isEmpty() || rest.equalsIgnoreCase("b") || binary)) {
            throw new IllegalArgumentException("unknown unit '" + clip(unit) + "' in size '" + clip(whole) + "'");
        }
        long base = binary ? 1024 : kiloBase;
        long m = 1;
        for (int k = 0; k <= p; k++) m *= base;
        return m;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) if (!isDigit(s.charAt(i))) return false;
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A cell for an error message: at most 40 bytes, control and non-ASCII bytes as \xNN. */
    static String clip(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String shown = io.fragscope.source.KeyName.escape(b, 0, Math.min(b.length, 40));
        return b.length <= 40 ? shown : shown + "…";
    }
}
