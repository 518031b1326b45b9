#!/usr/bin/env bash
# The fleet job in local mode against `fragscope analyze` on the same files: files per minute and MB/s per core.
#   scripts/bench-fleet.sh [INPUT_FOLDER_OR_FILE] [CORES]     (default ../shared/groundtruth, 2 cores)
# Each tool runs once under /usr/bin/time -v (wall, user+system CPU, peak RSS); the job's analysis stage (every file
# read, before the tables) is its own "files analysed in S s" line. MB are 10^6 bytes. The machine's load average is
# printed before and after: on a shared machine the figures move with it.
set -euo pipefail
cd "$(dirname "$0")/.."
in=${1:-../shared/groundtruth}
cores=${2:-2}
[ -f target/fragscope.jar ] && [ -f target/fragscope-spark.jar ] || mvn -B -q -DskipTests package
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$in" -type f ! -name '.*' | wc -l)
bytes=$(find "$in" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "inputs: $in: $files files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}') MB; $(nproc) cores on the machine, the job on $cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
seconds() { # h:mm:ss or m:ss.ss
  awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$1"
}
report() { # name time-file [stage-seconds]
  local wall cpu rss
  wall=$(seconds "$(field 'Elapsed (wall clock) time' "$2")")
  cpu=$(awk -v u="$(field 'User time (seconds)' "$2")" -v s="$(field 'System time (seconds)' "$2")" 'BEGIN {print u + s}')
  rss=$(field 'Maximum resident set size (kbytes)' "$2")
  awk -v n="$1" -v w="$wall" -v c="$cpu" -v r="$rss" -v f="$files" -v b="$bytes" -v st="${3:-}" -v k="$cores" 'BEGIN {
    printf "%-22s wall %7.1f s  cpu %7.1f s  peak RSS %5d MiB  %7.0f files/min  %6.1f MB/s  %6.1f MB/s per CPU-second\n",
      n, w, c, r / 1024, f / w * 60, b / 1e6 / w, b / 1e6 / c
    busy = f < k ? f : k   # one task per file: fewer files than cores leave cores idle
    if (st != "") printf "%-22s stage %6.1f s on %d busy cores: %7.0f files/min  %6.1f MB/s  %6.1f MB/s per core\n",
      "  job analysis stage", st, busy, f / st * 60, b / 1e6 / st, b / 1e6 / st / busy
  }'
}

set +e
/usr/bin/time -v java -jar target/fragscope.jar analyze -q -f json -o "$tmp/cli" "$in" >"$tmp/cli.out" 2>"$tmp/cli.time"
echo "cli exit $?"
MASTER="local[$cores]" /usr/bin/time -v scripts/fleet-local.sh --inputs "$in" --out "$tmp/job" >"$tmp/job.out" 2>"$tmp/job.time"
echo "job exit $?"
set -e
stage=$(grep -o 'files analysed in [0-9.]* s' "$tmp/job.time" | awk '{print $4}')
report "fragscope analyze" "$tmp/cli.time"
report "FleetJob local[$cores]" "$tmp/job.time" "$stage"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
