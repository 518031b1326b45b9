#!/usr/bin/env bash
# A long damage campaign (the test suite runs 25 seconds of it, DamageCampaignTest):
#   scripts/damage-campaign.sh [SECONDS] [SEED] [CUTS]   (default 1800 s, seed from the clock, 200 cuts per file)
#   scripts/damage-campaign.sh every-cut [WHOLE_UP_TO] [ENDS] [PATH_PART] (default 65536 and 16384: every byte of
#       files up to 64 KiB; of larger ones every byte of the first and last 16 KiB and 500 key boundaries; through the
#       library; PATH_PART keeps the files whose path contains it, e.g. groundtruth)
# Truncates (CUTS evenly spaced points of each file on the first pass, 0 = every point; random ones after), flips bytes in and writes length lies into every RDB of
# ../shared/corpus and ../shared/groundtruth, cuts and flips their INFO dumps and listings, adds made-up extremes,
# and runs `fragscope analyze` on each in one JVM limited to 128 MiB, niced (the machine is shared). Prints the
# count per outcome; cases that went wrong are kept in target/damage/findings.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-1800}
seed=${2:-$(date +%s)}
mkdir -p target
mvn -B -q -o -DskipTests -pl fragscope-cli -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/test-classpath.txt"
rm -rf target/damage/case && mkdir -p target/damage
cp="fragscope-cli/target/test-classes:fragscope-cli/target/classes:$(cat target/test-classpath.txt)"
if [ "${1:-}" = every-cut ]; then
  nice -n 10 java -Xmx128m -cp "$cp" io.fragscope.damage.DamageCampaign every-cut target/damage "${2:-65536}" "${3:-16384}" "${4:-}" | tee target/damage/every-cut.txt
  exit 0
fi
nice -n 10 java -Xmx128m -cp "$cp" io.fragscope.damage.DamageCampaign "$secs" "$seed" target/damage "${3:-200}" | tee target/damage/campaign-$seed.txt
