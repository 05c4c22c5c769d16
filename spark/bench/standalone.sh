#!/usr/bin/env bash
# The shaded jar through Spark's own submission path (org.apache.spark.deploy.SparkSubmit, what spark-submit runs) on a
# standalone cluster of one master and one worker on this machine, built from Maven's copy of Spark's jars (no Spark
# distribution needed): the executors are JVMs of their own that load descatter, DL4J and ND4J's natives from the
# shaded jar. The corrected spectra are compared with the same job on local[2].
# Run from the project folder after `mvn -B -q -DskipTests package`:
#   bash spark/bench/standalone.sh [N]      (N spectra, default 20000)
# The work folder is $BENCH_DIR (default target/spark-standalone); it is deleted at the end, the cluster stopped.
set -euo pipefail
N=${1:-20000}
W=${BENCH_DIR:-target/spark-standalone}
PORT=${SPARK_MASTER_PORT:-17077}
rm -rf "$W" && mkdir -p "$W/home/jars"
stop() { for p in "$W"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done; rm -rf "$W"; }
trap stop EXIT
# a Spark "installation": its jars folder, and a RELEASE file, which tells the worker's launcher to use that folder
for j in $(tr ':' '\n' < spark/target/spark-classpath.txt); do [ -f "$j" ] && ln -s "$(realpath "$j")" "$W/home/jars/"; done
echo "Spark 4.0.1 (Maven's jars)" > "$W/home/RELEASE"
export SPARK_HOME; SPARK_HOME=$(realpath "$W/home")
export SPARK_SCALA_VERSION=2.13
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
spark_class() { exec java $OPENS -cp "$SPARK_HOME/jars/*" "$@"; }  # exec: a background one's $! is the JVM
waitfor() { for _ in $(seq 60); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done; echo "no '$2' in $1:"; tail -5 "$1"; exit 1; }

spark_class -Xmx512m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$W/master.log" 2>&1 &
echo $! > "$W/master.pid"
waitfor "$W/master.log" "I have been elected leader"
spark_class -Xmx512m org.apache.spark.deploy.worker.Worker --cores 2 --memory 4g --webui-port 0 "spark://127.0.0.1:$PORT" > "$W/worker.log" 2>&1 &
echo $! > "$W/worker.pid"
waitfor "$W/worker.log" "Successfully registered with master"

java -jar target/descatter.jar simulate --n "$N" --seed 17 -o "$W/raw.csv" 2>/dev/null
submit() { spark_class -Xmx1g org.apache.spark.deploy.SparkSubmit --conf spark.ui.enabled=false "$@" 2>&1 | grep "^descatter-spark:"; }
echo "standalone cluster (1 worker, 2 cores), SparkSubmit:"
submit --master "spark://127.0.0.1:$PORT" --class io.descatter.spark.DescatterSpark --executor-memory 2g \
  --conf spark.executor.memoryOverhead=1g --total-executor-cores 2 spark/target/descatter-spark.jar \
  correct "$W/raw.csv" "$W/cluster.csv" --model models/descatter-default.zip
echo "local[2], SparkSubmit:"
submit --master "local[2]" --class io.descatter.spark.DescatterSpark spark/target/descatter-spark.jar \
  correct "$W/raw.csv" "$W/local.csv" --model models/descatter-default.zip
a=$(cat "$W"/cluster.csv/*.csv | sort | md5sum | cut -c1-32)
b=$(cat "$W"/local.csv/*.csv | sort | md5sum | cut -c1-32)
rows=$(cat "$W"/cluster.csv/*.csv | grep -vc '^id,' || true)
if [ "$a" = "$b" ]; then echo "same corrected spectra on the cluster and on local[2] ($rows rows)"; else echo "the cluster's output differs from local[2]'s"; exit 1; fi
