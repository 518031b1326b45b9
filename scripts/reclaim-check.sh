#!/usr/bin/env bash
# Runs the live reclaim-plan check (ReclaimLiveTest) on this machine's redis-server and the Valkey builds in
# ../shared/bin, and prints the predicted vs observed table the README shows. Each build takes 10-20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/reclaim-check
mvn -B -q -o test -Dtest=ReclaimLiveTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null || {
  echo "ReclaimLiveTest failed: see fragscope-core/target/surefire-reports" >&2; cat target/reclaim-check/*.md 2>/dev/null; exit 1; }
cat target/reclaim-check/*.md
