#!/usr/bin/env python3
"""Validation of the capmaas install artifacts (used by hack/build-components.sh
and hack/check-manifests.sh).

  manifests.py finalize --metadata M IN OUT
      re-quote whole-value ${VAR}s that kustomize emitted unquoted, check the
      clusterctl component rules, write OUT
  manifests.py check --manifests DIR --kustomized FILE [--components FILE] [--crds DIR]
      every YAML under DIR parses; the rendered base and the components follow
      the provider rules (labels, Deployment security, least-privilege RBAC);
      metadata.yaml and cluster-template.yaml are well-formed and consistent
  manifests.py selftest --kustomized FILE
      the rendered base passes, and each of a list of known-bad edits to it
      (dropped label, writable root fs, '*' verb, ...) is caught

Every problem is printed as "<where>: <what>"; the exit status is 1 if any.
"""
import argparse
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import envsubst  # noqa: E402  (sibling helper)

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

# Sample values to render cluster-template.yaml for type checks.
TEMPLATE_SAMPLE = {
    "CLUSTER_NAME": "sample", "MAAS_DNS_DOMAIN": "maas", "KUBERNETES_VERSION": "v1.34.1",
    "CONTROL_PLANE_MACHINE_COUNT": "3", "CONTROL_PLANE_MACHINE_IMAGE": "custom/u-2404-0-k-1341-0",
    "CONTROL_PLANE_MACHINE_MINCPU": "4", "CONTROL_PLANE_MACHINE_MINMEMORY": "8192",
    "CONTROL_PLANE_MACHINE_TAG": "control-plane", "WORKER_MACHINE_COUNT": "2",
    "WORKER_MACHINE_IMAGE": "custom/u-2404-0-k-1341-0", "WORKER_MACHINE_MINCPU": "2",
    "WORKER_MACHINE_MINMEMORY": "4096", "WORKER_MACHINE_TAG": "worker",
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


# ---- re-quoting ----------------------------------------------------------------

# "key: value" or "- value" where value is an unquoted scalar containing ${...}.
UNQUOTED_VARIABLE = re.compile(
    r"^(\s*(?:-\s+)?(?:[^\s'\"#-][^:#]*:\s+)?)"        # indentation, list dash, key
    r"((?!-\s)(?=[^\s'\"&*!|>%@`\[{#])(?!.*:\s)[^#]*\$\{[^}]*\}[^\s#]*)\s*$")  # plain scalar with ${...}


def requote(text):
    """Double-quote plain scalars holding ${VAR}, so a substituted value such as
    'true', '123' or one starting with '*' still reads as a string."""
    lines = []
    for line in text.split("\n"):
        match = UNQUOTED_VARIABLE.match(line)
        if match:
            value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
            line = f'{match.group(1)}"{value}"'
        lines.append(line)
    return "\n".join(lines)


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
            problems.add(at, f"grants {sorted(extra)} on {label} beyond the reviewed set (hack/manifests.py)")
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


def check_metadata(path, problems):
    docs = load_all(path, problems)
    if len(docs) != 1:
        problems.add(path, "must hold exactly one document")
        return None
    meta = docs[0]
    if meta.get("apiVersion") != "clusterctl.cluster.x-k8s.io/v1alpha3" or meta.get("kind") != "Metadata":
        problems.add(path, "must be apiVersion clusterctl.cluster.x-k8s.io/v1alpha3, kind Metadata")
    series = meta.get("releaseSeries") or []
    for entry in series:
        if not (isinstance(entry, dict) and isinstance(entry.get("major"), int)
                and isinstance(entry.get("minor"), int) and isinstance(entry.get("contract"), str)):
            problems.add(path, f"releaseSeries entry {entry!r} needs integer major/minor and a contract")
    if not any(e.get("major") == 0 and e.get("minor") == 1 and e.get("contract") == "v1beta2"
               for e in series if isinstance(e, dict)):
        problems.add(path, "releaseSeries must map 0.1 to contract v1beta2")
    return meta


def check_template(path, problems):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    malformed = envsubst.malformed(text)
    for problem in malformed:
        problems.add(path, problem)
    load_all(path, problems)  # the unrendered file must parse too
    if malformed:
        return
    rendered, missing = envsubst.render(text, TEMPLATE_SAMPLE)
    if missing:
        problems.add(path, f"variables without a sample value in hack/manifests.py: {missing}")
        return
    try:
        objects = [d for d in yaml.safe_load_all(rendered) if d]
    except yaml.YAMLError as error:
        problems.add(path, f"does not parse after substitution: {error}")
        return
    by_kind = {}
    for obj in objects:
        by_kind.setdefault(obj.get("kind"), []).append(obj)
    for kind in ("Cluster", "MaasCluster", "KubeadmControlPlane", "MachineDeployment", "KubeadmConfigTemplate"):
        if len(by_kind.get(kind, [])) != 1:
            problems.add(path, f"expected one {kind}")
    names = {(o.get("kind"), dig(o, "metadata", "name")) for o in objects}
    refs = [("Cluster", "spec", "infrastructureRef"), ("Cluster", "spec", "controlPlaneRef"),
            ("KubeadmControlPlane", "spec", "machineTemplate", "spec", "infrastructureRef"),
            ("MachineDeployment", "spec", "template", "spec", "infrastructureRef"),
            ("MachineDeployment", "spec", "template", "spec", "bootstrap", "configRef")]
    for kind, *ref_path in refs:
        for obj in by_kind.get(kind, []):
            ref = dig(obj, *ref_path) or {}
            if not ref.get("apiGroup") or (ref.get("kind"), ref.get("name")) not in names:
                problems.add(path, f"{kind}.{'.'.join(ref_path)} must name an object of this template with apiGroup")
    for obj in by_kind.get("MaasMachineTemplate", []):
        spec = dig(obj, "spec", "template", "spec") or {}
        at = f"{path} {name_of(obj)}"
        if not all(isinstance(spec.get(k), int) for k in ("minCPU", "minMemory")):
            problems.add(at, "minCPU/minMemory must render as integers")
        if not isinstance(spec.get("image"), str) or not isinstance(spec.get("resourcePool") or "", str):
            problems.add(at, "image/resourcePool must render as strings")
        if not (isinstance(spec.get("tags"), list) and all(isinstance(t, str) for t in spec["tags"])):
            problems.add(at, "tags must render as a list of strings")
    for kind, field in (("KubeadmControlPlane", "replicas"), ("MachineDeployment", "replicas")):
        for obj in by_kind.get(kind, []):
            if not isinstance(dig(obj, "spec", field), int):
                problems.add(path, f"{kind}.spec.{field} must render as an integer")
    for obj in by_kind.get("MaasCluster", []):
        if not isinstance(dig(obj, "spec", "failureDomains") or [], list):
            problems.add(path, "MaasCluster.spec.failureDomains must render as a list")


# ---- CRD schema check of the rendered template ------------------------------------

def schema_errors(value, schema, path, errors):
    """A subset of apiextensions validation: types, required, unknown fields,
    string/array/number bounds, enum. A null in a non-nullable field is pruned by
    the API server, so it is treated as absent."""
    kind = schema.get("type")
    if schema.get("x-kubernetes-int-or-string"):
        if not isinstance(value, (int, str)) or isinstance(value, bool):
            errors.append(f"{path}: must be an integer or a string")
        return
    if kind == "object":
        if not isinstance(value, dict):
            errors.append(f"{path}: must be an object")
            return
        props = schema.get("properties") or {}
        present = {k for k, v in value.items() if v is not None or (props.get(k) or {}).get("nullable")}
        for key in schema.get("required") or []:
            if key not in present:
                errors.append(f"{path}.{key}: required")
        for key, item in value.items():
            if item is None and not (props.get(key) or {}).get("nullable"):
                continue
            if key in props:
                schema_errors(item, props[key], f"{path}.{key}", errors)
            elif isinstance(schema.get("additionalProperties"), dict):
                schema_errors(item, schema["additionalProperties"], f"{path}.{key}", errors)
            elif not schema.get("x-kubernetes-preserve-unknown-fields") and props:
                errors.append(f"{path}.{key}: unknown field")
    elif kind == "array":
        if not isinstance(value, list):
            errors.append(f"{path}: must be a list")
            return
        if len(value) > schema.get("maxItems", len(value)) or len(value) < schema.get("minItems", 0):
            errors.append(f"{path}: {len(value)} items is outside the allowed count")
        for index, item in enumerate(value):
            schema_errors(item, schema.get("items") or {}, f"{path}[{index}]", errors)
    elif kind == "string":
        if not isinstance(value, str):
            errors.append(f"{path}: must be a string, got {value!r}")
        elif not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
            errors.append(f"{path}: length {len(value)} is outside the allowed range")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{path}: must be an integer, got {value!r}")
        elif value < schema.get("minimum", value) or value > schema.get("maximum", value):
            errors.append(f"{path}: {value} is out of range")
    elif kind == "boolean" and not isinstance(value, bool):
        errors.append(f"{path}: must be a boolean")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")


def check_template_against_crds(path, crds_dir, problems):
    """Render the template with sample values and validate our kinds against crds/."""
    schemas = {}
    for name in sorted(os.listdir(crds_dir)):
        if name.startswith(GROUP + "_") and name.endswith(".yaml"):
            for crd in load_all(os.path.join(crds_dir, name), problems):
                for version in dig(crd, "spec", "versions") or []:
                    key = (f"{dig(crd, 'spec', 'group')}/{version.get('name')}", dig(crd, "spec", "names", "kind"))
                    schemas[key] = dig(version, "schema", "openAPIV3Schema") or {}
    with open(path, encoding="utf-8") as handle:
        rendered, missing = envsubst.render(handle.read(), TEMPLATE_SAMPLE)
    if missing:
        return  # reported by check_template
    for obj in (d for d in yaml.safe_load_all(rendered) if d):
        if not str(obj.get("apiVersion", "")).startswith(GROUP + "/"):
            continue
        schema = schemas.get((obj.get("apiVersion"), obj.get("kind")))
        if schema is None:
            problems.add(path, f"{obj.get('apiVersion')} {obj.get('kind')} is not served by the CRDs in {crds_dir}")
            continue
        errors = []
        schema_errors({k: v for k, v in obj.items() if k not in ("apiVersion", "kind", "metadata")},
                      {**schema, "properties": {k: v for k, v in (schema.get("properties") or {}).items()
                                                if k not in ("apiVersion", "kind", "metadata")}},
                      name_of(obj), errors)
        for error in errors:
            problems.add(f"{path} (rendered with sample values)", error)


# ---- self test -------------------------------------------------------------------

def _deployment(objs):
    return next(o for o in objs if o.get("kind") == "Deployment")


def _manager(objs):
    return _deployment(objs)["spec"]["template"]["spec"]["containers"][0]


def _rule(objs, kind, index):
    return next(o for o in objs if o.get("kind") == kind)["rules"][index]


# (description, edit) pairs; every edit must make the base fail.
MUTATIONS = [
    ("provider label dropped", lambda o: o[0]["metadata"]["labels"].pop(PROVIDER_LABEL)),
    ("writable root filesystem", lambda o: _manager(o)["securityContext"].update(readOnlyRootFilesystem=False)),
    ("privilege escalation", lambda o: _manager(o)["securityContext"].update(allowPrivilegeEscalation=True)),
    ("capabilities kept", lambda o: _manager(o)["securityContext"].update(capabilities={"drop": []})),
    ("capability added", lambda o: _manager(o)["securityContext"]["capabilities"].update(add=["NET_ADMIN"])),
    ("runs as root", lambda o: (_manager(o)["securityContext"].update(runAsUser=0),
                                _deployment(o)["spec"]["template"]["spec"]["securityContext"].update(runAsUser=0))),
    ("no seccomp", lambda o: (_manager(o)["securityContext"].pop("seccompProfile", None),
                              _deployment(o)["spec"]["template"]["spec"]["securityContext"].pop("seccompProfile", None))),
    ("container renamed", lambda o: _manager(o).update(name="controller")),
    ("liveness path", lambda o: _manager(o)["livenessProbe"]["httpGet"].update(path="/")),
    ("no resource limits", lambda o: _manager(o)["resources"].pop("limits")),
    ("no credentials env", lambda o: _manager(o).update(env=[])),
    ("no leader election", lambda o: _manager(o).update(args=["manager"])),
    ("wildcard verb", lambda o: _rule(o, "ClusterRole", 0)["verbs"].append("*")),
    ("wildcard resource", lambda o: _rule(o, "ClusterRole", 0)["resources"].append("*")),
    ("extra grant", lambda o: _rule(o, "ClusterRole", 0)["verbs"].append("delete")),
    ("missing grant", lambda o: _rule(o, "ClusterRole", 0)["verbs"].remove("watch")),
    ("foreign lease", lambda o: _rule(o, "Role", 1).update(resourceNames=["other"])),
    ("unbound role", lambda o: [x for x in o if x.get("kind") == "ClusterRoleBinding"][0]["subjects"][0]
                               .update(name="default")),
]


def selftest(args):
    import copy
    problems = Problems()
    base = load_all(args.kustomized, problems)

    def failures(objects):
        found = Problems()
        check_labels(objects, "self-test", found)
        check_deployment(objects, "self-test", found)
        check_rbac(objects, "self-test", found)
        return found.items

    if problems.items or failures(base):
        problems.add("self-test", f"the unmodified base must pass first: {problems.items or failures(base)}")
        return problems.report()
    for description, edit in MUTATIONS:
        mutated = copy.deepcopy(base)
        try:
            edit(mutated)
        except (KeyError, IndexError, StopIteration, ValueError) as error:
            problems.add("self-test", f"cannot apply mutation '{description}' ({error!r}); update MUTATIONS")
            continue
        if not failures(mutated):
            problems.add("self-test", f"mutation '{description}' was not detected")
    if not problems.items:
        print(f"{len(MUTATIONS)} known-bad edits detected")
    return problems.report()


# ---- commands --------------------------------------------------------------------

def finalize(args):
    problems = Problems()
    with open(args.input, encoding="utf-8") as handle:
        original = handle.read()
    quoted = requote(original)
    try:
        before = [d for d in yaml.safe_load_all(original) if d]
        after = [d for d in yaml.safe_load_all(quoted) if d]
    except yaml.YAMLError as error:
        problems.add(args.input, f"does not parse after re-quoting ${{VAR}} values: {error}")
        return problems.report()
    if before != after:
        problems.add(args.input, "re-quoting ${VAR} values changed the documents (bug in hack/manifests.py)")
    metadata = check_metadata(args.metadata, problems)
    check_components(after, "infrastructure-components.yaml", problems, metadata)
    if problems.report():
        return 1
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(quoted)
    return 0


def check(args):
    problems = Problems()
    for directory, _, files in os.walk(args.manifests):
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                load_all(os.path.join(directory, name), problems)
    base = load_all(args.kustomized, problems)
    check_labels(base, "kubectl kustomize manifests/", problems)
    check_deployment(base, "kubectl kustomize manifests/", problems)
    check_rbac(base, "kubectl kustomize manifests/", problems)
    clusterctl = os.path.join(args.manifests, "clusterctl")
    metadata = check_metadata(os.path.join(clusterctl, "metadata.yaml"), problems)
    check_template(os.path.join(clusterctl, "cluster-template.yaml"), problems)
    if args.crds:
        check_template_against_crds(os.path.join(clusterctl, "cluster-template.yaml"), args.crds, problems)
    if args.components:
        with open(args.components, encoding="utf-8") as handle:
            for problem in envsubst.malformed(handle.read()):
                problems.add(args.components, problem)
        check_components(load_all(args.components, problems), args.components, problems, metadata)
    return problems.report()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    fin = sub.add_parser("finalize")
    fin.add_argument("--metadata", required=True)
    fin.add_argument("input")
    fin.add_argument("output")
    chk = sub.add_parser("check")
    chk.add_argument("--manifests", required=True)
    chk.add_argument("--kustomized", required=True)
    chk.add_argument("--components")
    chk.add_argument("--crds", help="validate the rendered template's MAAS objects against these CRDs")
    tst = sub.add_parser("selftest")
    tst.add_argument("--kustomized", required=True)
    args = parser.parse_args()
    return {"finalize": finalize, "check": check, "selftest": selftest}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
