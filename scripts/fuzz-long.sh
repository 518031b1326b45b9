#!/usr/bin/env bash
# A long fuzzing run of one reader (the test suite fuzzes each for seconds only):
#   scripts/fuzz-long.sh rdb|info|listing [SECONDS]      (default 3600)
# The target's heap is limited like a production run's (FUZZ_HEAP, default 128m): an allocation sized by a
# length the input claims shows up as an OutOfMemoryError finding. Niced: the machine is shared.
# Findings are written to target/fuzz-findings/; copy each into the target's Inputs folder under
# fragscope-core/src/test/resources/io/fragscope/fuzz/ with a name that says what it found, so it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  rdb) target=RdbReaderFuzzTest; seeds=read ;;
  info) target=InfoParserFuzzTest; seeds=parse ;;
  listing) target=ListingReaderFuzzTest; seeds=read ;;
  *) echo "usage: $0 rdb|info|listing [SECONDS]" >&2; exit 2 ;;
esac
secs=${2:-3600}
mkdir -p target
mvn -B -q -DskipTests -pl fragscope-core test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/test-classpath.txt"
mkdir -p target/fuzz-findings "target/fuzz-corpus/$target"
nice -n 10 java -Xmx"${FUZZ_HEAP:-128m}" -cp "fragscope-core/target/test-classes:fragscope-core/target/classes:$(cat target/test-classpath.txt)" com.code_intelligence.jazzer.Jazzer \
  --target_class="io.fragscope.fuzz.$target" --reproducer_path=target/fuzz-findings \
  -artifact_prefix=target/fuzz-findings/ -max_total_time="$secs" -rss_limit_mb=4096 \
  "target/fuzz-corpus/$target" "fragscope-core/src/test/resources/io/fragscope/fuzz/${target}Inputs/$seeds"
