"""Rules for the capmaas install objects: clusterctl component rules, provider
label, Deployment security settings and least-privilege RBAC. Shared helpers
(Problems, load_all, dig) live here too. Used by hack/manifests.py."""
import sys

import yaml

PROVIDER_LABEL = "cluster.x-k8s.io/provider"
PROVIDER = "infrastructure-maas"
NAMESPACE = "capmaas-system"
GROUP = "infrastructure.cluster.x-k8s.io"
CRD_KINDS = {"MaasCluster", "MaasMachine", "MaasMachineTemplate"}
CLUSTER_SCOPED = {"Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
                  "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"}
LEASE_NAME = "capmaas-controller-leader-election"

# The reviewed permission set (see manifests/rbac/*.yaml for why each exists).
# A grant outside it, or a missing one, fails the check: change both together.
CLUSTER_PERMISSIONS = {
    (GROUP, "maasclusters"): {"get", "list", "watch", "update", "patch"},
    (GROUP, "maasmachines"): {"get", "list", "watch", "update", "patch"},
    (GROUP, "maasclusters/status"): {"get", "update", "patch"},
    (GROUP, "maasmachines/status"): {"get", "update", "patch"},
    (GROUP, "maasmachinetemplates"): {"get", "list", "watch"},
    ("cluster.x-k8s.io", "clusters"): {"get", "list", "watch"},
    ("cluster.x-k8s.io", "machines"): {"get", "list", "watch"},
    ("", "secrets"): {"get", "list", "watch"},
    ("", "events"): {"create", "patch", "get", "list", "watch"},
    ("events.k8s.io", "events"): {"create", "patch"},
}
LEADER_ELECTION_PERMISSIONS = {
    ("coordination.k8s.io", "leases"): {"get", "create", "update"},
    ("", "events"): {"create", "patch"},
    ("events.k8s.io", "events"): {"create", "patch"},
}

class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, what):
        item = f"{where}: {what}"
        if item not in self.items:
            self.items.append(item)

    def report(self):
        for item in self.items:
            print(f"  FAIL {item}", file=sys.stderr)
        return 1 if self.items else 0


def load_all(path, problems):
    try:
        with open(path, encoding="utf-8") as handle:
            return [d for d in yaml.safe_load_all(handle) if d is not None]
    except (OSError, yaml.YAMLError) as error:
        problems.add(path, f"does not parse as YAML: {error}")
        return []


def name_of(obj):
    meta = obj.get("metadata") or {}
    return f"{obj.get('kind', '?')}/{meta.get('name', '?')}"


def dig(obj, *path):
    for key in path:
        if isinstance(obj, dict):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and key < len(obj):
            obj = obj[key]
        else:
            return None
    return obj


# ---- rules -----------------------------------------------------------------------

def check_components(objects, where, problems, metadata):
    """clusterctl's rules for infrastructure-components.yaml."""
    check_labels(objects, where, problems)
    namespaces = [o for o in objects if o.get("kind") == "Namespace"]
    if [dig(n, "metadata", "name") for n in namespaces] != [NAMESPACE]:
        problems.add(where, f"needs exactly one Namespace '{NAMESPACE}', found "
                            f"{[dig(n, 'metadata', 'name') for n in namespaces]}")
    for obj in objects:
        if obj.get("kind") not in CLUSTER_SCOPED and dig(obj, "metadata", "namespace") != NAMESPACE:
            problems.add(f"{where} {name_of(obj)}", f"namespaced object must be in '{NAMESPACE}'")
    crds = [o for o in objects if o.get("kind") == "CustomResourceDefinition"]
    kinds = {dig(c, "spec", "names", "kind") for c in crds}
    if not CRD_KINDS <= kinds:
        problems.add(where, f"missing CRDs for {sorted(CRD_KINDS - kinds)}")
    contracts = {s.get("contract") for s in (metadata or {}).get("releaseSeries") or [] if isinstance(s, dict)}
    for crd in crds:
        check_crd(crd, where, problems, contracts)
    check_deployment(objects, where, problems)
    check_rbac(objects, where, problems)


def check_labels(objects, where, problems):
    for obj in objects:
        if dig(obj, "metadata", "labels", PROVIDER_LABEL) != PROVIDER:
            problems.add(f"{where} {name_of(obj)}", f"missing label {PROVIDER_LABEL}: {PROVIDER}")


