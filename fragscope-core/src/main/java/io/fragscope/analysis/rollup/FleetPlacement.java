package io.fragscope.analysis.rollup;

import io.fragscope.analysis.info.CaptureTime;

import java.io.Serializable;
import java.util.List;

/**
 * Where a file of a fleet belongs: its cluster, its shard within the cluster, and the instance (a shard's primary or
 * a replica) that wrote it. The one folder rule of {@code fragscope analyze} and of the Spark job's globs:
 * below a root folder, {@code ROOT/CLUSTER/SHARD/…/file} (the first folder is the cluster, the file's own folder the
 * shard); a file one folder deep ({@code ROOT/SHARD/file}) is a shard of the cluster named by the root's last folder;
 * a file right in the root is its own shard, named by its file-name stem ({@code cache-01-20261124-042923.txt} →
 * {@code cache-01}; a name without a timestamp is its own stem). The instance is the shard unless a manifest says.
 *
 * @param cluster  the cluster ({@code default} when nothing names it)
 * @param shard    the shard
 * @param instance the instance
 */
public record FleetPlacement(String cluster, String shard, String instance) implements Serializable {

    public static final String DEFAULT_CLUSTER = "default";

    public FleetPlacement {
        cluster = cluster == null || cluster.isEmpty() ? DEFAULT_CLUSTER : cluster;
        if (instance == null || instance.isEmpty()) instance = shard;
    }

    /**
     * @param rootName the last folder name of the root (the glob's fixed part, or the folder given to analyze)
     * @param relative the folders below the root and the file name, in order (at least the file name)
     */
    public static FleetPlacement of(String rootName, List<String> relative) {
        String file = relative.get(relative.size() - 1);
        if (relative.size() >= 3) return new FleetPlacement(relative.get(0), relative.get(relative.size() - 2), null);
        if (relative.size() == 2) return new FleetPlacement(rootName, relative.get(0), null);
        return new FleetPlacement(rootName, stem(file), null);
    }

    /** The stem of a timestamped file name, else the name itself. */
    public static String stem(String fileName) {
        return CaptureTime.stem(fileName).orElse(fileName);
    }

    /** {@code cluster/shard}: how the roll-up names a shard. */
    public String shardName() { return cluster + "/" + shard; }

    /** {@code cluster/instance}: how the roll-up names an instance. */
    public String instanceName() { return cluster + "/" + instance; }
}
