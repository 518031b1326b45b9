package io.fragscope.report;

/**
 * Makes untrusted text safe for a spreadsheet cell. A value starting with {@code = + - @}, tab or CR
 * would be read as a formula by Excel, LibreOffice or Sheets when a CSV is opened ("CSV injection"):
 * in CSV it gets a leading apostrophe (the convention spreadsheets themselves use for "text");
 * in XLSX it is written as a string cell with the quote-prefix style, so it shows unchanged and never runs.
 * Characters XML 1.0 forbids are rendered as {@code \xNN}; cells are cut at Excel's 32,767 characters.
 */
public final class CellText {
    public static final int MAX_CELL_CHARS = 32_767;
    static final String CUT_MARK = "…[cut]";

    private CellText() {}

    public static boolean looksLikeFormula(String s) {
        if (s == null || s.isEmpty()) return false;
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /**
     * Whether {@code s} is exactly the text of an integer a spreadsheet cell holds and shows whole: {@code 0}, or an
     * optional {@code -} and at most 15 digits without a leading zero. A cell is a double and Excel shows 15
     * significant digits, so a 16-digit {@code server_time_usec} is not one; nor are {@code 00000000}, {@code -0},
     * {@code +1}, {@code 1.0} or {@code 232B}, whose number would print differently from the value.
     */
    public static boolean exactInteger(String s) {
        return s != null && EXACT_INTEGER.matcher(s).matches();
    }

    private static final java.util.regex.Pattern EXACT_INTEGER = java.util.regex.Pattern.compile("0|-?[1-9][0-9]{0,14}");

    /** Formula-safe, and inert on a terminal that shows the file: control characters as {@code \xNN} (line feeds kept). */
    public static String forCsv(String s) {
        if (s == null) return "";
        s = io.fragscope.source.KeyName.escapeControls(s, true);
        return looksLikeFormula(s) ? "'" + s : s;
    }

    /** XML-safe and within the cell limit; formula neutralisation is the cell style's job. */
    public static String forXlsx(String s) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (!ok && sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (sb != null) {
                if (ok) sb.append(c);
                else sb.append(String.format("\\x%02x", (int) c & 0xff));
            }
        }
        String out = sb == null ? s : sb.toString();
        if (out.length() > MAX_CELL_CHARS) out = out.substring(0, MAX_CELL_CHARS - CUT_MARK.length()) + CUT_MARK;
        return out;
    }
}
