#!/usr/bin/env bash
# Validate the capmaas install artifacts.
#
#   hack/check-manifests.sh [options]
#
# Always (offline):
#   - every YAML file under manifests/ parses; `kubectl kustomize manifests/` builds
#   - hack/build-components.sh assembles infrastructure-components.yaml from crds/
#   - every object carries cluster.x-k8s.io/provider: infrastructure-maas
#   - the Deployment's security settings, probes, ports, resources and args
#   - RBAC: no '*' anywhere, and exactly the reviewed permission set
#   - metadata.yaml (clusterctl v1alpha3, 0.1 -> v1beta2) matches the CRDs'
#     contract label; cluster-template.yaml renders to well-typed, linked objects
#     whose MAAS kinds validate against the CRD schemas
#   - a self-test: known-bad edits (writable root fs, '*' verb, ...) are caught
# With a kubeconfig (--kubeconfig PATH, or KUBECONFIG set):
#   - kubectl apply --dry-run=client on each manifest, the kustomized base and
#     the assembled components (their ${VARIABLES} substituted as clusterctl would,
#     from the environment or hack/template_rules.py COMPONENTS_SAMPLE);
#     --server-dry-run adds --dry-run=server (capmaas-sandbox serves every kind
#     in the manifests, Deployment and Service included)
#
# Options:
#   --kubeconfig PATH     cluster to dry-run against (default: $KUBECONFIG if set)
#   --server-dry-run      also run --dry-run=server (needs namespace capmaas-system;
#                         add --create-namespace to create it for real)
#   --create-namespace    create namespace capmaas-system if missing (server dry-run only)
#   --include-template    also dry-run cluster-template.yaml rendered with sample
#                         values (needs the Cluster API CRDs on that cluster)
#   --validate MODE       kubectl --validate value (strict|warn|ignore; default strict)
#   --crds DIR            CRD directory (default: crds/, or $CRDS_DIR)
#   --skip-kind KIND      leave objects of this kind out of the dry runs, each listed
#                         as SKIP (repeatable; for test servers that do not serve it)
# Exit status 0 when everything passes, 1 otherwise (each failure is listed).
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep hack/ free of __pycache__

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kubeconfig="${KUBECONFIG:-}"
server_dry_run=false
create_namespace=false
include_template=false
validate="strict"
crds_dir="${CRDS_DIR:-${root}/crds}"
skip_kinds=()

die() { echo "check-manifests: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --kubeconfig) [[ $# -ge 2 ]] || die "--kubeconfig needs a path"; kubeconfig="$2"; shift 2 ;;
    --kubeconfig=*) kubeconfig="${1#--kubeconfig=}"; shift ;;
    --server-dry-run) server_dry_run=true; shift ;;
    --create-namespace) create_namespace=true; shift ;;
    --include-template) include_template=true; shift ;;
    --validate) [[ $# -ge 2 ]] || die "--validate needs a mode"; validate="$2"; shift 2 ;;
    --validate=*) validate="${1#--validate=}"; shift ;;
    --crds) [[ $# -ge 2 ]] || die "--crds needs a directory"; crds_dir="$2"; shift 2 ;;
    --crds=*) crds_dir="${1#--crds=}"; shift ;;
    --skip-kind) [[ $# -ge 2 ]] || die "--skip-kind needs a kind"; skip_kinds+=("$2"); shift 2 ;;
    --skip-kind=*) skip_kinds+=("${1#--skip-kind=}"); shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

command -v kubectl >/dev/null || die "kubectl not found in PATH"
command -v python3 >/dev/null || die "python3 not found in PATH"
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "check-manifests: installing PyYAML (python3 -m pip install --user pyyaml)" >&2
  python3 -m pip install --quiet --user pyyaml >&2 || die "PyYAML is missing and could not be installed"
fi
if [[ -n "${kubeconfig}" && ! -r "${kubeconfig}" ]]; then
  die "kubeconfig '${kubeconfig}' is not readable"
fi
if [[ "${server_dry_run}" == true && -z "${kubeconfig}" ]]; then
  die "--server-dry-run needs a kubeconfig (--kubeconfig PATH or KUBECONFIG)"
fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
failures=()
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures+=("$*"); }

# 1. The kustomize base builds on its own.
if kubectl kustomize "${root}/manifests" > "${work}/base.yaml" 2> "${work}/base.err"; then
  pass "kubectl kustomize manifests/"
else
  sed 's/^/    /' "${work}/base.err"
  fail "kubectl kustomize manifests/ does not build"
fi

# 2. The clusterctl components assemble (needs crds/).
components=()
if "${root}/hack/build-components.sh" --out "${work}/release" --crds "${crds_dir}" 2> "${work}/build.err"; then
  pass "hack/build-components.sh (infrastructure-components.yaml, metadata.yaml, cluster-template.yaml)"
  components=(--components "${work}/release/infrastructure-components.yaml")
  # What clusterctl would apply: variables substituted (environment first, then the samples).
  if python3 - "${root}/hack" "${work}/release/infrastructure-components.yaml" > "${work}/components-rendered.yaml" 2> "${work}/render.err" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
import envsubst, template_rules
values = dict(template_rules.COMPONENTS_SAMPLE)
values.update({key: value for key, value in os.environ.items() if key in values or key == "CAPMAAS_VERSION"})
rendered, missing = envsubst.render(open(sys.argv[2], encoding="utf-8").read(), values)
sys.stdout.write(rendered)
if missing:
    sys.exit(f"variables without a value: {sorted(set(missing))} (add them to hack/template_rules.py COMPONENTS_SAMPLE)")
