#!/usr/bin/env bash
# Load test for bounded memory (issue: hostile and broken input, "Load"). Not part of the test suite:
# it writes multi-GB inputs. Runs fragscope with -Xmx128m on
#   1. a key-size listing of ROWS rows (default 50 million),
#   2. an RDB holding one 1 GB string, written by a local redis-server,
#   3. an RDB holding one set of SET_MEMBERS members (default 20 million),
#   4. inputs whose shape filled the heap before (issue 15), with every report format: a listing of 5 million
#      rows with 1.85 million distinct prefixes, 12,000 distinct prefixes of 20 KB, 200 keys of 900 KB, an RDB of
#      10,000 keys user:NAME:cart, one of 150 keys with 2 MB names, one with a 100 MB key name, an INFO dump of
#      30,000 fields and a folder of 80 dumps of one instance,
# and samples the JVM heap (jstat) every second, printing the peak and the last sample of each run,
# so "the heap stays flat" can be checked. Needs redis-server, redis-cli, jstat (JDK) and ~20 GB of disk.
#
#   scripts/load-test.sh [WORKDIR]        (ROWS=... SET_MEMBERS=... to scale down, SKIP_LISTING=1 for the RDBs only,
#                                          ONLY_SHAPES=1 for part 4 only)
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

run_fragscope() {   # label input  (FORMATS=... for other report formats than csv,json)
  local label=$1 input=$2 start end
  start=$(date +%s.%N)
  java -Xmx128m -jar "$JAR" analyze -q -f "${FORMATS:-csv,json}" -o "$WORK/out-$label" "$input" 2>"$WORK/err-$label.txt" &
  local pid=$!
  local stats
  stats=$(heap_watch "$pid")
  wait "$pid" && rc=0 || rc=$?
  end=$(date +%s.%N)
  read -r peak last n <<<"$stats"
  printf '%-14s exit=%s  wall=%6.1fs  heap peak=%6d KB  last=%6d KB  (%d samples, -Xmx128m)  %s\n' \
    "$label" "$rc" "$(echo "$end - $start" | bc)" "$peak" "$last" "$n" "$(head -c 200 "$WORK/err-$label.txt" | head -1)"
}
PORT=$((20000 + RANDOM % 20000))
start_server() {   # dir port
  redis-server --port "$2" --bind 127.0.0.1 --save '' --appendonly no --dir "$1" --daemonize yes \
    --logfile "$1/redis.log" --proto-max-bulk-len 2gb --client-query-buffer-limit 2gb >/dev/null
  for _ in $(seq 50); do redis-cli -p "$2" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

if [ -n "${ONLY_SHAPES:-}" ]; then SKIP_LISTING=1; fi

# 1. listing
if [ -z "${SKIP_LISTING:-}" ] && [ ! -f "$WORK/listing.csv" ]; then
  echo "writing a listing of $ROWS rows..."
  awk -v N="$ROWS" 'BEGIN { print "db,key,type,encoding,memory_usage,elements,ttl_ms";
    for (i = 0; i < N; i++) printf "%d,user:%d:session:%d,hash,listpack,%d,%d,-1\n", i % 16, i % 100000, i, 64 + i % 4000, 1 + i % 300 }' \
    > "$WORK/listing.csv"
fi
[ -n "${SKIP_LISTING:-}" ] || run_fragscope listing "$WORK/listing.csv"

# 2 and 3. RDBs from a real server
if [ -z "${ONLY_SHAPES:-}" ]; then
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
fi

