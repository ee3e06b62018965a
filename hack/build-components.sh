#!/usr/bin/env bash
# Assemble the clusterctl release artifacts of capmaas.
#
#   hack/build-components.sh [--out DIR] [--crds DIR]
#       writes DIR (default hack/out/release):
#         infrastructure-components.yaml   CRDs + manifests/, clusterctl ${VAR}s kept
#         metadata.yaml                    from manifests/clusterctl/metadata.yaml
#         cluster-template.yaml            from manifests/clusterctl/cluster-template.yaml
#
#   hack/build-components.sh --version v0.1.0 [--clusterctl-repo DIR]
#       a release: the image tag defaults to that version instead of "dev"
#       (${CAPMAAS_VERSION:=v0.1.0}); its major.minor must be a releaseSeries of
#       metadata.yaml. --clusterctl-repo writes DIR/infrastructure-maas/<version>/
#       (the layout clusterctl reads) and prints the clusterctl.yaml entry to use it:
#         providers:
#           - name: maas
#             type: InfrastructureProvider
#             url: file://DIR/infrastructure-maas/<version>/infrastructure-components.yaml
#
#   hack/build-components.sh --render [--crds DIR]
#       prints the components with variables substituted from the environment
#       (MAAS_ENDPOINT, MAAS_API_KEY, optional CAPMAAS_VERSION) for a plain-kubectl
#       install; nothing is written to disk, so the API key never lands in a file:
#         MAAS_ENDPOINT=... MAAS_API_KEY=... hack/build-components.sh --render | kubectl apply -f -
#
# Needs bash, kubectl (built-in kustomize) and python3 with PyYAML.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep hack/ free of __pycache__

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${root}/hack/out/release"
crds_dir="${CRDS_DIR:-${root}/crds}"
render=false
version=""
clusterctl_repo=""

