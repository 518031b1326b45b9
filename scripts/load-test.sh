#!/usr/bin/env bash
# Load test for bounded memory (issue: hostile and broken input, "Load"). Not part of the test suite:
# it writes multi-GB inputs. Runs fragscope with -Xmx128m on
#   1. a key-size listing of ROWS rows (default 50 million),
#   2. an RDB holding one 1 GB string, written by a local redis-server,
#   3. an RDB holding one set of SET_MEMBERS members (default 20 million),
# and samples the JVM heap (jstat) every second, printing the peak and the last sample of each run,
# so "the heap stays flat" can be checked. Needs redis-server, redis-cli, jstat (JDK) and ~20 GB of disk.
#
#   scripts/load-test.sh [WORKDIR]        (ROWS=... SET_MEMBERS=... to scale down, SKIP_LISTING=1 for the RDBs only)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-$(mktemp -d /tmp/fragscope-load.XXXXXX)}
ROWS=${ROWS:-50000000}
SET_MEMBERS=${SET_MEMBERS:-20000000}
JAR=target/fragscope.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
mkdir -p "$WORK"
echo "work dir: $WORK"

heap_watch() {   # pid -> prints "peak_used_kb last_used_kb samples"
  local pid=$1 peak=0 last=0 n=0
  while kill -0 "$pid" 2>/dev/null; do
    local used
    used=$(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 {print int($3+$4+$6+$8)}') || true
    if [ -n "${used:-}" ]; then
      n=$((n+1)); last=$used; [ "$used" -gt "$peak" ] && peak=$used
    fi
    sleep 1
  done
  echo "$peak $last $n"
}

run_fragscope() {   # label input
  local label=$1 input=$2 start end
  start=$(date +%s.%N)
  java -Xmx128m -jar "$JAR" analyze -q -f csv,json -o "$WORK/out-$label" "$input" &
  local pid=$!
  local stats
  stats=$(heap_watch "$pid")
  wait "$pid" && rc=0 || rc=$?
  end=$(date +%s.%N)
  read -r peak last n <<<"$stats"
  printf '%-14s exit=%s  wall=%6.1fs  heap peak=%6d KB  last=%6d KB  (%d samples, -Xmx128m)\n' \
    "$label" "$rc" "$(echo "$end - $start" | bc)" "$peak" "$last" "$n"
}

# 1. listing
if [ ! -f "$WORK/listing.csv" ]; then
  echo "writing a listing of $ROWS rows..."
  awk -v N="$ROWS" 'BEGIN { print "db,key,type,encoding,memory_usage,elements,ttl_ms";
    for (i = 0; i < N; i++) printf "%d,user:%d:session:%d,hash,listpack,%d,%d,-1\n", i % 16, i % 100000, i, 64 + i % 4000, 1 + i % 300 }' \
    > "$WORK/listing.csv"
fi
[ -n "${SKIP_LISTING:-}" ] || run_fragscope listing "$WORK/listing.csv"

# 2 and 3. RDBs from a real server
start_server() {   # dir port
  redis-server --port "$2" --bind 127.0.0.1 --save '' --appendonly no --dir "$1" --daemonize yes \
    --logfile "$1/redis.log" --proto-max-bulk-len 2gb --client-query-buffer-limit 2gb >/dev/null
  for _ in $(seq 50); do redis-cli -p "$2" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
PORT=$((20000 + RANDOM % 20000))
if [ ! -f "$WORK/bigstring/dump.rdb" ]; then
  mkdir -p "$WORK/bigstring"; start_server "$WORK/bigstring" "$PORT"
  # 1 GB built with SETRANGE in 64 MB steps (one command would need a 1 GB client buffer)
  for i in $(seq 0 15); do
    dd if=/dev/zero bs=1M count=64 status=none | tr '\0' 'x' > "$WORK/chunk"
    redis-cli -p "$PORT" -x SETRANGE big:string $((i * 64 * 1024 * 1024)) < "$WORK/chunk" >/dev/null
  done
  rm -f "$WORK/chunk"
  redis-cli -p "$PORT" SAVE >/dev/null; redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
run_fragscope bigstring "$WORK/bigstring/dump.rdb"

if [ ! -f "$WORK/bigset/dump.rdb" ]; then
  mkdir -p "$WORK/bigset"; start_server "$WORK/bigset" "$PORT"
  awk -v N="$SET_MEMBERS" 'BEGIN { for (i = 0; i < N; i += 1000) { n = (N - i < 1000) ? N - i : 1000;
      printf "*%d\r\n$4\r\nSADD\r\n$7\r\nbig:set\r\n", n + 2;
      for (j = 0; j < n; j++) { m = "member:" (i + j); printf "$%d\r\n%s\r\n", length(m), m } } }' \
    | redis-cli -p "$PORT" --pipe >/dev/null
  redis-cli -p "$PORT" SAVE >/dev/null; redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
run_fragscope bigset "$WORK/bigset/dump.rdb"
