#!/usr/bin/env bash
# Speed benchmark (not a test): builds a reproducible mixed dataset of about 4 million keys (about 550 MB of
# RDB) with a local redis-server, then times in one run, on the same file:
#   - fragscope with per-key CSV output, the JVM limited to -Xmx128m,
#   - redis-check-rdb (Redis's own checker, which loads every object),
#   - the server's own load time (a redis-server starting from the file),
# and prints fragscope's time as a ratio of each. Target: fragscope <= 2x redis-check-rdb.
#
#   scripts/bench-rdb.sh [WORKDIR]     KEYS=4000000 by default; RUNS=3 (best of)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/fragscope-bench}
KEYS=${KEYS:-4000000}
RUNS=${RUNS:-3}
JAR=target/fragscope.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
mkdir -p "$WORK"
PORT=$(( 20000 + RANDOM % 20000 ))

if [ ! -f "$WORK/dump.rdb" ]; then
  echo "building the dataset ($KEYS keys)..."
  redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" --daemonize yes --logfile "$WORK/build.log" >/dev/null
  until redis-cli -p "$PORT" ping >/dev/null 2>&1; do sleep 0.1; done
  awk -v KEYS="$KEYS" -v SEED=42 -f scripts/bench-dataset.awk | redis-cli -p "$PORT" --pipe | tail -1
  redis-cli -p "$PORT" SAVE >/dev/null
  redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
SIZE=$(stat -c %s "$WORK/dump.rdb")
echo "dataset: $WORK/dump.rdb, $((SIZE / 1024 / 1024)) MiB"

best() {  # command... -> best wall time in seconds over RUNS runs
  local b=""
  for _ in $(seq "$RUNS"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}

server_load() {
  rm -f "$WORK/load.log"
  redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" --dbfilename dump.rdb \
    --daemonize yes --logfile "$WORK/load.log" >/dev/null
  until grep -q "DB loaded from disk" "$WORK/load.log" 2>/dev/null; do sleep 0.05; done
  redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  grep -o "DB loaded from disk: [0-9.]* seconds" "$WORK/load.log" | grep -o "[0-9.]*"
}

F=$(best java -Xmx128m -jar "$JAR" analyze -q -f csv -o "$WORK/out" "$WORK/dump.rdb")
C=$(best redis-check-rdb "$WORK/dump.rdb")
L=$(server_load)
KEYS_OUT=$(($(wc -l < "$WORK/out/keys.csv") - 1))
printf '%-34s %8.2f s\n' "fragscope (-Xmx128m, keys.csv on)" "$F"
printf '%-34s %8.2f s\n' "redis-check-rdb" "$C"
printf '%-34s %8.2f s\n' "redis-server load (its log)" "$L"
printf 'keys in keys.csv: %d; fragscope %.0f keys/s, %.0f MiB/s\n' "$KEYS_OUT" "$(echo "$KEYS_OUT / $F" | bc -l)" "$(echo "$SIZE / 1048576 / $F" | bc -l)"
printf 'ratio fragscope / redis-check-rdb: %.2fx (target <= 2x)\n' "$(echo "$F / $C" | bc -l)"
printf 'ratio fragscope / server load:     %.2fx\n' "$(echo "$F / $L" | bc -l)"