EOF
  then
    pass "infrastructure-components.yaml renders with its variables substituted"
  else
    cat "${work}/render.err"
    fail "infrastructure-components.yaml: variables could not be substituted"
  fi
else
  sed 's/^/    /' "${work}/build.err"
  fail "hack/build-components.sh could not assemble infrastructure-components.yaml"
fi

# 3. Static rules (parsing, labels, security, RBAC, metadata, template).
crd_args=()
if [[ -d "${crds_dir}" ]]; then
  crd_args=(--crds "${crds_dir}")
fi
if python3 "${root}/hack/manifests.py" check --manifests "${root}/manifests" \
     --kustomized "${work}/base.yaml" "${components[@]}" "${crd_args[@]}" 2> "${work}/rules.err"; then
  pass "static rules: YAML parses, provider label, Deployment security, RBAC least privilege, metadata, template"
else
  cat "${work}/rules.err"
  fail "static rules (listed above)"
fi

# 3b. The rules can fail: known-bad edits of the base must each be caught.
if [[ -s "${work}/base.yaml" ]]; then
  if summary="$(python3 "${root}/hack/manifests.py" selftest --kustomized "${work}/base.yaml" 2> "${work}/selftest.err")"; then
    pass "rule self-test: ${summary}"
  else
    cat "${work}/selftest.err"
    fail "rule self-test (listed above)"
  fi
fi

# 4. Dry runs against a cluster.
dry_run() {  # mode file label
  local output file="$2"
  if [[ ${#skip_kinds[@]} -gt 0 ]]; then
    file="${work}/dry-run-input.yaml"
    # Drop the skipped kinds; one SKIP line per dropped object.
    python3 - "$2" "${file}" "$3" "${skip_kinds[@]}" <<'EOF'
import sys, yaml
source, target, label, skip = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:])
kept = []
for doc in yaml.safe_load_all(open(source, encoding="utf-8")):
    if not doc:
        continue
    if doc.get("kind") in skip:
        print(f"SKIP kubectl apply --dry-run of {doc['kind']}/{doc.get('metadata', {}).get('name')} in {label} (--skip-kind)")
    else:
        kept.append(doc)
with open(target, "w", encoding="utf-8") as out:
    if kept:
        yaml.safe_dump_all(kept, out, sort_keys=False)
EOF
    [[ -s "${file}" ]] || { echo "SKIP kubectl apply --dry-run=$1 $3 (only skipped kinds)"; return 0; }
  fi
  if output="$(kubectl --kubeconfig "${kubeconfig}" apply --dry-run="$1" --validate="${validate}" -f "${file}" 2>&1)"; then
    pass "kubectl apply --dry-run=$1 $3"
  else
    echo "${output}" | sed 's/^/    /'
    fail "kubectl apply --dry-run=$1 $3"
  fi
}

if [[ -z "${kubeconfig}" ]]; then
  echo "SKIP kubectl apply --dry-run (no kubeconfig: pass --kubeconfig PATH or set KUBECONFIG)"
else
  targets=()
  while IFS= read -r file; do
    targets+=("${file}")
  done < <(cd "${root}" && find manifests -name '*.yaml' ! -name kustomization.yaml ! -path 'manifests/clusterctl/*' | sort)
  modes=(client)
  if [[ "${server_dry_run}" == true ]]; then
    modes+=(server)
    if ! kubectl --kubeconfig "${kubeconfig}" get namespace capmaas-system >/dev/null 2>&1; then
      if [[ "${create_namespace}" == true ]]; then
        if kubectl --kubeconfig "${kubeconfig}" create namespace capmaas-system >/dev/null; then
          pass "created namespace capmaas-system for the server dry run"
        else
          fail "could not create namespace capmaas-system"
        fi
      else
        fail "server dry run: namespace capmaas-system does not exist (namespaced objects would be rejected); pass --create-namespace"
      fi
    fi
  fi
  if [[ "${include_template}" == true ]]; then
    if ! python3 - "${root}/hack" "${root}/manifests/clusterctl/cluster-template.yaml" > "${work}/cluster.yaml" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import envsubst, template_rules
rendered, missing = envsubst.render(open(sys.argv[2], encoding="utf-8").read(), template_rules.TEMPLATE_SAMPLE)
sys.stdout.write(rendered)
sys.exit(1 if missing else 0)
EOF
    then
      fail "cluster-template.yaml: a variable has no sample value in hack/template_rules.py TEMPLATE_SAMPLE"
    fi
  fi
  for mode in "${modes[@]}"; do
    for file in "${targets[@]}"; do
      dry_run "${mode}" "${root}/${file}" "${file}"
    done
    if [[ -s "${work}/base.yaml" ]]; then
      dry_run "${mode}" "${work}/base.yaml" "(kubectl kustomize manifests/)"
    fi
    if [[ -s "${work}/components-rendered.yaml" ]]; then
      dry_run "${mode}" "${work}/components-rendered.yaml" "infrastructure-components.yaml"
    fi
    if [[ "${include_template}" == true ]]; then
      dry_run "${mode}" "${work}/cluster.yaml" "cluster-template.yaml (sample values)"
    fi
  done
fi

echo
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "check-manifests: ${#failures[@]} check(s) failed:" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "check-manifests: all checks passed"
