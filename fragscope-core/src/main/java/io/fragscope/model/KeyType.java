package io.fragscope.model;

/**
 * A key's type as Redis's {@code TYPE} command names it (server.c / db.c typeCommand → getObjectTypeByType), carried
 * as a constant from the reader to the report and turned into text only there ({@link #redisName()}).
 *
 * <p>The constants are declared in the order of their Redis names, so the enum's natural order (an {@code EnumMap}'s,
 * a sort) is the alphabetical order the reports list types in.
 */
public enum KeyType {
    /** Not known: a listing without a type column, an empty cell, or a label that is neither a Redis type nor a module type name. */
    UNKNOWN(""),
    HASH("hash"),
    LIST("list"),
    /**
     * A module's value (RDB type MODULE_2). {@code TYPE} prints the module's own 9-character type name
     * ({@code ReJSON-RL}); fragscope prints {@code module} for all of them, as the RDB path always has.
     */
    MODULE("module"),
    SET("set"),
    STREAM("stream"),
    STRING("string"),
    /** Redis 8's vector sets (modules/vector-sets, a module type built in): {@code TYPE} prints {@code vectorset}. */
    VECTORSET("vectorset"),
    ZSET("zset");

    private static final KeyType[] VALUES = values();
    private static final String MODULE_TYPE_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final String redisName;

    KeyType(String redisName) { this.redisName = redisName; }

    /** The name {@code TYPE} prints ({@code string}, {@code zset}, …); {@code ""} for {@link #UNKNOWN}. */
    public String redisName() { return redisName; }

    /**
     * The type a listing's cell names: a Redis type name (any case); a module type name, which {@code TYPE} prints for a
     * module's key (9 characters of module.c's ModuleTypeNameCharSet, such as {@code ReJSON-RL} or {@code MBbloom--}),
     * or {@code module} as fragscope's own keys.csv writes it, is {@link #MODULE}; anything else, and null or empty, is
     * {@link #UNKNOWN}. Aliases of other tools ({@code sortedset}) are resolved by the listing reader before this.
     */
    public static KeyType ofListed(String label) {
        if (label == null) return UNKNOWN;
        String s = label.strip();
        if (s.isEmpty()) return UNKNOWN;
        for (KeyType t : VALUES) if (t != UNKNOWN && t.redisName.equalsIgnoreCase(s)) return t;
        return isModuleTypeName(s) ? MODULE : UNKNOWN;
    }

    /** module.c moduleTypeEncodeId: a module type name is exactly 9 characters of ModuleTypeNameCharSet. */
    static boolean isModuleTypeName(String s) {
        if (s.length() != 9) return false;
        for (int i = 0; i < 9; i++) if (MODULE_TYPE_NAME_CHARS.indexOf(s.charAt(i)) < 0) return false;
        return true;
    }
}
