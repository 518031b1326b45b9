package io.fragscope.spark;

import io.fragscope.source.InputKind;
import io.fragscope.source.InputSource;
import io.fragscope.source.listing.ListingSniffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each RDB file with the INFO dumps of its instance before the analysis, as {@code analyze} pairs a folder's
 * files: the instance is the manifest's (cluster, shard, instance), else the folder rule's ({@link FleetInputs}).
 * The kinds come from a light first stage that reads each file's head ({@link #kind}); the RDB's task then reads its
 * instance's dumps (small) and matches them as {@code analyze} does
 * ({@link io.fragscope.analysis.dataset.InfoMatch}: repl-id, then the save time, then the folder and version).
 */
final class InstancePairing {
    private InstancePairing() {}

    /** The file's kind from its first bytes; UNKNOWN when it cannot be opened (its task will say why). */
    static InputKind kind(FleetInput in, Configuration conf) {
        try {
            Path file = new Path(in.path());
            FileSystem fs = file.getFileSystem(conf);
            InputSource src = InputSource.of(java.nio.file.Path.of(file.toUri().getPath()), in.sizeBytes(), in.modifiedMs(), () -> fs.open(file));
            return InputKind.detect(src, head -> ListingSniffer.sniff(head).isPresent());
        } catch (java.io.IOException | RuntimeException e) {
            return InputKind.UNKNOWN;
        }
    }

    /**
     * The inputs again, each RDB file and listing told its instance's INFO dumps; one RDB per instance (the latest
     * modified) plans it.
     */
    static List<FleetInput> pair(List<FleetInput> inputs, List<InputKind> kinds) {
        Map<String, List<Integer>> byInstance = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) byInstance.computeIfAbsent(inputs.get(i).instanceKey(), k -> new ArrayList<>()).add(i);
        List<FleetInput> out = new ArrayList<>(inputs);
        for (List<Integer> group : byInstance.values()) {
            List<String> info = new ArrayList<>();
            List<Integer> rdbs = new ArrayList<>(), listings = new ArrayList<>();
            for (int i : group) {
                if (kinds.get(i) == InputKind.INFO) info.add(inputs.get(i).path());
                if (kinds.get(i) == InputKind.RDB) rdbs.add(i);
                if (kinds.get(i) == InputKind.LISTING) listings.add(i);
            }
            if (info.isEmpty()) continue;
            info.sort(Comparator.naturalOrder());
            // a listing takes its instance's dumps as analyze takes the dumps beside it: for its build and reconciliation
            for (int i : listings) out.set(i, inputs.get(i).paired(info, false));
            if (rdbs.isEmpty()) continue;
            int planner = rdbs.stream().max(Comparator.comparingLong((Integer i) -> inputs.get(i).modifiedMs())
                    .thenComparing(i -> inputs.get(i).path())).orElseThrow();
            for (int i : rdbs) out.set(i, inputs.get(i).paired(info, i == planner));
        }
        return out;
    }
}