# 4. shapes that filled the heap before (issue 15); all report formats. SHAPES=a,b,... runs some of them only.
export FORMATS=xlsx,csv,json
want() { [ -z "${SHAPES:-}" ] || [[ ",$SHAPES," == *",$1,"* ]]; }
H="db,key,type,encoding,memory_usage,elements,ttl_ms"
[ -f "$WORK/prefixes-5m.csv" ] || awk -v H="$H" 'BEGIN { print H; for (i = 0; i < 5000000; i++) printf "0,p%dx:q:%d,string,embstr,64,1,-1\n", i % 1850000, i }' > "$WORK/prefixes-5m.csv"
want prefixes-5m && run_fragscope prefixes-5m "$WORK/prefixes-5m.csv"
[ -f "$WORK/prefixes-20k.csv" ] || awk -v H="$H" 'BEGIN { print H; p = "p"; while (length(p) < 20000) p = p p; p = substr(p, 1, 20000); for (i = 0; i < 12000; i++) printf "0,%05d%s:a:%d,string,raw,100,1,-1\n", i, p, i }' > "$WORK/prefixes-20k.csv"
want prefixes-20k && run_fragscope prefixes-20k "$WORK/prefixes-20k.csv"
[ -f "$WORK/keys-900k.csv" ] || awk -v H="$H" 'BEGIN { print H; p = "x"; while (length(p) < 900000) p = p p; p = substr(p, 1, 900000); for (i = 0; i < 200; i++) printf "0,k%d:%s,string,raw,1000000,1,-1\n", i, p }' > "$WORK/keys-900k.csv"
want keys-900k && run_fragscope keys-900k "$WORK/keys-900k.csv"
if [ ! -f "$WORK/cart/dump.rdb" ]; then
  mkdir -p "$WORK/cart"; start_server "$WORK/cart" "$PORT"
  awk 'BEGIN { srand(15); for (i = 0; i < 10000; i++) { n = ""; for (j = 0; j < 8; j++) n = n sprintf("%c", 97 + int(rand() * 26));
      k = "user:" n ":cart"; printf "*6\r\n$4\r\nHSET\r\n$%d\r\n%s\r\n$3\r\nsku\r\n$1\r\n1\r\n$3\r\nqty\r\n$1\r\n2\r\n", length(k), k } }' \
    | redis-cli -p "$PORT" --pipe >/dev/null
  redis-cli -p "$PORT" SAVE >/dev/null; redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
want cart && run_fragscope cart "$WORK/cart/dump.rdb"
if [ ! -f "$WORK/names-2m/dump.rdb" ]; then
  mkdir -p "$WORK/names-2m"; start_server "$WORK/names-2m" "$PORT"
  tail=$(head -c 2097152 /dev/zero | tr '\0' 'k')
  # the name goes in as a value (-x), then a script makes it a key: redis-cli cannot take a 2 MB argument
  for i in $(seq 0 149); do printf 'long:%d:%s' "$i" "$tail" | redis-cli -p "$PORT" -x SET dummy >/dev/null
    redis-cli -p "$PORT" EVAL "local n = redis.call('GET', 'dummy') redis.call('DEL', 'dummy') redis.call('SET', n, 'v') return 1" 0 >/dev/null; done
  redis-cli -p "$PORT" SAVE >/dev/null; redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
want names-2m && run_fragscope names-2m "$WORK/names-2m/dump.rdb"
if [ ! -f "$WORK/name-100m/dump.rdb" ]; then
  mkdir -p "$WORK/name-100m"; start_server "$WORK/name-100m" "$PORT"
  head -c 104857600 /dev/zero | tr '\0' 'k' | redis-cli -p "$PORT" -x SET dummy >/dev/null
  redis-cli -p "$PORT" EVAL "local n = redis.call('GET', 'dummy') redis.call('DEL', 'dummy') redis.call('SET', 'big:' .. n, 'v') return 1" 0 >/dev/null
  redis-cli -p "$PORT" SAVE >/dev/null; redis-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
want name-100m && run_fragscope name-100m "$WORK/name-100m/dump.rdb"
INFO=$(ls "$(dirname "$0")"/../samples/info/*.txt | head -1)
if [ ! -d "$WORK/cron" ]; then
  mkdir -p "$WORK/cron"
  for i in $(seq 0 79); do cp "$INFO" "$WORK/cron/cache-01-20261124-$(printf '%02d%02d00' $((i / 60)) $((i % 60))).txt"; done
  { cat "$INFO"; printf '# Extra\r\n'; awk 'BEGIN { for (i = 0; i < 30000; i++) printf "custom_field_%d:%d\r\n", i, i * 7 }'; } > "$WORK/cron/wide-20261124-000000.txt"
fi
want info-cron && run_fragscope info-cron "$WORK/cron"
