#!/usr/bin/env bash
# Scans logs for secrets: the MAAS API key (each of consumer/token/secret), the sandbox bearer token and
# bootstrap user data (the Cluster API stand-in's cloud-config, as text and as base64). None may appear.
#   hack/chaos/scan-secrets.sh LOGDIR...
# Secrets are read from the running sandbox ($KUBECONFIG: the credentials Secret, the kubeconfig's token and the
# bootstrap Secrets) and from $MAAS_API_KEY / $SANDBOX_TOKEN when set. Kubeconfig files themselves are skipped
# (they hold the token by design).
set -euo pipefail
(( $# )) || { echo "usage: $0 LOGDIR..." >&2; exit 2; }

PATTERNS="$(mktemp)"; trap 'rm -f "$PATTERNS"' EXIT
add() { [[ ${#1} -ge 8 ]] && printf '%s\n' "$1" >>"$PATTERNS" || true; }

KEY="${MAAS_API_KEY:-}"
TOKEN="${SANDBOX_TOKEN:-}"
if [[ -n "${KUBECONFIG:-}" && -s "$KUBECONFIG" ]]; then
  [[ -n "$TOKEN" ]] || TOKEN="$(kubectl config view --raw -o jsonpath='{.users[0].user.token}' 2>/dev/null || true)"
  [[ -n "$KEY" ]] || KEY="$(kubectl get secret -n capmaas-system capmaas-manager-bootstrap-credentials \
      -o jsonpath='{.data.MAAS_API_KEY}' 2>/dev/null | base64 -d 2>/dev/null || true)"
  # every bootstrap Secret's user data: distinctive lines and the base64 prefix
  while IFS= read -r value; do
    [[ -n "$value" ]] || continue
    add "${value:0:40}"
    text="$(base64 -d <<<"$value" 2>/dev/null || true)"
    while IFS= read -r line; do
      line="$(sed 's/^ *//' <<<"$line")"
      [[ ${#line} -ge 20 ]] && add "$line"
    done <<<"$text"
  done < <(kubectl get secrets -A -o jsonpath='{range .items[?(@.type=="cluster.x-k8s.io/secret")]}{.data.value}{"\n"}{end}' 2>/dev/null || true)
fi
# the stand-in's cloud-config, even when no sandbox is running
add "Bootstrap data from the Cluster API stand-in"
add "/etc/capmaas-standin/machine"
add "$(printf '#cloud-config\n# Bootstrap data from the Cluster API stand-in' | base64 -w0 | cut -c1-40)"
if [[ -n "$KEY" ]]; then
  add "$KEY"
  IFS=: read -r consumer tok sec <<<"$KEY"
  add "$consumer"; add "$tok"; add "$sec"
fi
add "$TOKEN"
sort -u -o "$PATTERNS" "$PATTERNS"

FILES=()
while IFS= read -r -d '' f; do FILES+=("$f"); done < <(find "$@" -type f ! -name '*kubeconfig*' ! -name 'build.log' -print0)
echo "secrets scan: $(wc -l <"$PATTERNS") patterns (MAAS key parts: $([[ -n "$KEY" ]] && echo yes || echo no), token: $([[ -n "$TOKEN" ]] && echo yes || echo no)) over ${#FILES[@]} files"
(( ${#FILES[@]} )) || exit 0
if HITS="$(grep -F -n -f "$PATTERNS" "${FILES[@]}" 2>/dev/null)"; then
  echo "SECRET LEAK: $(wc -l <<<"$HITS") lines, e.g.:" >&2
  head -5 <<<"$HITS" | cut -c1-200 >&2
  exit 1
fi
echo "secrets scan: clean"
