package io.fragscope.analysis.dataset;

import io.fragscope.analysis.KeyCost;
import io.fragscope.source.listing.ListingRow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type and encoding labels of a listing that the reports do not print as written, with how many keys had each:
 * a module's type name printed as {@code module}, a peer tool's alias printed by the Redis name it stands for
 * ({@code quicklist2} as {@code quicklist}), a label fragscope does not know printed as {@code unknown} or left empty
 * ({@link io.fragscope.model.KeyType#ofListed}, {@link io.fragscope.model.Encoding#ofListed}). The input's note lists
 * them, so nothing a listing says is dropped unsaid. Bounded: {@link #MAX_LABELS} distinct labels, each clipped.
 */
final class ListedLabels {
    static final int MAX_LABELS = 12;
    private static final int MAX_LABEL_CHARS = 40;

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private long foldedKeys;

    /** Counts {@code row}'s labels that {@code cost} does not print as the row wrote them. */
    void add(ListingRow row, KeyCost cost) {
        check("type", row.type(), cost.type().redisName());
        check("encoding", row.encoding(), cost.encoding().redisName());
    }

    private void check(String what, String label, String printed) {
        if (label == null || label.isEmpty() || label.equals(printed) || label.strip().equalsIgnoreCase(printed)) return;
        String clipped = label.length() <= MAX_LABEL_CHARS ? label : label.substring(0, MAX_LABEL_CHARS) + "…";
        String id = what + " '" + clipped + "' " + (printed.isEmpty() ? "left empty" : "as " + printed);
        long[] n = counts.get(id);
        if (n == null && counts.size() < MAX_LABELS) counts.put(id, n = new long[1]);
        if (n == null) foldedKeys++;
        else n[0]++;
    }

    /** "listed labels not printed as written: type 'rejson-rl' as module (12 keys); …", or "" when none. */
    String note() {
        if (counts.isEmpty()) return "";
        StringBuilder s = new StringBuilder("listed labels not printed as written: ");
        String sep = "";
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            s.append(sep).append(e.getKey()).append(" (").append(e.getValue()[0]).append(e.getValue()[0] == 1 ? " key)" : " keys)");
            sep = "; ";
        }
        if (foldedKeys > 0) s.append("; other labels (").append(foldedKeys).append(foldedKeys == 1 ? " key)" : " keys)");
        return s.toString();
    }
}
