#!/usr/bin/env bash
# Regenerates samples/ from a real redis-server: INFO dumps of one instance through a clean state, a
# fragmented state, MEMORY PURGE, a short timeline and a restart; an RDB and a SCAN + MEMORY USAGE
# listing of the same instance. Needs redis-server and redis-cli (apt-get install -y redis-server).
#
#   scripts/make-samples.sh [OUT_DIR]      (default: samples)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-samples}
WORK=$(mktemp -d)
PORT=$(( 20000 + RANDOM % 20000 ))
SERVER=""
cleanup() { [ -n "$SERVER" ] && redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

start() {
  "$(command -v redis-server)" --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" --daemonize yes \
    --logfile "$WORK/redis.log" --pidfile "$WORK/redis.pid" >/dev/null
  SERVER=1
  for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "redis-server did not start" >&2; exit 1
}
cli() { redis-cli -p "$PORT" "$@"; }
capture() {   # one INFO all dump, named like a cron job names it
  sleep 1
  cli INFO all > "$OUT/info/cache-01-$(date -u +%Y%m%d-%H%M%S).txt"
}

# RESP for redis-cli --pipe, deterministic (awk's srand with a fixed seed).
dataset() {
  awk -v SEED=17 'function cmd(n, a,   i, s) { s = "*" n "\r\n"; for (i = 1; i <= n; i++) s = s "$" length(a[i]) "\r\n" a[i] "\r\n"; printf "%s", s }
    function word(len,   s) { s = ""; while (length(s) < len) s = s substr("abcdefghijklmnopqrstuvwxyz0123456789", int(rand() * 36) + 1, 6); return substr(s, 1, len) }
    BEGIN { srand(SEED)
      for (i = 0; i < 20000; i++) {                       # strings: ints, embstr, raw; a third with TTLs
        a[1] = "SET"; a[2] = "user:" i ":name"; r = rand()
        a[3] = r < 0.3 ? int(rand() * 20000) : word(r < 0.7 ? 5 + int(rand() * 39) : 45 + int(rand() * 300)); cmd(3, a)
        if (i % 3 == 0) { b[1] = "PEXPIREAT"; b[2] = a[2]; b[3] = sprintf("%.0f", 2400000000000 + i); cmd(3, b) } }
      for (i = 0; i < 3000; i++) {                        # small hashes (listpack), some with a long value (hashtable)
        n = 3 + int(rand() * 12); a[1] = "HSET"; a[2] = "session:" i; m = 2
        for (j = 0; j < n; j++) { a[++m] = "field" j; a[++m] = (i % 25 == 0 && j == 0) ? word(120) : word(4 + int(rand() * 30)) }
        cmd(m, a) }
      for (i = 0; i < 800; i++) {                         # lists
        n = 5 + int(rand() * 60); a[1] = "RPUSH"; a[2] = "queue:" i; m = 2
        for (j = 0; j < n; j++) a[++m] = word(8 + int(rand() * 80)); cmd(m, a) }
      for (i = 0; i < 800; i++) {                         # intsets and string sets
        n = 3 + int(rand() * 40); a[1] = "SADD"; a[2] = "tags:" i; m = 2
        for (j = 0; j < n; j++) a[++m] = (i % 2) ? int(rand() * 100000) : "tag-" word(6); cmd(m, a) }
      for (i = 0; i < 400; i++) {                         # zsets
        n = 5 + int(rand() * 60); a[1] = "ZADD"; a[2] = "rank:" i; m = 2
        for (j = 0; j < n; j++) { a[++m] = int(rand() * 1000); a[++m] = "player-" word(8) }; cmd(m, a) }
      a[1] = "HSET"; a[2] = "catalog:big"; m = 2; for (j = 0; j < 2000; j++) { a[++m] = "sku" j; a[++m] = word(30) }; cmd(m, a)
      a[1] = "ZADD"; a[2] = "leaderboard"; m = 2; for (j = 0; j < 3000; j++) { a[++m] = j * 7 % 1000; a[++m] = "p" j }; cmd(m, a)
      a[1] = "SADD"; a[2] = "visitors"; m = 2; for (j = 0; j < 4000; j++) a[++m] = "v-" j; cmd(m, a)
      a[1] = "RPUSH"; a[2] = "events"; m = 2; for (j = 0; j < 6000; j++) a[++m] = "event-" word(40); cmd(m, a)
      for (j = 0; j < 400; j++) { a[1] = "XADD"; a[2] = "orders"; a[3] = "*"; a[4] = "sku"; a[5] = "sku" j; a[6] = "qty"; a[7] = j % 9; cmd(7, a) }
    }'
  # key names an application user could choose: binary bytes and spreadsheet formulas
  printf '*3\r\n$3\r\nSET\r\n$8\r\nbin:\x00\xff\x01k\r\n$5\r\nvalue\r\n'
  printf '*3\r\n$3\r\nSET\r\n$18\r\n=cmd|'"'"' /C calc'"'"'!A0\r\n$5\r\nvalue\r\n'
  printf '*3\r\n$3\r\nSET\r\n$8\r\n+SUM(1)!\r\n$5\r\nvalue\r\n'
}

churn() {   # N keys of varied sizes, then delete most of them at random (deterministic)
  awk -v N="$1" -v SEED="$2" 'BEGIN { srand(SEED)
    for (i = 0; i < N; i++) { v = ""; len = 10 + int(rand() * 390); while (length(v) < len) v = v "xxxxxxxxxxxxxxxxxxxx"
      printf "*3\r\n$3\r\nSET\r\n$%d\r\nchurn:%d:%d\r\n$%d\r\n%s\r\n", length("churn:" SEED ":" i), SEED, i, len, substr(v, 1, len) } }' | cli --pipe >/dev/null
  awk -v N="$1" -v SEED="$2" 'BEGIN { srand(SEED + 1)
    for (i = 0; i < N; i++) if (rand() < 0.85) printf "*2\r\n$6\r\nUNLINK\r\n$%d\r\nchurn:%d:%d\r\n", length("churn:" SEED ":" i), SEED, i }' | cli --pipe >/dev/null
}

