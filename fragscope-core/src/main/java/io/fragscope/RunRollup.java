package io.fragscope;

import io.fragscope.analysis.info.DumpAnalysis;
import io.fragscope.analysis.rollup.DumpFigures;
import io.fragscope.analysis.rollup.FleetPlacement;
import io.fragscope.analysis.rollup.FleetRollup;
import io.fragscope.analysis.rollup.KeyFileFigures;
import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.source.FileNames;
import io.fragscope.source.InputKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster roll-up of a whole run ({@link Analyzer}): each input placed by the fleet's folder rule
 * ({@link FleetPlacement}) below the folder it was found in, its figures added to a {@link FleetRollup}. The fleet
 * job adds the same figures of the same files, so both give the same roll-up.
 */
public final class RunRollup {
    private RunRollup() {}

    /**
     * The roll-up when the run's files are of more than one instance ({@link FleetRollup#spansInstances()}), else empty:
     * one instance's report says it all.
     *
     * @param roots the run's inputs as given (folders walked, files)
     */
    public static Optional<Rollup> ofManyInstances(AnalysisResult result, List<Path> roots) {
        FleetRollup r = parts(result, roots);
        return r.spansInstances() ? Optional.of(r.finish()) : Optional.empty();
    }

    /** @param roots the run's inputs as given (folders walked, files) */
    public static Rollup of(AnalysisResult result, List<Path> roots) {
        return parts(result, roots).finish();
    }

    private static FleetRollup parts(AnalysisResult result, List<Path> roots) {
        FleetRollup r = new FleetRollup();
        for (InputReport in : result.inputs()) {
            // A folder of fragscope's own reports, left out of the walk, is no file of the fleet (nor a cluster of it).
            if (Files.isDirectory(in.path())) continue;
            FleetPlacement p = placement(in.path(), roots);
            long size;
            try {
                size = Files.size(in.path());
            } catch (IOException | RuntimeException e) {
                size = -1; // a missing file: counted, no bytes
            }
            r.addInput(p.cluster(), in.status().id(), size);
        }
        for (DumpAnalysis d : result.dumps()) {
            Path src = d.dump().source();
            if (src != null) r.add(DumpFigures.of(placement(src, roots), name(src), d));
        }
        // Key files in two passes, so that only one file per shard brings its slots and a cluster's slots are reduced
        // to a few figures before the next cluster's: first each file without slots (the roll-up chooses each shard's
        // file), then the chosen files' slots, cluster by cluster, each cluster sealed after its own.
        TreeMap<String, List<Integer>> byCluster = new TreeMap<>();
        List<KeyFileFigures> heads = new ArrayList<>();
        List<Dataset> keyFiles = new ArrayList<>();
        for (Dataset ds : result.datasets()) {
            // A --bigkeys summary names a few keys, not a shard's: the fleet job adds no figures for it, nor does this
            if (ds.kind() != InputKind.RDB && ds.kind() != InputKind.LISTING) continue;
            KeyFileFigures k = figures(ds, roots);
            KeyFileFigures head = k.withoutSlots();
            r.add(head);
            byCluster.computeIfAbsent(FleetRollup.clusterName(k.placement().cluster()), c -> new ArrayList<>()).add(heads.size());
            heads.add(head);
            keyFiles.add(ds);
        }
        Set<String> chosen = r.chosenKeyFiles();
        for (List<Integer> cluster : byCluster.values()) {
            FleetRollup slots = new FleetRollup();
            for (int i : cluster) {
                if (!chosen.remove(heads.get(i).path())) continue; // not its shard's file, or a path given twice
                // the dataset again (read back from disk past the first 16): its slots are not kept between the passes
                slots.add(figures(keyFiles.get(i), roots).slotsOnly());
            }
            r.merge(slots.seal());
        }
        return r;
    }

    private static KeyFileFigures figures(Dataset ds, List<Path> roots) {
        long mtime;
        try {
            mtime = Files.getLastModifiedTime(ds.source()).toMillis();
        } catch (IOException | RuntimeException e) {
            mtime = -1;
        }
        return KeyFileFigures.of(placement(ds.source(), roots), name(ds.source()), KeyFileFigures.capturedAtMs(ds.summary(), mtime),
                ds.kind() == InputKind.RDB, ds.summary(), ds.profile() == null ? null : ds.profile().where());
    }

    /** Where a file belongs: below the first folder of {@code roots} that holds it, else in its own folder. */
    public static FleetPlacement placement(Path file, List<Path> roots) {
        Path abs = file.toAbsolutePath().normalize();
        return rootOf(abs, roots).map(r -> below(abs, r)).orElseGet(() -> {
            Path parent = abs.getParent();
            return FleetPlacement.of(parent == null || parent.getFileName() == null ? "" : FileNames.name(parent),
                    List.of(FileNames.name(abs)));
        });
    }

    /**
     * The instance a file's folder stands for ({@code payments/p1}, as {@link #placement} names it) when the file sits
     * in a folder below a folder of {@code roots}; empty for a file given by itself or right in the folder given.
     */
    public static Optional<String> folderInstance(Path file, List<Path> roots) {
        Path abs = file.toAbsolutePath().normalize();
        return rootOf(abs, roots).filter(r -> r.relativize(abs).getNameCount() >= 2).map(r -> below(abs, r).instanceName());
    }

    /** The first folder of {@code roots} that holds {@code abs} (absolute, normalized). */
    private static Optional<Path> rootOf(Path abs, List<Path> roots) {
        for (Path root : roots) {
            Path r = root.toAbsolutePath().normalize();
            if (!abs.equals(r) && abs.startsWith(r) && Files.isDirectory(r)) return Optional.of(r);
        }
        return Optional.empty();
    }

    private static FleetPlacement below(Path abs, Path root) {
        List<String> rel = new ArrayList<>();
        for (Path part : root.relativize(abs)) rel.add(FileNames.name(part));
        return FleetPlacement.of(root.getFileName() == null ? "" : FileNames.name(root), rel);
    }

    private static String name(Path p) { return p.toAbsolutePath().normalize().toString(); }
}