die() { echo "build-components: error: $*" >&2; exit 1; }
log() { echo "build-components: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || die "--out needs a directory"; out_dir="$2"; shift 2 ;;
    --out=*) out_dir="${1#--out=}"; shift ;;
    --crds) [[ $# -ge 2 ]] || die "--crds needs a directory"; crds_dir="$2"; shift 2 ;;
    --crds=*) crds_dir="${1#--crds=}"; shift ;;
    --render) render=true; shift ;;
    --version) [[ $# -ge 2 ]] || die "--version needs a value like v0.1.0"; version="$2"; shift 2 ;;
    --version=*) version="${1#--version=}"; shift ;;
    --clusterctl-repo) [[ $# -ge 2 ]] || die "--clusterctl-repo needs a directory"; clusterctl_repo="$2"; shift 2 ;;
    --clusterctl-repo=*) clusterctl_repo="${1#--clusterctl-repo=}"; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

if [[ -n "${clusterctl_repo}" && -z "${version}" ]]; then
  die "--clusterctl-repo needs --version (clusterctl repositories are per release)"
fi
if [[ -n "${version}" ]]; then
  [[ "${version}" =~ ^v([0-9]+)\.([0-9]+)\.([0-9]+)(-[0-9A-Za-z.-]+)?$ ]] \
    || die "--version '${version}' is not a semantic version like v0.1.0"
  python3 -c 'import sys, yaml
series = yaml.safe_load(open(sys.argv[1]))["releaseSeries"]
sys.exit(0 if any(s["major"] == int(sys.argv[2]) and s["minor"] == int(sys.argv[3]) for s in series) else 1)' \
      "${root}/manifests/clusterctl/metadata.yaml" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" \
    || die "release series ${BASH_REMATCH[1]}.${BASH_REMATCH[2]} of ${version} is missing from manifests/clusterctl/metadata.yaml"
fi

command -v kubectl >/dev/null || die "kubectl not found in PATH (its built-in kustomize assembles the manifests)"
command -v python3 >/dev/null || die "python3 not found in PATH"
python3 -c 'import yaml' 2>/dev/null \
  || die "python3 module 'yaml' missing: install it with 'python3 -m pip install pyyaml'"

# The CRDs are owned by crds/; these three are required, in this order.
required_crds=(
  infrastructure.cluster.x-k8s.io_maasclusters.yaml
  infrastructure.cluster.x-k8s.io_maasmachines.yaml
  infrastructure.cluster.x-k8s.io_maasmachinetemplates.yaml
)
[[ -d "${crds_dir}" ]] || die "CRD directory '${crds_dir}' does not exist (expected: ${required_crds[*]})"
missing=()
for crd in "${required_crds[@]}"; do
  [[ -f "${crds_dir}/${crd}" ]] || missing+=("${crds_dir}/${crd}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  die "missing CRD file(s): ${missing[*]}"
fi
# Any further CRD of the group (e.g. a future MaasClusterTemplate) is included too.
crd_files=("${required_crds[@]}")
while IFS= read -r extra; do
  crd_files+=("${extra}")
done < <(cd "${crds_dir}" && find . -maxdepth 1 -name 'infrastructure.cluster.x-k8s.io_*.yaml' -printf '%f\n' | sort \
          | grep -vxF -e "${required_crds[0]}" -e "${required_crds[1]}" -e "${required_crds[2]}" || true)

for f in clusterctl/metadata.yaml clusterctl/cluster-template.yaml kustomization.yaml; do
  [[ -f "${root}/manifests/${f}" ]] || die "missing manifests/${f}"
done

# kustomize refuses files outside its root, so stage crds/ and manifests/ side
# by side under one generated kustomization that labels everything.
stage="$(mktemp -d)"
trap 'rm -rf "${stage}"' EXIT
mkdir -p "${stage}/crds"
cp -R "${root}/manifests" "${stage}/manifests"
for crd in "${crd_files[@]}"; do
  cp "${crds_dir}/${crd}" "${stage}/crds/${crd}"
done
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "labels:"
  echo "  - pairs:"
  echo "      cluster.x-k8s.io/provider: infrastructure-maas"
  echo "    includeSelectors: false"
  echo "resources:"
  for crd in "${crd_files[@]}"; do echo "  - crds/${crd}"; done
  echo "  - manifests"
} > "${stage}/kustomization.yaml"

kubectl kustomize "${stage}" > "${stage}/kustomized.yaml" \
  || die "kubectl kustomize failed on the staged crds/ + manifests/ (see the error above)"

# Re-quote ${VAR} values kustomize unquoted and validate the clusterctl rules
# (provider label everywhere, one Namespace, a 'manager' container, CRD contract
# labels matching metadata.yaml).
python3 "${root}/hack/manifests.py" finalize \
  --metadata "${root}/manifests/clusterctl/metadata.yaml" \
  "${stage}/kustomized.yaml" "${stage}/infrastructure-components.yaml" \
  || die "the assembled components failed validation (see above)"
python3 "${root}/hack/envsubst.py" check "${stage}/infrastructure-components.yaml" \
  "${root}/manifests/clusterctl/cluster-template.yaml" \
  || die "malformed clusterctl variable reference (see above)"

if [[ -n "${version}" ]]; then
  grep -q '${CAPMAAS_VERSION:=dev}' "${stage}/infrastructure-components.yaml" \
    || die 'the Deployment image no longer uses ${CAPMAAS_VERSION:=dev}; cannot pin the release tag'
  sed -i "s/\${CAPMAAS_VERSION:=dev}/\${CAPMAAS_VERSION:=${version}}/g" "${stage}/infrastructure-components.yaml"
fi

if [[ "${render}" == true ]]; then
  python3 "${root}/hack/envsubst.py" render "${stage}/infrastructure-components.yaml" infrastructure-components.yaml \
    || die "cannot render the components: set the variables named above"
  exit 0
fi

if [[ -n "${clusterctl_repo}" ]]; then
  mkdir -p "${clusterctl_repo}"
  out_dir="$(cd "${clusterctl_repo}" && pwd)/infrastructure-maas/${version}"
fi
mkdir -p "${out_dir}"
cp "${stage}/infrastructure-components.yaml" "${out_dir}/infrastructure-components.yaml"
cp "${root}/manifests/clusterctl/metadata.yaml" "${out_dir}/metadata.yaml"
cp "${root}/manifests/clusterctl/cluster-template.yaml" "${out_dir}/cluster-template.yaml"

log "wrote ${out_dir}/{infrastructure-components.yaml,metadata.yaml,cluster-template.yaml}"
if [[ -n "${clusterctl_repo}" ]]; then
  log "to use it, add to ~/.config/cluster-api/clusterctl.yaml (or pass --config):"
  printf '    providers:\n      - name: maas\n        type: InfrastructureProvider\n        url: file://%s/infrastructure-components.yaml\n' "${out_dir}" >&2
  log "then: clusterctl init --infrastructure maas:${version}"
fi
log "clusterctl variables of the components:"
python3 "${root}/hack/envsubst.py" vars "${out_dir}/infrastructure-components.yaml" | sed 's/^/    /' >&2
