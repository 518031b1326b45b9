package io.fragscope.source.memstats;

import io.fragscope.source.info.InfoDump;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pairs MEMORY STATS replies with the INFO dump of the same instance and time. Both print the same figures of
 * getMemoryOverheadData (object.c), so a pair is one where startup.allocated equals used_memory_startup, and
 * total.allocated and peak.allocated are within 2% (64 KiB at least) of used_memory and used_memory_peak: the two were
 * taken moments apart on one server. The peak is not required equal: on a server near its peak (an empty one) the reply
 * to the second command is itself a new peak (Valkey 9.1.2 just started: used_memory_peak 946,696, then peak.allocated
 * 969,248; test resources captures/valkey-9.1.2-empty). A reply without such a dump stands as a dump of its own.
 */
public final class MemoryStatsJoin {
    private MemoryStatsJoin() {}

    /** @param note per reply, in order: the INFO dump it joined, or why it stands alone */
    public record Result(List<InfoDump> dumps, List<String> notes) {}

    static final double TOLERANCE = 0.02;
    static final long MIN_TOLERANCE_BYTES = 64 * 1024;

    public static Result join(List<InfoDump> dumps, List<MemoryStats> replies) {
        List<InfoDump> out = new ArrayList<>(dumps);
        List<String> notes = new ArrayList<>();
        for (MemoryStats s : replies) {
            int best = -1;
            long bestGap = Long.MAX_VALUE;
            for (int i = 0; i < out.size(); i++) {
                long gap = gap(out.get(i), s);
                if (gap < bestGap) { bestGap = gap; best = i; }
            }
            if (best >= 0) {
                InfoDump info = out.get(best);
                out.set(best, s.joinedTo(info));
                notes.add(joined(info, bestGap));
            } else {
                out.add(s.asInfoDump());
                notes.add(ALONE);
            }
        }
        return new Result(out, notes);
    }

    /** Distance in bytes of used_memory, or MAX_VALUE when the two cannot be one instance at one time. */
    static long gap(InfoDump info, MemoryStats s) {
        if (info.fields().stream().anyMatch(f -> f.section().equals("Memory stats"))) return Long.MAX_VALUE; // one reply per dump
        if (!same(info.bytes("used_memory_startup"), s.bytes("startup.allocated"))) return Long.MAX_VALUE;
        OptionalLong used = info.bytes("used_memory"), total = s.bytes("total.allocated");
        OptionalLong peak = info.bytes("used_memory_peak"), replyPeak = s.bytes("peak.allocated");
        if (used.isEmpty() || total.isEmpty() || peak.isEmpty() || replyPeak.isEmpty()) return Long.MAX_VALUE;
        double tolerance = Math.max(MIN_TOLERANCE_BYTES, used.getAsLong() * TOLERANCE);
        if (Math.abs(peak.getAsLong() - replyPeak.getAsLong()) > tolerance) return Long.MAX_VALUE;
        long gap = Math.abs(used.getAsLong() - total.getAsLong());
        return gap <= tolerance ? gap : Long.MAX_VALUE;
    }

    /** The note of a reply that joined {@code info}, {@code gap} bytes of used_memory apart. */
    private static String joined(InfoDump info, long gap) {
        return "joined to the INFO dump " + info.source() + " (same startup memory, peak and used_memory "
                + (gap == 0 ? "equal" : "within " + gap + " bytes") + ")";
    }

    /** The note of a reply no dump took. */
    private static final String ALONE =
            "with no INFO dump of the same instance and time: analysed on its own, used_memory_rss = total.allocated + fragmentation.bytes";

    private static boolean same(OptionalLong a, OptionalLong b) {
        return a.isPresent() && b.isPresent() && a.getAsLong() == b.getAsLong();
    }

    /**
     * The same pairing for dumps that stream by one at a time (a cron series is never held whole): each dump is
     * offered once and comes back joined to the first reply of its instance and time; replies never paired stand
     * as dumps of their own at the end.
     */
    public static final class Stream {
        private final List<MemoryStats> replies;
        private final String[] notes;

        public Stream(List<MemoryStats> replies) {
            this.replies = List.copyOf(replies);
            this.notes = new String[replies.size()];
        }

        public InfoDump offer(InfoDump dump) {
            for (int i = 0; i < replies.size(); i++) {
                if (notes[i] != null) continue;
                long gap = gap(dump, replies.get(i));
                if (gap == Long.MAX_VALUE) continue;
                notes[i] = joined(dump, gap);
                return replies.get(i).joinedTo(dump);
            }
            return dump;
        }

        /** The replies no dump took, as dumps of their own; call once, after the last offer. */
        public List<InfoDump> leftovers() {
            List<InfoDump> out = new ArrayList<>();
            for (int i = 0; i < replies.size(); i++) {
                if (notes[i] != null) continue;
                notes[i] = ALONE;
                out.add(replies.get(i).asInfoDump());
            }
            return out;
        }

        /** Per reply, in order: the dump it joined, or why it stands alone. */
        public List<String> notes() { return java.util.Arrays.asList(notes.clone()); }
    }
}
