#!/usr/bin/env bash
# Side by side on the same spectra: the CLI's CSV path and its Parquet path (descatter correct, all cores; Parquet:
# Spark's folder of part files in, one file out) and Spark Parquet -> Parquet on local[2] and local[1] (for the
# per-core figure and Spark's overhead), each RUNS times (the machine may be shared).
# Run from the project folder after `mvn -B -q -DskipTests package`:
#   bash spark/bench/parquet-vs-csv.sh [N] [RUNS]      (N spectra, default 100000; RUNS default 2)
# The work folder is $BENCH_DIR (default target/bench-spark); it is deleted at the end.
set -euo pipefail
N=${1:-100000}
RUNS=${2:-2}
W=${BENCH_DIR:-target/bench-spark}
rm -rf "$W" && mkdir -p "$W"
trap 'rm -rf "$W"' EXIT
CP="spark/target/descatter-spark.jar:$(cat spark/target/spark-classpath.txt)"   # Spark's jars: Maven's copy of them
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
spark() { java -Xmx3g $OPENS -Dspark.master="$1" -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=2 -cp "$CP" io.descatter.spark.DescatterSpark "${@:2}"; }
seconds() { local t0; t0=$(date +%s.%N); "$@"; echo "  whole process: $(echo "$(date +%s.%N) - $t0" | bc) s"; }
lscpu | grep -E "Model name|^CPU\(s\)" | sed 's/  */ /g'
java -jar target/descatter.jar simulate --n "$N" --seed 17 -o "$W/raw.csv" --truth "$W/truth.csv" 2>/dev/null
# the Parquet input in as many files as cores, as a slide archive would be many files
spark "local[2]" convert "$W/raw.csv" "$W/raw.parquet" --files 4 2>&1 | grep descatter-spark
du -sh "$W/raw.csv" "$W/raw.parquet"
for run in $(seq "$RUNS"); do
  echo "run $run: $(uptime | sed 's/.*load/load/')"
  rm -rf "$W"/cli.csv "$W"/cli.parquet "$W"/out-*.parquet
  echo "CLI csv->csv, 2 threads:"
  seconds java -jar target/descatter.jar correct "$W/raw.csv" -o "$W/cli.csv" --model models/descatter-default.zip 2>&1 | grep -E "corrected|whole"
  echo "CLI parquet->parquet, 2 threads:"
  seconds java -jar target/descatter.jar correct "$W/raw.parquet" -o "$W/cli.parquet" --model models/descatter-default.zip 2>&1 | grep -E "corrected|whole"
  for m in "local[2]" "local[1]"; do
    echo "Spark $m parquet->parquet:"
    seconds spark "$m" correct "$W/raw.parquet" "$W/out-${m//[^0-9]/}.parquet" --model models/descatter-default.zip 2>&1 | grep -E "descatter-spark|whole"
  done
done