def check_crd(crd, where, problems, contracts):
    at = f"{where} {name_of(crd)}"
    group = dig(crd, "spec", "group")
    plural = dig(crd, "spec", "names", "plural")
    if group != GROUP:
        problems.add(at, f"group is {group!r}, expected {GROUP!r}")
    if dig(crd, "metadata", "name") != f"{plural}.{group}":
        problems.add(at, f"name must be '<plural>.<group>' = '{plural}.{group}'")
    if dig(crd, "spec", "scope") != "Namespaced":
        problems.add(at, "CAPI infrastructure kinds must be Namespaced")
    served = {v.get("name") for v in dig(crd, "spec", "versions") or [] if v.get("served")}
    # Only the current contract is required; older release series are history.
    if "v1beta2" in contracts:
        value = (dig(crd, "metadata", "labels") or {}).get("cluster.x-k8s.io/v1beta2")
        if not value:
            problems.add(at, "missing contract label cluster.x-k8s.io/v1beta2 (metadata.yaml declares it)")
        elif not set(str(value).split("_")) <= served:
            problems.add(at, f"contract label cluster.x-k8s.io/v1beta2={value} names versions not served {sorted(served)}")


def env_named(container, name):
    for env in container.get("env") or []:
        if env.get("name") == name:
            return env
    return None


def check_deployment(objects, where, problems):
    deployments = [o for o in objects if o.get("kind") == "Deployment"]
    if len(deployments) != 1:
        problems.add(where, f"expected one Deployment, found {len(deployments)}")
        return
    dep = deployments[0]
    at = f"{where} {name_of(dep)}"
    pod = dig(dep, "spec", "template", "spec") or {}
    containers = {c.get("name"): c for c in pod.get("containers") or []}
    manager = containers.get("manager")
    if manager is None:
        problems.add(at, "no container named 'manager' (clusterctl requires it)")
        return
    expect = [
        (dig(dep, "metadata", "name") == "capmaas-controller-manager", "name capmaas-controller-manager"),
        (dig(dep, "spec", "replicas") == 1, "replicas: 1"),
        (pod.get("serviceAccountName") == "capmaas-manager", "serviceAccountName: capmaas-manager"),
        ((pod.get("terminationGracePeriodSeconds") or 0) >= 30, "terminationGracePeriodSeconds >= 30 (30 s drain)"),
        (any(t.get("key") == "node-role.kubernetes.io/control-plane" for t in pod.get("tolerations") or []),
         "a toleration for node-role.kubernetes.io/control-plane"),
    ]
    pod_sc = pod.get("securityContext") or {}
    sc = manager.get("securityContext") or {}

    def effective(key):
        return sc.get(key, pod_sc.get(key))

    expect += [
        (effective("runAsNonRoot") is True, "runAsNonRoot: true"),
        (effective("runAsUser") == 65532, "runAsUser: 65532"),
        (sc.get("readOnlyRootFilesystem") is True, "readOnlyRootFilesystem: true"),
        (sc.get("allowPrivilegeEscalation") is False, "allowPrivilegeEscalation: false"),
        (sc.get("privileged") in (None, False), "not privileged"),
        ("ALL" in (dig(sc, "capabilities", "drop") or []), "capabilities.drop: [ALL]"),
        (not dig(sc, "capabilities", "add"), "no added capabilities"),
        (dig(effective("seccompProfile") or {}, "type") == "RuntimeDefault", "seccompProfile RuntimeDefault"),
    ]
    args = manager.get("args") or []
    expect += [
        (args[:1] == ["manager"], "args start with the 'manager' subcommand"),
        ("--leader-elect" in args or "--leader-elect=true" in args, "args include --leader-elect"),
        ("--metrics-bind-addr=:8080" in args, "args include --metrics-bind-addr=:8080"),
        ("--health-addr=:9440" in args, "args include --health-addr=:9440"),
    ]
    ports = {p.get("name"): p.get("containerPort") for p in manager.get("ports") or []}
    expect.append((ports.get("metrics") == 8080, "container port 8080 named 'metrics'"))
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        get = dig(manager, probe, "httpGet") or {}
        port = get.get("port")
        port = ports.get(port, port) if isinstance(port, str) else port
        expect.append((get.get("path") == path and port == 9440, f"{probe} GET {path} on 9440"))
    for kind in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            expect.append((dig(manager, "resources", kind, resource) is not None, f"resources.{kind}.{resource}"))
    for var in ("MAAS_ENDPOINT", "MAAS_API_KEY"):
        ref = dig(env_named(manager, var) or {}, "valueFrom", "secretKeyRef") or {}
        expect.append((ref.get("name") == "capmaas-manager-bootstrap-credentials" and ref.get("key") == var,
                       f"env {var} from Secret capmaas-manager-bootstrap-credentials"))
    for ok, what in expect:
        if not ok:
            problems.add(at, f"expected {what}")
    services = [o for o in objects if o.get("kind") == "Service"]
    pod_labels = dig(dep, "spec", "template", "metadata", "labels") or {}
    if not any(dig(s, "spec", "selector") and pod_labels.items() >= dig(s, "spec", "selector").items()
               and any(p.get("targetPort") in ("metrics", 8080) for p in dig(s, "spec", "ports") or [])
               for s in services):
        problems.add(where, "no Service selects the manager Pod on its metrics port")


