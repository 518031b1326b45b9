#!/usr/bin/env bash
# Times a long cron series: N INFO dumps (default 5,500: 19 days every 5 minutes) made from the real
# dumps in samples/info by varying their numbers, analysed with -Xmx256m into every format.
# Usage: scripts/bench-series.sh [N] [WORKDIR]
set -euo pipefail
n=${1:-5500}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/.." && pwd)
jar=$here/target/fragscope.jar
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
in=$work/info
rm -rf "$in" "$work/out" && mkdir -p "$in"
mapfile -t real < <(ls "$here"/samples/info/*.txt | sort)
start=$(date -u -d 2026-11-01T00:00:00Z +%s)
for ((i = 0; i < n; i++)); do
  t=$((start + i * 300))
  src=${real[$((i * ${#real[@]} / n))]}
  # Grow the byte fields by up to 7 % and move server_time_usec to the dump's slot in the series.
  awk -v t="$t" -v k="$((i % 7))" -F: '
    /^(used_memory|used_memory_rss|used_memory_peak|used_memory_dataset|allocator_allocated|allocator_active|allocator_resident):[0-9]+\r?$/ {
      v = $2; sub(/\r$/, "", v); printf "%s:%d\r\n", $1, v * (1 + k / 100); next }
    /^server_time_usec:/ { printf "server_time_usec:%d000000\r\n", t; next }
    { print }' "$src" > "$in/cache-01-$(date -u -d "@$t" +%Y%m%d-%H%M%S).txt"
done
echo "$n dumps, $(du -sh "$in" | cut -f1) in $in"
/usr/bin/time -f "wall %e s, max RSS %M KiB" java -Xmx256m -jar "$jar" analyze -q -f xlsx,csv,json -o "$work/out" "$in"
ls -la "$work/out"
