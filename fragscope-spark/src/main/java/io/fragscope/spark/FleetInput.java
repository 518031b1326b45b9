package io.fragscope.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One file of the fleet, as the driver lists it: where it is, which cluster, shard and instance it belongs to, and
 * its size (the scheduler hands out the biggest first).
 *
 * @param path            a Hadoop path (local, {@code hdfs://}, {@code s3a://} …)
 * @param cluster         the cluster, a partition of every table
 * @param shard           the shard within the cluster
 * @param instance        the server instance (a shard's primary or replica); the shard when not told
 * @param capturedAt      when the file was captured, ISO-8601 as the manifest gave it, or "" to take it from the content
 * @param sizeBytes       the file's length
 * @param modifiedMs      the file's modification time, epoch ms
 * @param infoOfInstance  for an RDB file or a listing: the INFO dumps of the same instance (paths), which its task
 *                        reads to pair them as {@code analyze} does; empty otherwise
 * @param plansInstance   for an RDB file: whether its task makes the instance's reclaim plan with its keys (one RDB
 *                        per instance: the latest modified)
 */
public record FleetInput(String path, String cluster, String shard, String instance, String capturedAt, long sizeBytes,
                         long modifiedMs, List<String> infoOfInstance, boolean plansInstance) implements Serializable {

    public FleetInput {
        infoOfInstance = List.copyOf(infoOfInstance);
    }

    /** A file as listed, before the driver knows what the others of its instance are. */
    public FleetInput(String path, String cluster, String shard, String instance, String capturedAt, long sizeBytes, long modifiedMs) {
        this(path, cluster, shard, instance, capturedAt, sizeBytes, modifiedMs, List.of(), false);
    }

    FleetInput paired(List<String> info, boolean plans) {
        return new FleetInput(path, cluster, shard, instance, capturedAt, sizeBytes, modifiedMs, info, plans);
    }

    /** The instance this file belongs to, across clusters. */
    String instanceKey() { return cluster + "\u0000" + shard + "\u0000" + instance; }
}
