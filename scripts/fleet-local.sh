#!/usr/bin/env bash
# The fleet job embedded in local mode, with no Spark installation: Spark's jars come from the Maven build
# (fragscope-spark's provided dependencies) and the job's from target/fragscope-spark.jar.
#   scripts/fleet-local.sh --inputs 'fleet/*/*/*' --out fleet-tables [--top N] [--allocator NAME]
# Extra JVM options (heap: the driver and its local executors share it): FLEET_JAVA_OPTS, default -Xmx2g.
# MASTER (default local[*]) picks the number of cores; FLEET_LOG4J a log4j2 configuration (default: warnings and errors only).
set -euo pipefail
# The job runs in the caller's folder, so relative --inputs, --out and --rollup paths mean what the caller sees;
# only the build steps run in the project.
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/target/fragscope-spark.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
cp=$root/target/spark-classpath.txt
if [ ! -s "$cp" ] || [ "$root/fragscope-spark/pom.xml" -nt "$cp" ]; then
  mkdir -p "$root/target"
  # every module of the reactor writes the file; fragscope-spark, built last, writes it last (test-compile: the
  # reactor resolves the core's test-jar, a test dependency of the others, only once its tests are compiled)
  (cd "$root" && mvn -B -q -DskipTests -pl fragscope-spark -am test-compile dependency:build-classpath -Dmdep.includeScope=provided \
    -Dmdep.outputFile="$cp" >/dev/null)
fi
# Spark on Java 17: the module openings of Spark's own launcher (JavaModuleOptions)
opens="-XX:+IgnoreUnrecognizedVMOptions"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java ${FLEET_JAVA_OPTS:--Xmx2g} $opens -Dlog4j2.configurationFile="${FLEET_LOG4J:-$root/scripts/fleet-log4j2.properties}" -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$root/target/fragscope-spark.jar:$(cat "$cp")" io.fragscope.spark.FleetJob --master "${MASTER:-local[*]}" "$@"
