#!/usr/bin/env bash
# Runs the Spark module's entry point (run, benchmark) on this machine without a Spark installation:
# Spark's jars come from the Maven build's class path, with the JVM options Spark needs on Java 17.
# Usage: scripts/spark-local.sh benchmark [options]   (after mvn -B -q -DskipTests install)
# On a cluster use spark-submit instead (README, "Pools beyond one machine: Spark").
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=active-learning-spark/target/classpath.txt
if [ ! -s "$cp_file" ] || [ active-learning-spark/pom.xml -nt "$cp_file" ]; then
  mvn -B -q -o dependency:build-classpath -pl active-learning-spark \
    -Dmdep.outputFile="$(pwd)/$cp_file" >/dev/null
fi
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' active-learning-spark/pom.xml)
# shellcheck disable=SC2086
exec java -Xmx4g $opens -Dspark.master="${SPARK_MASTER:-local[2]}" \
  -cp "active-learning-spark/target/active-learning-spark.jar:$(cat "$cp_file")" \
  org.activelearning.spark.SparkMain "$@"
