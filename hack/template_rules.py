"""Rules for the clusterctl files: metadata.yaml and cluster-template.yaml
(rendered with sample values, checked for types and links, and validated
against the CRD schemas in crds/). Used by hack/manifests.py."""
import os

import yaml

import envsubst
from manifest_rules import GROUP, dig, load_all, name_of

# Sample values to render cluster-template.yaml for type checks.
TEMPLATE_SAMPLE = {
    "CLUSTER_NAME": "sample", "MAAS_DNS_DOMAIN": "maas", "KUBERNETES_VERSION": "v1.34.1",
    "CONTROL_PLANE_MACHINE_COUNT": "3", "CONTROL_PLANE_MACHINE_IMAGE": "custom/u-2404-0-k-1341-0",
    "CONTROL_PLANE_MACHINE_MINCPU": "4", "CONTROL_PLANE_MACHINE_MINMEMORY": "8192",
    "CONTROL_PLANE_MACHINE_TAG": "control-plane", "WORKER_MACHINE_COUNT": "2",
    "WORKER_MACHINE_IMAGE": "custom/u-2404-0-k-1341-0", "WORKER_MACHINE_MINCPU": "2",
    "WORKER_MACHINE_MINMEMORY": "4096", "WORKER_MACHINE_TAG": "worker",
}

# Sample values for infrastructure-components.yaml (what `clusterctl init` substitutes), for the dry runs.
COMPONENTS_SAMPLE = {
    "MAAS_ENDPOINT": "http://maas.example.com:5240/MAAS", "MAAS_API_KEY": "consumer:token:secret",
}


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
        problems.add(path, f"variables without a sample value in hack/template_rules.py TEMPLATE_SAMPLE: {missing}")
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
