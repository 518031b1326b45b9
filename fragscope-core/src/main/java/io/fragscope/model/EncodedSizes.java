package io.fragscope.model;

/**
 * Byte sizes of entries in Redis's compact encodings, for re-encoding elements an RDB file stores in an
 * older form (a ziplist that the modelled version keeps as a listpack, a hashtable set small enough for
 * an intset). Sources: src/listpack.c (lpEncodeGetType, lpEncodeBacklen), src/ziplist.c, src/intset.c.
 */
public final class EncodedSizes {
    private EncodedSizes() {}

    public static final int LISTPACK_HEADER_AND_END = 7;
    public static final int ZIPLIST_HEADER_AND_END = 11;

    /** One listpack entry: encoding, data and back-length. Strings that parse as integers are stored as integers. */
    public static long listpackEntry(long length, boolean integer, long value) {
        long encAndData;
        if (integer) {
            if (value >= 0 && value <= 127) encAndData = 1;
            else if (value >= -4096 && value <= 4095) encAndData = 2;
            else if (value >= -32768 && value <= 32767) encAndData = 3;
            else if (value >= -8388608 && value <= 8388607) encAndData = 4;
            else if (value >= -2147483648L && value <= 2147483647L) encAndData = 5;
            else encAndData = 9;
        } else if (length < 64) encAndData = 1 + length;
        else if (length < 4096) encAndData = 2 + length;
        else encAndData = 5 + length;
        return encAndData + backlen(encAndData);
    }

    static long backlen(long l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    /** One ziplist entry after an entry of {@code prevLen} bytes: prevlen field, encoding, data. */
    public static long ziplistEntry(long prevLen, long length, boolean integer, long value) {
        long prev = prevLen < 254 ? 1 : 5;
        long enc;
        if (integer) {
            if (value >= 0 && value <= 12) enc = 1;
            else if (value >= -128 && value <= 127) enc = 2;
            else if (value >= -32768 && value <= 32767) enc = 3;
            else if (value >= -8388608 && value <= 8388607) enc = 4;
            else if (value >= -2147483648L && value <= 2147483647L) enc = 5;
            else enc = 9;
            return prev + enc;
        }
        enc = length < 64 ? 1 : length < 16384 ? 2 : 5;
        return prev + enc + length;
    }

    /** Width of the narrowest intset encoding holding {@code value}. */
    public static int intsetWidth(long value) {
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) return 2;
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) return 4;
        return 8;
    }

    /**
     * Decimal text of a score as {@code d2string} writes it for a listpack/ziplist zset (%.17g, integral
     * values as integers); only its length and integer-ness matter here.
     */
    public static String scoreText(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e17) return Long.toString((long) d);
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(17));
        String s = b.stripTrailingZeros().toPlainString();
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= 17) s = String.format(java.util.Locale.ROOT, "%.16e", d);
        return s;
    }
}
