#!/usr/bin/env bash
# Records which functions a running manager executes and writes them to hack/link-order/capmaas.order, the
# symbol ordering file release links use (Package.swift) to place that code first in .text.
#
#   hack/link-order/profile.sh [--binary PATH] [--machines N] [--out FILE]
#     --binary    a release capmaas (default: .build/release/capmaas; built with `swift build -c release` if missing)
#     --machines  machines the profiled bench creates, deploys and deletes (default 100)
#     --out       where to write the order (default hack/link-order/capmaas.order)
#
# How: hack/bench/run.sh with the manager under valgrind's callgrind (its whole lifecycle: startup, leader election,
# watches, allocate/deploy/poll/Ready, Node providerIDs, deletion, shutdown), then every function callgrind saw run
# in the executable, sorted by name (which groups them by module). valgrind 3.19 cannot read the DWARF that Swift 6.3
# writes, so the profiled copy has its debug info stripped (the symbols stay). Takes ~5 min; needs valgrind
# (installed with apt-get when missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BINARY="" MACHINES=100 OUT="$ROOT/hack/link-order/capmaas.order"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --binary) BINARY="$2"; shift 2 ;;
    --machines) MACHINES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
fail() { echo "profile: $*" >&2; exit 1; }
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; } || fail "valgrind is missing and apt-get could not install it"
if [[ -z "$BINARY" ]]; then
  BINARY="$ROOT/.build/release/capmaas"
  [[ -x "$BINARY" ]] || (cd "$ROOT" && swift build -c release --product capmaas) || fail "release build failed"
fi
[[ -x "$BINARY" ]] || fail "no executable at $BINARY"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
strip --strip-debug -o "$WORK/capmaas" "$BINARY"
cat >"$WORK/manager" <<WRAPPER
#!/bin/sh
exec valgrind --tool=callgrind --demangle=no --dump-instr=no --dump-line=no --compress-strings=no --compress-pos=no \
  --callgrind-out-file="$WORK/callgrind.%p" "$WORK/capmaas" "\$@"
WRAPPER
chmod +x "$WORK/manager"

echo "==> bench with the manager under callgrind ($MACHINES machines; the manager runs ~50x slower)"
"$ROOT/hack/bench/run.sh" --machines "$MACHINES" --binary "$BINARY" --manager-binary "$WORK/manager" \
  --manager-args "--leader-elect" --idle-seconds 5 --timeout 1800 --suffix -profile >"$WORK/bench.log" 2>&1 \
  || { tail -n 30 "$WORK/bench.log"; fail "the profiled bench failed"; }

echo "==> executed functions"
nm --defined-only "$WORK/capmaas" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u >"$WORK/defined"
python3 "$ROOT/hack/link-order/executed_functions.py" "$WORK/defined" "$WORK"/callgrind.* >"$WORK/order"
[[ -s "$WORK/order" ]] || fail "callgrind recorded no functions of the executable"
mv "$WORK/order" "$OUT"
echo "wrote $OUT: $(wc -l <"$OUT") functions"
