#!/usr/bin/env bash
# Side by side on the same spectra: the CLI's CSV path (descatter correct, all cores) and Spark Parquet -> Parquet on
# local[2] and local[1] (for the per-core figure and Spark's overhead). Run from the project folder after
# `mvn -B -q -DskipTests package`:   bash spark/bench/parquet-vs-csv.sh [N]      (N spectra, default 100000)
set -euo pipefail
N=${1:-100000}
W=target/bench-spark
rm -rf "$W" && mkdir -p "$W"
# Spark's jars: the cluster's, here Maven's copy of them
cp spark/target/spark-classpath.txt "$W/spark-cp.txt"   # written by the package phase
CP="spark/target/descatter-spark.jar:$(cat "$W/spark-cp.txt")"
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
spark() { java -Xmx3g $OPENS -Dspark.master="$1" -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=2 -cp "$CP" io.descatter.spark.DescatterSpark "${@:2}"; }
lscpu | grep -E "Model name|^CPU\(s\)" | sed 's/  */ /g'
java -jar target/descatter.jar simulate --n "$N" --seed 17 -o "$W/raw.csv" --truth "$W/truth.csv" 2>/dev/null
# the Parquet input in as many files as cores, as a slide archive would be many files
spark "local[2]" convert "$W/raw.csv" "$W/raw1.parquet" --files 4 2>&1 | grep descatter-spark
t0=$(date +%s.%N); java -jar target/descatter.jar correct "$W/raw.csv" -o "$W/cli.csv" --model models/descatter-default.zip 2>&1 | grep corrected; t1=$(date +%s.%N)
echo "CLI csv->csv (whole process): $(echo "$t1 - $t0" | bc) s"
for m in "local[2]" "local[1]"; do
  t0=$(date +%s.%N); spark "$m" correct "$W/raw1.parquet" "$W/out-${m//[^0-9]/}.parquet" --model models/descatter-default.zip 2>&1 | grep descatter-spark; t1=$(date +%s.%N)
  echo "Spark $m parquet->parquet (whole process): $(echo "$t1 - $t0" | bc) s"
done