def grants(role):
    """{(group, resource): verbs} of a Role/ClusterRole, plus wildcard findings."""
    out, wildcards, names = {}, [], {}
    for index, rule in enumerate(role.get("rules") or []):
        for field in ("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs"):
            if any("*" in str(v) for v in rule.get(field) or []):
                wildcards.append(f"rule {index} has '*' in {field}")
        for group in rule.get("apiGroups") or []:
            for resource in rule.get("resources") or []:
                out.setdefault((group, resource), set()).update(rule.get("verbs") or [])
                if rule.get("resourceNames"):
                    names.setdefault((group, resource), set()).update(rule["resourceNames"])
    return out, wildcards, names


def compare(at, actual, expected, problems):
    for key in sorted(set(actual) | set(expected)):
        extra = actual.get(key, set()) - expected.get(key, set())
        missing = expected.get(key, set()) - actual.get(key, set())
        label = f"{key[0] or 'core'}/{key[1]}"
        if extra:
            problems.add(at, f"grants {sorted(extra)} on {label} beyond the reviewed set (hack/manifest_rules.py)")
        if missing:
            problems.add(at, f"lacks {sorted(missing)} on {label} that the manager needs")


def check_rbac(objects, where, problems):
    by_kind = {}
    for obj in objects:
        by_kind.setdefault(obj.get("kind"), {})[dig(obj, "metadata", "name")] = obj
    for kind in ("ClusterRole", "Role"):
        for role in by_kind.get(kind, {}).values():
            for finding in grants(role)[1]:
                problems.add(f"{where} {name_of(role)}", finding)
    cluster_role = by_kind.get("ClusterRole", {}).get("capmaas-manager-role")
    role = by_kind.get("Role", {}).get("capmaas-leader-election-role")
    if cluster_role is None or role is None:
        problems.add(where, "missing ClusterRole capmaas-manager-role or Role capmaas-leader-election-role")
        return
    compare(f"{where} {name_of(cluster_role)}", grants(cluster_role)[0], CLUSTER_PERMISSIONS, problems)
    actual, _, names = grants(role)
    compare(f"{where} {name_of(role)}", actual, LEADER_ELECTION_PERMISSIONS, problems)
    if names.get(("coordination.k8s.io", "leases"), {LEASE_NAME}) != {LEASE_NAME}:
        problems.add(f"{where} {name_of(role)}", f"lease rules may only name {LEASE_NAME}")
    if "capmaas-manager" not in by_kind.get("ServiceAccount", {}):
        problems.add(where, "missing ServiceAccount capmaas-manager")
    subject = {"kind": "ServiceAccount", "name": "capmaas-manager", "namespace": NAMESPACE}
    for kind, target in (("ClusterRoleBinding", cluster_role), ("RoleBinding", role)):
        bound = any(dig(b, "roleRef", "name") == dig(target, "metadata", "name")
                    and dig(b, "roleRef", "kind") == target.get("kind")
                    and subject in (b.get("subjects") or [])
                    for b in by_kind.get(kind, {}).values())
        if not bound:
            problems.add(where, f"no {kind} binds {name_of(target)} to ServiceAccount {NAMESPACE}/capmaas-manager")
    secret = by_kind.get("Secret", {}).get("capmaas-manager-bootstrap-credentials")
    data = (secret or {}).get("stringData") or {}
    if data.get("MAAS_ENDPOINT") != "${MAAS_ENDPOINT}" or data.get("MAAS_API_KEY") != "${MAAS_API_KEY}":
        problems.add(where, "Secret capmaas-manager-bootstrap-credentials needs stringData "
                            "MAAS_ENDPOINT: ${MAAS_ENDPOINT} and MAAS_API_KEY: ${MAAS_API_KEY}")
