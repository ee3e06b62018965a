#!/usr/bin/env bash
# Informer benchmark against the in-process sandbox API server over HTTPS on 127.0.0.1:
# loads 1000 MaasMachines (crds/), reports initial Reflector sync time, watch events per second for 5000
# updates and peak RSS (of the test process, which hosts both the sandbox and the client).
# Usage: hack/bench-sandbox-informer.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-debug}"
CAPMAAS_BENCH=1 swift test -c "$config" --filter SandboxInformerBenchmark 2>&1 | grep -E "bench-sandbox-informer:|passed|failed|error:"
