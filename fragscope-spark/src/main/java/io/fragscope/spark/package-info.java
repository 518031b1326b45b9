/**
 * The fleet job on Apache Spark ({@code provided}): {@link io.fragscope.spark.FleetJob} lists the files
 * ({@link io.fragscope.spark.FleetInputs}: a manifest, a glob or a folder on any Hadoop file system), analyses each in
 * its own task through the core's {@link io.fragscope.InputAnalyzer} ({@link io.fragscope.spark.FileAnalysis}), writes
 * the tables of {@link io.fragscope.spark.FleetTables} as Parquet partitioned by date and cluster, and rolls them up
 * per cluster and for the fleet ({@link io.fragscope.spark.Rollup}).
 */
package io.fragscope.spark;
