#!/usr/bin/env bash
# Asserts that the shipped executable links no test bed: no code of the sandbox API server (KubeSandbox), the MAAS
# simulator (MaasSimulator), the Cluster API stand-in (CAPIStandIn), nor of what only they need (HummingbirdTLS,
# swift-certificates' X509, swift-crypto's Crypto/_CryptoExtras and its BoringSSL copy). Reads the binary's defined
# symbols (Swift mangles the module into every symbol name), so it works on debug and release builds alike.
#
#   hack/check-product-link.sh [BINARY]     (default: the debug build's capmaas, built if missing)
#
# Prints the binary's size and PASS, or the offending modules with symbol counts and a sample, and exits 1.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-}"
if [[ -z "$BIN" ]]; then
  (cd "$ROOT" && swift build --product capmaas >/dev/null)
  BIN="$(cd "$ROOT" && swift build --product capmaas --show-bin-path)/capmaas"
fi
[[ -x "$BIN" ]] || { echo "FAIL: no executable at $BIN" >&2; exit 1; }
SYMBOLS="$(mktemp)"
trap 'rm -f "$SYMBOLS"' EXIT
nm --defined-only "$BIN" | awk '{print $3}' >"$SYMBOLS"
[[ -s "$SYMBOLS" ]] || { echo "FAIL: $BIN has no symbol table to check (stripped?)" >&2; exit 1; }

# Swift modules as mangled (<length><name>, not preceded by another digit), and C symbol prefixes.
FORBIDDEN=(11KubeSandbox 13MaasSimulator 11CAPIStandIn 15HummingbirdTLS 4X509 6Crypto 13_CryptoExtras)
C_PREFIXES=(CCryptoBoringSSL_)
bad=0
for module in "${FORBIDDEN[@]}"; do
  count=$(grep -cE "(^|[^0-9])$module" "$SYMBOLS" || true)
  if (( count > 0 )); then
    echo "FAIL: $count symbols of module ${module#"${module%%[!0-9]*}"}, e.g. $(grep -m1 -E "(^|[^0-9])$module" "$SYMBOLS")" >&2
    bad=1
  fi
done
for prefix in "${C_PREFIXES[@]}"; do
  count=$(grep -c "^$prefix" "$SYMBOLS" || true)
  if (( count > 0 )); then echo "FAIL: $count C symbols $prefix*" >&2; bad=1; fi
done
(( bad == 0 )) || { echo "FAIL: $BIN links the test bed (Package.swift: CapmaasCLI must not depend on it)" >&2; exit 1; }
echo "PASS: $BIN ($(stat -c %s "$BIN") bytes, $(wc -l <"$SYMBOLS") symbols) links none of KubeSandbox, MaasSimulator, CAPIStandIn, HummingbirdTLS, X509, Crypto"
