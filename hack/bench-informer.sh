#!/usr/bin/env bash
# Informer benchmark: initial sync of 1000 custom objects, watch events per second, peak RSS.
# Runs over loopback against the scripted fake API server in the KubeRuntime tests.
# Usage: hack/bench-informer.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-debug}"
CAPMAAS_BENCH=1 swift test -c "$config" --filter InformerBenchmark 2>&1 | grep -E "bench-informer:|passed|failed"
