package io.fragscope.analysis;

/** A byte count as a message argument, so each language renders it with units ("12.3 MiB"). */
public record Bytes(long value) {

    public static String human(long v) {
        long a = Math.abs(v);
        if (a < 1024) return v + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double d = v;
        int u = -1;
        while (Math.abs(d) >= 1024 && u < units.length - 1) { d /= 1024; u++; }
        // 1023.96 KiB would print as "1024 KiB": show it as the next unit, as redis-cli does.
        if (Math.abs(d) >= 1023.5 && u < units.length - 1) { d /= 1024; u++; }
        return String.format(java.util.Locale.ROOT, Math.abs(d) >= 100 ? "%.0f %s" : "%.1f %s", d, units[u]);
    }

    @Override public String toString() { return human(value); }
}
