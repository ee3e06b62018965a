#!/usr/bin/env bash
# Short CI form of the chaos suite: crash (30 kills, ~100 machines churned), faults (20 machines), HA, each
# ending in the secrets scan. Fails loudly on the first failing script.
set -euo pipefail
DIR="$(cd "$(dirname "$0")" && pwd)"
run() { echo "######## $*"; "$@" || { echo "FAIL: $* (logs in hack/out/chaos/)" >&2; exit 1; }; }
run "$DIR/crash.sh" --machines 100 --kills 30 --seconds 180
run "$DIR/faults.sh" --machines 20 --seconds 240
run "$DIR/ha.sh" --machines 10 --seconds 120
echo "PASS chaos CI"
