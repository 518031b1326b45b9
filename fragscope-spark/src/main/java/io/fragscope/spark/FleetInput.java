package io.fragscope.spark;

import java.io.Serializable;

/**
 * One file of the fleet, as the driver lists it: where it is, which cluster, shard and instance it belongs to, and
 * its size (the scheduler hands out the biggest first).
 *
 * @param path       a Hadoop path (local, {@code hdfs://}, {@code s3a://} …)
 * @param cluster    the cluster, a partition of every table
 * @param shard      the shard within the cluster
 * @param instance   the server instance (a shard's primary or replica); the shard when not told
 * @param capturedAt when the file was captured, ISO-8601 as the manifest gave it, or "" to take it from the content
 * @param sizeBytes  the file's length
 * @param modifiedMs the file's modification time, epoch ms
 */
public record FleetInput(String path, String cluster, String shard, String instance, String capturedAt, long sizeBytes,
                         long modifiedMs) implements Serializable {}
