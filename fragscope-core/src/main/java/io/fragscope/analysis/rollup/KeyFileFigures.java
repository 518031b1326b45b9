package io.fragscope.analysis.rollup;

import io.fragscope.analysis.dataset.DatasetSummary;
import io.fragscope.analysis.keys.Totals;
import io.fragscope.analysis.where.WhereSummary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the roll-up takes from one key file (an RDB file or a listing): its totals, the cluster slots that hold its
 * keys and its heaviest hash tags. Of each shard the roll-up keeps one key file: an RDB before a listing (an RDB is
 * priced exactly), then the latest {@code capturedAtMs}, then the greatest path.
 *
 * <p>A front end that reads the figures back from tables meets them in pieces (the totals in one table, the slots and
 * tags in others): each piece is a {@code KeyFileFigures} of the same path, and {@link FleetRollup} joins them.
 *
 * @param rdb                 an RDB file (else a listing)
 * @param capturedAtMs        when the file was written ({@link #capturedAtMs(DatasetSummary, long)}), epoch ms
 * @param hasTotals           whether {@code keys} … {@code estimatedUsedMemory} are known (false for a slots-only piece)
 * @param keys                keys read
 * @param allocatedBytes      bytes the allocator hands out for them (the model's price)
 * @param roundingWasteBytes  allocated − requested: the size-class rounding
 * @param estimatedUsedMemory what used_memory grows by when the file is loaded, null when unknown
 * @param slots               cluster slots holding keys, ascending (src/cluster.c keyHashSlot)
 * @param slotKeys            keys per slot of {@code slots}
 * @param slotBytes           allocated bytes per slot of {@code slots}
 * @param tags                the heaviest hash tags, at most {@link #TAGS_KEPT}, heaviest first
 */
public record KeyFileFigures(FleetPlacement placement, String path, long capturedAtMs, boolean rdb, boolean hasTotals, long keys,
                             long allocatedBytes, long roundingWasteBytes, Long estimatedUsedMemory, int[] slots, long[] slotKeys,
                             long[] slotBytes, List<TagFigures> tags) implements Serializable {

    /** Hash tags kept per file: the roll-up shows the heaviest ten of a cluster, and a tag lives in one shard. */
    public static final int TAGS_KEPT = 10;

    public KeyFileFigures {
        tags = List.copyOf(tags);
    }

    /**
     * A hash tag of a file.
     *
     * @param tag   the tag, escaped as key names are (the text between the first '{' and the next '}')
     * @param keys  keys carrying it
     * @param bytes their allocated bytes
     */
    public record TagFigures(String tag, long keys, long bytes) implements Serializable {}

    /** When a key file was written: its own clock (an RDB's ctime, a listing's modification time), else the file's. */
    public static long capturedAtMs(DatasetSummary s, long modifiedMs) {
        return s.writtenAtSeconds() > 0 ? s.writtenAtSeconds() * 1000 : modifiedMs;
    }

    /**
     * The figures of a key file as the core analysed it; {@code where} null for a listing (no slots, no tags). A file of
     * an instance whose INFO says {@code cluster_enabled:0} brings no slots: a standalone server has none, and its keys
     * would make the roll-up's slot skew of a fleet (and of a standalone "cluster") a figure of nothing.
     */
    public static KeyFileFigures of(FleetPlacement placement, String path, long capturedAtMs, boolean rdb, DatasetSummary s,
                                    WhereSummary where) {
        Totals t = s.keys().totals();
        WhereSummary.Slots s0 = where == null || !countsSlots(s.clusterEnabled()) ? WhereSummary.Slots.NONE : where.slots();
        int[] slots = new int[s0.size()];
        long[] keys = new long[s0.size()], bytes = new long[s0.size()];
        for (int i = 0; i < s0.size(); i++) {
            slots[i] = s0.slot(i);
            keys[i] = s0.keys(i);
            bytes[i] = s0.bytes(i);
        }
        List<TagFigures> tags = new ArrayList<>();
        if (where != null) {
            for (WhereSummary.Tag tag : where.hashTags()) {
                if (tags.size() == TAGS_KEPT) break;
                tags.add(new TagFigures(tag.tag(), tag.keys(), tag.bytes()));
            }
        }
        return new KeyFileFigures(placement, path, capturedAtMs, rdb, true, t.keys(), t.allocatedBytes(), t.roundingWasteBytes(),
                s.estimatedUsedMemory() < 0 ? null : s.estimatedUsedMemory(), slots, keys, bytes, tags);
    }

    /**
     * Whether a file's slots count in a roll-up, by its instance's {@code cluster_enabled} (null when no dump says: a
     * 7.4+ cluster's RDB cannot be told from a standalone one's before its keys are read, so unknown counts). The fleet
     * job's roll-up filters its slots table by the same rule ({@code RollupStage}).
     */
    public static boolean countsSlots(Boolean clusterEnabled) {
        return !Boolean.FALSE.equals(clusterEnabled);
    }

    /** The totals piece of a file read back from a table. */
    public static KeyFileFigures totals(FleetPlacement placement, String path, long capturedAtMs, boolean rdb, long keys,
                                        long allocatedBytes, long roundingWasteBytes, Long estimatedUsedMemory) {
        return new KeyFileFigures(placement, path, capturedAtMs, rdb, true, keys, allocatedBytes, roundingWasteBytes,
                estimatedUsedMemory, new int[0], new long[0], new long[0], List.of());
    }

    /** A slot piece of an RDB file read back from a table. */
    public static KeyFileFigures slot(FleetPlacement placement, String path, long capturedAtMs, int slot, long keys, long bytes) {
        return new KeyFileFigures(placement, path, capturedAtMs, true, false, 0, 0, 0, null, new int[] {slot}, new long[] {keys},
                new long[] {bytes}, List.of());
    }

    /** A hash-tag piece of an RDB file read back from a table. */
    public static KeyFileFigures tag(FleetPlacement placement, String path, long capturedAtMs, TagFigures tag) {
        return new KeyFileFigures(placement, path, capturedAtMs, true, false, 0, 0, 0, null, new int[0], new long[0], new long[0],
                List.of(tag));
    }

    /** Whether this file is preferred to {@code o} as its shard's key file. */
    boolean preferredTo(KeyFileFigures o) {
        if (rdb != o.rdb) return rdb;
        return capturedAtMs != o.capturedAtMs ? capturedAtMs > o.capturedAtMs : path.compareTo(o.path) > 0;
    }

    /** These figures without the slots: the piece a shard's candidates are chosen by ({@link FleetRollup#chosenKeyFiles()}). */
    public KeyFileFigures withoutSlots() {
        return new KeyFileFigures(placement, path, capturedAtMs, rdb, hasTotals, keys, allocatedBytes, roundingWasteBytes,
                estimatedUsedMemory, new int[0], new long[0], new long[0], tags);
    }

    /** The slots alone, as a piece of the same file: added after {@link #withoutSlots()}, it adds nothing else. */
    public KeyFileFigures slotsOnly() {
        return new KeyFileFigures(placement, path, capturedAtMs, rdb, false, 0, 0, 0, null, slots, slotKeys, slotBytes, List.of());
    }

    /**
     * Two pieces of the same file as one: totals from whichever has them, tags of both. Slots are not joined: the
     * roll-up sums them into its cluster's as each piece comes ({@link FleetRollup#add(KeyFileFigures)}).
     */
    KeyFileFigures join(KeyFileFigures o) {
        KeyFileFigures t = hasTotals ? this : o;
        List<TagFigures> all = new ArrayList<>(tags);
        all.addAll(o.tags);
        all.sort(FleetRollup.HEAVIEST_TAG);
        return new KeyFileFigures(placement, path, capturedAtMs, rdb || o.rdb, t.hasTotals, t.keys, t.allocatedBytes,
                t.roundingWasteBytes, t.estimatedUsedMemory, new int[0], new long[0], new long[0],
                all.subList(0, Math.min(TAGS_KEPT, all.size())));
    }
}