listing() {   # SCAN + MEMORY USAGE, binary-safe: Lua hex-encodes names, awk escapes them like shared/groundtruth keys.csv
  cat > "$WORK/scan.lua" <<'LUA'
local out, cursor = {}, "0"
repeat
  local r = redis.call("SCAN", cursor, "COUNT", 1000)
  cursor = r[1]
  for _, k in ipairs(r[2]) do
    local t = redis.call("TYPE", k)["ok"]
    local n = 0
    if t == "string" then n = redis.call("STRLEN", k) elseif t == "hash" then n = redis.call("HLEN", k)
    elseif t == "list" then n = redis.call("LLEN", k) elseif t == "set" then n = redis.call("SCARD", k)
    elseif t == "zset" then n = redis.call("ZCARD", k) elseif t == "stream" then n = redis.call("XLEN", k) end
    local hex = k:gsub(".", function(c) return string.format("%02x", string.byte(c)) end)
    out[#out + 1] = hex .. " " .. t .. " " .. redis.call("OBJECT", "ENCODING", k) .. " " ..
      redis.call("MEMORY", "USAGE", k, "SAMPLES", 0) .. " " .. n .. " " .. redis.call("PTTL", k)
  end
until cursor == "0"
return out
LUA
  echo "db,key,type,encoding,memory_usage,elements,ttl_ms"
  cli --raw --eval "$WORK/scan.lua" | awk '
    BEGIN { for (i = 0; i < 256; i++) hexv[sprintf("%02x", i)] = i }
    { key = ""; h = $1
      for (i = 1; i <= length(h); i += 2) { c = hexv[substr(h, i, 2)]
        if (c >= 32 && c < 127 && c != 92) key = key sprintf("%c", c); else key = key sprintf("\\x%02x", c) }
      if (key ~ /[",]/) { gsub(/"/, "\"\"", key); key = "\"" key "\"" }
      print "0," key "," $2 "," $3 "," $4 "," $5 "," $6 }' | sort -t, -k2
}

rm -rf "$OUT"
mkdir -p "$OUT/info" "$OUT/rdb" "$OUT/keys"
start
capture                                            # empty server
dataset | cli --pipe >/dev/null
cli XGROUP CREATE orders billing 0 >/dev/null
cli XREADGROUP GROUP billing worker-1 COUNT 60 STREAMS orders '>' >/dev/null
capture                                            # clean: the dataset
cli SAVE >/dev/null
cp "$WORK/dump.rdb" "$OUT/rdb/dump.rdb"
listing > "$OUT/keys/keys-memory-usage.csv"
capture                                            # right after SAVE: its rdb_last_save_time is the RDB's ctime
cli SHUTDOWN NOSAVE >/dev/null 2>&1 || true
SERVER=""
sleep 0.5
start                                              # restart from the RDB: a new run_id in the same series
capture
churn 400000 1
sleep 2
capture                                            # fragmented: most small keys deleted
cli MEMORY PURGE >/dev/null
capture                                            # after MEMORY PURGE
for round in 2 3 4 5; do                           # a short timeline of churn
  churn 60000 "$round"
  capture
done

cat > "$OUT/README.md" <<MD
# samples

Real artifacts written by a real Redis, regenerated by \`scripts/make-samples.sh\` (it starts its own
redis-server on 127.0.0.1 in a temporary folder). Written by $(cli INFO server | tr -d '\r' | grep -E '^redis_version:' | cut -d: -f2)
with mem_allocator $(cli INFO memory | tr -d '\r' | grep -E '^mem_allocator:' | cut -d: -f2), executable \`$(cli INFO server | tr -d '\r' | grep -E '^executable:' | cut -d: -f2)\`
(started by its full path, so INFO names the binary, not the folder the script ran in).

- \`info/cache-01-*.txt\`: \`INFO all\` of one instance (\`cache-01\`), named as a cron job names its dumps, in
  this order: an empty server; the dataset loaded (strings, hashes, lists, sets, sorted sets, a stream with a
  consumer group, a third of the keys with TTLs, binary and formula-like key names); right after \`SAVE\`;
  after a restart that loaded that RDB (a new \`run_id\` in the same series); after 400,000 small keys were
  written and 85% of them deleted (fragmented); after \`MEMORY PURGE\`; four captures of further churn.
- \`rdb/dump.rdb\`: the RDB saved in the clean state; the INFO dump captured right after the \`SAVE\` has the
  \`rdb_last_save_time\` as the file's \`ctime\`, so fragscope matches the two and reconciles the keys with
  \`used_memory\` and \`used_memory_rss\`.
- \`keys/keys-memory-usage.csv\`: \`SCAN\` + \`MEMORY USAGE key SAMPLES 0\` of every key of that state, the
  format of shared/groundtruth keys.csv (\`db,key,type,encoding,memory_usage,elements,ttl_ms\`, non-printable
  bytes and \`\\\` as \`\\xNN\`).
MD
echo "samples written to $OUT/"
