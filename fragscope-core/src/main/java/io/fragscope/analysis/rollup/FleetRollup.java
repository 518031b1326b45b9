package io.fragscope.analysis.rollup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roll-up of a fleet's files, built in pieces and merged: any front end adds what each file gave (its status,
 * its INFO dump's {@link DumpFigures}, its key file's {@link KeyFileFigures}) to an accumulator, in any order and on
 * any machine, merges the accumulators, and {@link #finish()}es once. Two accumulators merged give what one fed both
 * would, so {@code fragscope analyze} over a folder per shard and the Spark job over the same files give the same
 * roll-up by construction.
 *
 * <p>Bounded by the fleet's shape, not its data: per cluster, the latest dump of each instance, one key file per
 * shard with ten hash tags, and the cluster's slots summed over its shards as they are added ({@link SlotTable}: at
 * most 16,384 entries, whatever the number of shards), until the cluster is sealed ({@link #seal()}: a few figures).
 */
public final class FleetRollup implements Serializable {

    /** Instances and hash tags listed per scope. */
    public static final int LISTED = 10;
    /** The findings' floor ({@code tiny-instance}): below it a fragmentation ratio says nothing. */
    static final long TINY_USED_MEMORY = 5L << 20;

    static final Comparator<KeyFileFigures.TagFigures> HEAVIEST_TAG =
            Comparator.comparingLong(KeyFileFigures.TagFigures::bytes).reversed().thenComparing(KeyFileFigures.TagFigures::tag);

    private final TreeMap<String, ClusterParts> clusters = new TreeMap<>();

    private static final class ClusterParts implements Serializable {
        long files, failed, partial, inputBytes;
        final HashMap<String, DumpFigures> latestDump = new HashMap<>();      // by instance
        final HashMap<String, KeyFileFigures> keyFile = new HashMap<>();     // by shard, without slots
        final HashMap<String, String> slotsOf = new HashMap<>();             // by shard: the file whose slots were added
        SlotTable slots = new SlotTable();                                   // null once sealed
        SlotFigures sealed;                                                  // set by seal

        void add(DumpFigures d) {
            latestDump.merge(d.placement().instance(), d, (a, b) -> b.laterThan(a) ? b : a);
        }

        void add(String cluster, KeyFileFigures k) {
            if (k.slots().length > 0) {
                if (slots == null) throw new IllegalStateException("cluster " + cluster + ": slots of " + k.path() + " added after the cluster was sealed");
                slotsFrom(cluster, k.placement().shard(), k.path());
                slots.add(k.slots(), k.slotKeys(), k.slotBytes(), k.placement().shardName());
                k = k.withoutSlots();
            }
            String shard = k.placement().shard();
            KeyFileFigures kept = keyFile.merge(shard, k, (a, b) -> a.path().equals(b.path()) ? a.join(b) : b.preferredTo(a) ? b : a);
            if (slots == null && slotsOf.containsKey(shard) && !slotsOf.get(shard).equals(kept.path())) {
                throw new IllegalStateException("cluster " + cluster + ", shard " + shard + ": " + kept.path()
                        + " is preferred to the key file whose slots were sealed (" + slotsOf.get(shard) + ")");
            }
        }

        /** Records that a shard's slots come from {@code path}: one file per shard may bring them. */
        void slotsFrom(String cluster, String shard, String path) {
            String before = slotsOf.putIfAbsent(shard, path);
            if (before != null && !before.equals(path)) {
                throw new IllegalStateException("cluster " + cluster + ", shard " + shard + ": slots of two files (" + before + ", " + path
                        + "); add the slots of the shard's chosen key file only (FleetRollup.chosenKeyFiles)");
            }
        }

        void seal(String cluster) {
            if (slots == null) return;
            checkSlotsOfChosen(cluster);
            sealed = slots.figures(cluster);
            slots = null;
        }

        /** Takes {@code p}'s slots: both open, the tables add; one sealed, the other must bring none. */
        void mergeSlots(String cluster, ClusterParts p) {
            if (p.slots != null && slots != null) {
                slots.addAll(p.slots);
            } else if (p.slots == null && slots == null) {
                if (p.sealed.used() > 0 && sealed.used() > 0) throw new IllegalStateException("cluster " + cluster + ": sealed in two parts with slots");
                if (sealed.used() == 0) sealed = p.sealed;
            } else {
                // one side sealed: the other may bring counts, dumps and key files, but no slots
                SlotTable open = p.slots != null ? p.slots : slots;
                if (!open.isEmpty()) throw new IllegalStateException("cluster " + cluster + ": slots added to a part after another part of it was sealed");
                if (slots != null) {
                    sealed = p.sealed;
                    slots = null;
                }
            }
        }

        /** Each shard's slots are those of its chosen key file, else a front end added a file it had not chosen. */
        void checkSlotsOfChosen(String cluster) {
            slotsOf.forEach((shard, path) -> {
                KeyFileFigures chosen = keyFile.get(shard);
                if (chosen == null || !chosen.path().equals(path)) {
                    throw new IllegalStateException("cluster " + cluster + ", shard " + shard + ": slots of " + path + " were added but "
                            + (chosen == null ? "no key file" : chosen.path()) + " is its key file");
                }
            });
        }
    }

    private ClusterParts cluster(String name) {
        return clusters.computeIfAbsent(clusterName(name), c -> new ClusterParts());
    }

    /**
     * A file met, whatever it held.
     *
     * @param status    the input's status: ok, partial, error, skipped or crashed
     * @param sizeBytes its length, or negative when unknown (a missing file)
     */
    public FleetRollup addInput(String cluster, String status, long sizeBytes) {
        ClusterParts c = cluster(cluster);
        c.files++;
        if ("error".equals(status) || "crashed".equals(status)) c.failed++;
        if ("partial".equals(status)) c.partial++;
        if (sizeBytes > 0) c.inputBytes += sizeBytes;
        return this;
    }

    public FleetRollup add(DumpFigures d) {
        cluster(d.placement().cluster()).add(d);
        return this;
    }

    /**
     * Adds a key file's figures, or a piece of them. A shard keeps one key file ({@link KeyFileFigures}: an RDB before a
     * listing, then the latest); its slots are summed into the cluster's as they come, so only the chosen file of
     * each shard may bring slots: a front end that meets several key files of a shard adds them without slots first
     * ({@link KeyFileFigures#withoutSlots()}), asks {@link #chosenKeyFiles()}, then adds the chosen files' slots
     * ({@link KeyFileFigures#slotsOnly()}).
     *
     * @throws IllegalStateException when a second file of a shard brings slots, or the cluster is sealed
     */
    public FleetRollup add(KeyFileFigures k) {
        String name = clusterName(k.placement().cluster());
        cluster(name).add(name, k);
        return this;
    }

    /** The key file kept of each shard so far, by its path. */
    public java.util.Set<String> chosenKeyFiles() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (ClusterParts c : clusters.values()) for (KeyFileFigures k : c.keyFile.values()) out.add(k.path());
        return out;
    }

    /**
     * Reduces each cluster's slots to the few figures the roll-up shows ({@link SlotFigures}): a cluster holds at
     * most 16,384 slot entries until sealed, a handful of numbers after. A front end seals a cluster once every key
     * file of it was added (the CLI after each cluster's files, the Spark job after reducing by cluster); a sealed
     * cluster takes no more slots, and merging it with another part of the same cluster that brings slots throws.
     * {@link #finish()} seals what is left.
     *
     * @throws IllegalStateException when a shard's slots are not those of its chosen key file
     * @return this
     */
    public FleetRollup seal() {
        clusters.forEach((name, c) -> c.seal(name));
        return this;
    }

    /** The cluster a placement's name stands for ({@link FleetPlacement#DEFAULT_CLUSTER} when none): the key to group parts by. */
    public static String clusterName(String name) {
        return name == null || name.isEmpty() ? FleetPlacement.DEFAULT_CLUSTER : name;
    }

    /** Adds everything {@code o} holds to this one; returns this. */
    public FleetRollup merge(FleetRollup o) {
        o.clusters.forEach((name, p) -> {
            ClusterParts c = cluster(name);
            c.files += p.files;
            c.failed += p.failed;
            c.partial += p.partial;
            c.inputBytes += p.inputBytes;
            p.latestDump.values().forEach(c::add);
            p.keyFile.values().forEach(k -> c.add(name, k));
            p.slotsOf.forEach((shard, path) -> c.slotsFrom(name, shard, path));
            c.mergeSlots(name, p);
            if (c.slots == null) c.checkSlotsOfChosen(name);
        });
        return this;
    }

    /**
     * Whether the files are of more than one instance: two instances with INFO dumps, or two shards with an RDB. A
     * single instance's files spread over folders by kind (INFO dumps in one, the RDB in another) are not a fleet.
     */
    public boolean spansInstances() {
        long instances = 0, rdbShards = 0;
        for (ClusterParts c : clusters.values()) {
            instances += c.latestDump.size();
            for (KeyFileFigures k : c.keyFile.values()) if (k.rdb()) rdbShards++;
        }
        return instances > 1 || rdbShards > 1;
    }

    /** The roll-up of everything added; seals every cluster ({@link #seal()}). */
    public Rollup finish() {
        seal();
        List<RollupFigures> out = new ArrayList<>();
        for (Map.Entry<String, ClusterParts> e : clusters.entrySet()) out.add(figures("cluster", e.getKey(), List.of(e.getValue())));
        out.sort(Comparator.comparing((RollupFigures f) -> f.worstFragmentationRatio() == null ? Double.NEGATIVE_INFINITY : f.worstFragmentationRatio())
                .reversed().thenComparing(RollupFigures::cluster));
        return new Rollup(figures("fleet", null, clusters.values()), out);
    }

    private static RollupFigures figures(String scope, String cluster, Collection<ClusterParts> parts) {
        long files = 0, failed = 0, partial = 0, inputBytes = 0;
        List<DumpFigures> dumps = new ArrayList<>();
        List<KeyFileFigures> keyFiles = new ArrayList<>();
        for (ClusterParts p : parts) {
            files += p.files;
            failed += p.failed;
            partial += p.partial;
            inputBytes += p.inputBytes;
            dumps.addAll(p.latestDump.values());
            keyFiles.addAll(p.keyFile.values());
        }
        // Instances, worst first: ratio among those past the floor, then the small ones; names break ties.
        dumps.sort(Comparator.comparing((DumpFigures d) -> d.usedMemory() == null || d.usedMemory() < TINY_USED_MEMORY)
                .thenComparing((DumpFigures d) -> d.fragmentationRatio() == null ? Double.NEGATIVE_INFINITY : d.fragmentationRatio(),
                        Comparator.reverseOrder())
                .thenComparing(d -> d.placement().instanceName()));
        Long used = sum(dumps, DumpFigures::usedMemory), rss = sum(dumps, DumpFigures::usedMemoryRss);
        long usedBoth = 0, rssBoth = 0;
        for (DumpFigures d : dumps) {
            if (d.usedMemory() != null && d.usedMemoryRss() != null) {
                usedBoth += d.usedMemory();
                rssBoth += d.usedMemoryRss();
            }
        }
        List<RollupFigures.InstanceLine> worst = new ArrayList<>();
        for (DumpFigures d : dumps.subList(0, Math.min(LISTED, dumps.size()))) {
            worst.add(new RollupFigures.InstanceLine(d.placement().instanceName(), d.placement().shardName(), d.usedMemory(),
                    d.usedMemoryRss(), d.fragmentationBytes(), d.allocatorFragBytes(), d.fragmentationRatio()));
        }
        DumpFigures first = dumps.isEmpty() ? null : dumps.get(0);

        // Shards: one key file each.
        List<KeyFileFigures> shards = keyFiles.stream().filter(KeyFileFigures::hasTotals)
                .sorted(Comparator.comparingLong(KeyFileFigures::allocatedBytes).reversed().thenComparing(k -> k.placement().shardName()))
                .toList();
        Long keys = shards.isEmpty() ? null : shards.stream().mapToLong(KeyFileFigures::keys).sum();
        Long allocated = shards.isEmpty() ? null : shards.stream().mapToLong(KeyFileFigures::allocatedBytes).sum();
        Long waste = shards.isEmpty() ? null : shards.stream().mapToLong(KeyFileFigures::roundingWasteBytes).sum();
        Long estimated = sum(shards, KeyFileFigures::estimatedUsedMemory);
        KeyFileFigures heaviest = shards.isEmpty() ? null : shards.get(0);
        Long median = shards.isEmpty() ? null : shards.get(shards.size() / 2).allocatedBytes(); // descending: the lower median
        Double shardSkew = median == null || median == 0 ? null : DumpFigures.round4((double) heaviest.allocatedBytes() / median);

        // Slots: each cluster's sealed figures (a slot belongs to one cluster, so the fleet's are their sum).
        SlotFigures slots = SlotFigures.NONE;
        Map<String, Long> shardBytes = new HashMap<>();
        Map<String, TagAcc> tags = new TreeMap<>();
        for (ClusterParts p : parts) slots = slots.plus(p.sealed);
        for (KeyFileFigures k : keyFiles) {
            String shard = k.placement().shardName();
            shardBytes.put(shard, k.allocatedBytes());
            for (KeyFileFigures.TagFigures t : k.tags()) {
                tags.computeIfAbsent(k.placement().cluster() + "\u0000" + t.tag(), x -> new TagAcc(t.tag())).add(shard, t);
            }
        }
        boolean anySlot = slots.used() > 0;

        List<TagAcc> tagList = new ArrayList<>(tags.values());
        tagList.sort(Comparator.comparingLong((TagAcc t) -> t.bytes).reversed().thenComparing(t -> t.tag).thenComparing(t -> t.shard));
        List<RollupFigures.TagLine> tagLines = new ArrayList<>();
        for (TagAcc t : tagList.subList(0, Math.min(LISTED, tagList.size()))) {
            Long of = shardBytes.get(t.shard);
            tagLines.add(new RollupFigures.TagLine(t.tag, t.shard, t.shards, t.keys, t.bytes,
                    of == null || of == 0 ? null : DumpFigures.round4((double) t.shardBytesOfTag / of)));
        }
        RollupFigures.TagLine topTag = tagLines.isEmpty() ? null : tagLines.get(0);

        return new RollupFigures(scope, cluster, files, failed, partial, inputBytes, dumps.size(), used, rss,
                sum(dumps, DumpFigures::fragmentationBytes), sum(dumps, DumpFigures::allocatorFragBytes),
                sum(dumps, DumpFigures::allocatorRssBytes), sum(dumps, DumpFigures::rssOverheadBytes),
                usedBoth == 0 ? null : DumpFigures.round4((double) rssBoth / usedBoth),
                first == null ? null : first.fragmentationRatio(), first == null ? null : first.placement().instanceName(),
                shards.size(), keys, allocated, waste, estimated, shardSkew,
                heaviest == null ? null : heaviest.placement().shardName(), heaviest == null ? null : heaviest.allocatedBytes(), median,
                slots.skew(), anySlot ? slots.heaviestSlot() : null, anySlot ? slots.heaviestShard() : null,
                anySlot ? slots.heaviestBytes() : null,
                topTag == null ? null : topTag.tag(), topTag == null ? null : topTag.bytes(), topTag == null ? null : topTag.shard(),
                worst, tagLines);
    }

    /** A hash tag summed across shards; the shard holding most of its bytes names it. */
    private static final class TagAcc {
        final String tag;
        String shard;
        long keys, bytes, shardBytesOfTag;
        int shards;

        TagAcc(String tag) { this.tag = tag; }

        void add(String fromShard, KeyFileFigures.TagFigures t) {
            keys += t.keys();
            bytes += t.bytes();
            shards++;
            if (shard == null || t.bytes() > shardBytesOfTag || t.bytes() == shardBytesOfTag && fromShard.compareTo(shard) < 0) {
                shard = fromShard;
                shardBytesOfTag = t.bytes();
            }
        }
    }

    private static <T> Long sum(List<T> items, java.util.function.Function<T, Long> f) {
        Long total = null;
        for (T t : items) {
            Long v = f.apply(t);
            if (v != null) total = total == null ? v : total + v;
        }
        return total;
    }
}
