package io.fragscope.analysis.dataset;

import io.fragscope.analysis.KeyCost;
import io.fragscope.model.Encoding;
import io.fragscope.model.KeyType;
import io.fragscope.analysis.KeyCostSink;
import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.analysis.keys.KeyAggregator;
import io.fragscope.source.KeyName;
import io.fragscope.source.bigkeys.KeyScanSummary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys a {@code redis-cli --bigkeys / --memkeys / --keystats} summary names (the biggest of each type, or
 * --keystats' top sizes) as a partial key listing: they reach the key tables (top keys, by type, by prefix, keys.csv)
 * and the dataset is marked incomplete, its note saying how many keys were sampled and that only these are named.
 * <ul>
 *   <li>--memkeys, and --keystats' "Top N key sizes", print MEMORY USAGE: taken as listed (requested = allocated =
 *       MEMORY USAGE, as a listing without a model);</li>
 *   <li>--bigkeys, and --keystats' lengths, print a count in the type's own unit (items, fields, members, a string's
 *       length): kept as the key's elements, with no bytes (0), since they say nothing of its memory.</li>
 *   <li>none says whether a key expires: every key's expiry is {@link KeyCost#TTL_NOT_KNOWN}.</li>
 * </ul>
 * redis-cli scans one database (0 unless {@code -n}) and does not say which: the keys are listed under db 0.
 */
public final class KeyScanDatasets {
    private KeyScanDatasets() {}

    public static DatasetOutcome analyze(KeyScanSummary k, AggregationOptions aggregation, KeyCostSink downstream) {
        boolean memoryTool = !k.tool().equals("--bigkeys");
        Map<String, KeyCost> keys = new LinkedHashMap<>();
        for (KeyScanSummary.Biggest b : k.biggest()) {
            KeyName name = KeyName.of(unquote(b.key()));
            String id = b.type() + '\u0000' + name.escaped();
            boolean memory = memoryTool && b.unit().equals("bytes");
            KeyCost had = keys.get(id);
            KeyType type = KeyType.ofListed(b.type()); // a module's type name stays in the note's type totals
            KeyCost c = memory
                    ? new KeyCost(0, name, type, Encoding.NONE, had == null ? 0 : had.elements(), b.size(), b.size(), 0, 0, b.size(), KeyCost.TTL_NOT_KNOWN,
                    KeyCost.Exactness.FROM_LISTING)
                    : had != null ? new KeyCost(0, name, type, Encoding.NONE, b.size(), had.requestedBytes(), had.allocatedBytes(), 0, 0,
                    had.memoryUsageBytes(), KeyCost.TTL_NOT_KNOWN, KeyCost.Exactness.FROM_LISTING)
                    : new KeyCost(0, name, type, Encoding.NONE, b.size(), 0, 0, 0, 0, 0, KeyCost.TTL_NOT_KNOWN, KeyCost.Exactness.FROM_LISTING);
            keys.put(id, c);
        }
        KeyAggregator agg = new KeyAggregator(aggregation);
        for (KeyCost c : keys.values()) {
            agg.accept(c);
            downstream.accept(c);
        }
        StringBuilder note = new StringBuilder("a partial key listing: redis-cli " + k.tool() + " names " + keys.size()
                + " keys of the " + (k.sampledKeys() < 0 ? "?" : String.valueOf(k.sampledKeys())) + " it sampled"
                + (memoryTool ? "" : ", with their lengths only (no bytes)"));
        for (KeyScanSummary.TypeTotal t : k.types()) {
            if (t.keys() > 0) note.append(String.format(Locale.ROOT, "; %d %s keys, %d %s", t.keys(), t.type(), t.size(), t.unit()));
        }
        for (String w : k.warnings()) note.append("; ").append(w);
        DatasetSummary s = new DatasetSummary("redis-cli " + k.tool() + " summary", "", "", "as redis-cli printed it", agg.summary(),
                -1, -1, List.of(), null, false, note.toString(), -1, null);
        return new DatasetOutcome(s, null);
    }

    /**
     * A key as redis-cli printed it, back to its bytes: the {@code '…'} findBigKeys wraps it in, and the {@code "…"} of
     * sdscatrepr with its escapes ({@code \n \r \t \a \b \\ \" \xHH}); an unquoted name is taken as printed (UTF-8).
     */
    static byte[] unquote(String printed) {
        String s = printed;
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) s = s.substring(1, s.length() - 1);
        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) return s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int end = s.length() - 1; // the closing quote
        for (int i = 1; i < end; i++) {
            int c = s.codePointAt(i);
            if (c != '\\' || i + 1 >= end) {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(c) - 1;
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'x' -> {
                    if (i + 2 < end && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                        i += 2;
                    } else {
                        out.write('\\');
                        out.write('x');
                    }
                }
                default -> { // \\ and \" (sdscatrepr escapes nothing else); anything else as printed
                    byte[] b = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                }
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) { return Character.digit(c, 16); }
}
