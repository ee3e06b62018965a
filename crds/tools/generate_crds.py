#!/usr/bin/env python3
"""Generates the provider CRDs in crds/ (and the Cluster API stand-in CRDs in crds/capi-standin/).

The YAML files are committed; rerun this after changing a schema: `python3 crds/tools/generate_crds.py`.
CEL rules stay inside the subset the sandbox API server evaluates (literals, self/oldSelf, field selection,
has(), size(), !, &&, ||, comparisons, +, in, ?:, startsWith/endsWith/contains/matches).
"""
import os
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
GROUP = "infrastructure.cluster.x-k8s.io"


def s(type_, desc, **extra):
    node = {"type": type_, "description": desc}
    node.update(extra)
    return node


def obj(desc, props, required=None, **extra):
    node = {"type": "object", "description": desc, "properties": props}
    if required:
        node["required"] = required
    node.update(extra)
    return node


def string_map(desc):
    return {"type": "object", "description": desc, "additionalProperties": {"type": "string"}}


def immutable(message):
    return [{"rule": "self == oldSelf", "message": message}]


CONDITIONS = {
    "type": "array",
    "description": "Conditions observed on this object (metav1.Condition). `Ready` summarises the others.",
    "maxItems": 32,
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": ["type"],
    "items": obj(
        "One aspect of the object's current state.",
        {
            "type": s("string", "Type of the condition in CamelCase, e.g. Ready or MachineDeployed.", minLength=1, maxLength=316),
            "status": s("string", "Status of the condition: True, False or Unknown.", enum=["True", "False", "Unknown"]),
            "observedGeneration": s("integer", "metadata.generation this condition was computed from.", format="int64", minimum=0),
            "lastTransitionTime": s("string", "When the status last changed.", format="date-time"),
            "reason": s("string", "Machine-readable CamelCase reason for the last transition.", minLength=1, maxLength=1024),
            "message": s("string", "Human-readable details of the last transition.", maxLength=32768),
        },
        ["type", "status", "lastTransitionTime", "reason", "message"],
    ),
}

ADDRESSES = {
    "type": "array",
    "description": "Addresses of the MAAS machine: its FQDN (ExternalDNS, InternalDNS) and every IP (ExternalIP, InternalIP).",
    "maxItems": 32,
    "items": obj(
        "One address of the machine.",
        {
            "type": s("string", "Address type.", enum=["Hostname", "ExternalIP", "InternalIP", "ExternalDNS", "InternalDNS"]),
            "address": s("string", "The address.", minLength=1, maxLength=256),
        },
        ["type", "address"],
    ),
}

LXD_REFUSED = "LXD VM hosts (spec.lxd.enabled) are not supported by this provider yet"
HCP_REFUSED = "LXD host control planes (spec.lxdConfig.enabled) are not supported by this provider yet"


def machine_spec(template):
    where = "create a new MaasMachineTemplate to roll out a new" if template else "create a new MaasMachine (through a new MaasMachineTemplate) for a new"
    kind = "MaasMachineTemplate" if template else "MaasMachine"
    props = {
        "image": s("string", "MAAS boot resource to deploy, `<osystem>/<distro_series>` (e.g. `ubuntu/jammy`, `custom/u-2204-0-k-1329-0`); a name without `/` is a custom image. Immutable.",
                   minLength=1, maxLength=256,
                   **{"x-kubernetes-validations": immutable(f"image is immutable; {where} image")}),
        "minCPU": s("integer", "Minimum number of CPU cores; sent to MAAS allocate as `cpu_count`. Immutable.", format="int32", minimum=0,
                    **{"x-kubernetes-validations": immutable(f"minCPU is immutable; {where} CPU size")}),
        "minMemory": s("integer", "Minimum memory in MiB; sent to MAAS allocate as `mem`. Immutable.", format="int32", minimum=0,
                       **{"x-kubernetes-validations": immutable(f"minMemory is immutable; {where} memory size")}),
        "minDiskSize": s("integer", "Minimum root disk size in GB. Reserved for LXD VMs; bare-metal allocation does not filter on it.", format="int32", minimum=0),
        "tags": {"type": "array", "description": "MAAS tags the machine must carry (all of them); sent to allocate as repeated `tags`.",
                 "maxItems": 32, "x-kubernetes-list-type": "set",
                 "items": {"type": "string", "minLength": 1, "maxLength": 256}},
        "resourcePool": s("string", "MAAS resource pool to allocate from (allocate parameter `pool`).", minLength=1, maxLength=256),
        "failureDomain": s("string", "MAAS zone to allocate in; takes precedence over Machine.spec.failureDomain. The controller records the actual zone here after allocation.", minLength=1, maxLength=256),
        "systemID": s("string", "MAAS system_id of the allocated machine. Set by the controller.", minLength=1, maxLength=64),
        "providerID": s("string", "Provider ID `maas:///<zone>/<system_id>`; matches the workload Node's spec.providerID. Set by the controller.", minLength=1, maxLength=512),
        "deployInMemory": s("boolean", "Deploy the OS into memory (MAAS ephemeral deployment; needs MAAS >= 3.5.10/3.6.3/3.7.1 and >= 16 GB RAM).", default=False),
        "lxd": obj("LXD VM configuration. Not supported yet: `enabled: true` is refused at admission.", {
            "enabled": s("boolean", "Create this machine as an LXD VM on a MAAS VM host. Not supported yet; must be false.", default=False),
            "vmConfig": obj("LXD VM settings (reserved).", {
                "diskSize": s("integer", "VM root disk size in GB.", format="int32", minimum=0, default=60),
                "storagePool": s("string", "LXD storage pool for the VM disk."),
                "network": s("string", "LXD network for the VM NIC."),
                "autoStart": s("boolean", "Start the VM with its host.", default=True),
                "interfaceLinkModes": {"type": "object", "description": "Link mode per interface name.",
                                       "additionalProperties": {"type": "string", "enum": ["auto", "dhcp", "static", "link_up"]}},
            }),
        }, **{"x-kubernetes-validations": [{"rule": "!has(self.enabled) || !self.enabled", "message": LXD_REFUSED}]}),
    }
    extra = {}
    if template:
        # Cluster API treats a machine template as immutable as a whole; the field rules above give the precise
        # message for the common cases.
        extra["x-kubernetes-validations"] = immutable(
            "spec.template.spec is immutable; create a new MaasMachineTemplate and point the owner at it")
    return obj(f"Desired state of the {kind}'s MAAS machine." if not template else "Spec of the MaasMachines created from this template.",
               props, ["image", "minCPU", "minMemory"], **extra)


def crd(kind, plural, short, spec, status, columns, desc, labels=None, group=GROUP, version="v1beta1", categories=("cluster-api",)):
    schema = obj(desc, {
        "apiVersion": s("string", "Versioned schema of this object."),
        "kind": s("string", "Kind of this object."),
        "metadata": {"type": "object"},
        "spec": spec,
    })
    if status is not None:
        schema["properties"]["status"] = status
    version_entry = {
        "name": version, "served": True, "storage": True,
        "schema": {"openAPIV3Schema": schema},
        "additionalPrinterColumns": columns,
    }
    if status is not None:
        version_entry["subresources"] = {"status": {}}
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.{group}", "labels": labels or {"cluster.x-k8s.io/v1beta2": "v1beta1"}},
        "spec": {
            "group": group,
            "names": {"kind": kind, "listKind": kind + "List", "plural": plural, "singular": kind.lower(),
                      "shortNames": list(short), "categories": list(categories)},
            "scope": "Namespaced",
            "versions": [version_entry],
        },
    }


CLUSTER_COL = {"name": "Cluster", "type": "string", "jsonPath": ".metadata.labels.cluster\\.x-k8s\\.io/cluster-name",
               "description": "Cluster to which this object belongs"}
AGE_COL = {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}

INIT = lambda what: obj(f"Initialization status (Cluster API contract v1beta2).", {
    "provisioned": s("boolean", f"True once the {what} is provisioned; never goes back to false."),
})

maas_cluster = crd(
    "MaasCluster", "maasclusters", ["maasc"],
    obj("Desired state of the MaasCluster.", {
        "dnsDomain": s("string", "MAAS DNS domain of the API server name `<cluster>-<6 chars>.<dnsDomain>`. Immutable.", minLength=1, maxLength=253,
                       **{"x-kubernetes-validations": immutable("dnsDomain is immutable; the API server DNS name was built from it")}),
        "controlPlaneEndpoint": obj("Endpoint of the workload API server. Set by the controller from the DNS name (or from Cluster.spec.controlPlaneEndpoint for a custom endpoint); immutable once set.", {
            "host": s("string", "Host name or IP of the API server.", maxLength=512),
            "port": s("integer", "Port of the API server.", format="int32", minimum=0, maximum=65535),
        }, **{"x-kubernetes-validations": [{"rule": "!has(oldSelf.host) || oldSelf.host == '' || (has(self.host) && self.host == oldSelf.host)",
                                            "message": "controlPlaneEndpoint.host is immutable once set"}]}),
        "failureDomains": {"type": "array", "description": "MAAS zones machines may be placed in; each becomes a control-plane failure domain in status.",
                           "maxItems": 100, "x-kubernetes-list-type": "set", "items": {"type": "string", "minLength": 1, "maxLength": 256}},
        "lxdConfig": obj("LXD host control plane (HCP) configuration. Not supported yet: `enabled: true` is refused at admission.", {
            "enabled": s("boolean", "Turn the cluster's machines into MAAS LXD VM hosts. Not supported yet; must be false.", default=False),
            "resourcePool": s("string", "MAAS resource pool for the VM hosts."),
            "zone": s("string", "MAAS zone for the VM hosts."),
            "storageBackend": s("string", "LXD storage backend.", default="zfs"),
            "storageSize": s("string", "LXD storage size in GB.", default="50"),
            "nicType": s("string", "LXD NIC type.", enum=["bridge", "macvlan"]),
            "nicParent": s("string", "Parent interface of the LXD NIC."),
            "networkBridge": s("string", "Legacy bridge name."),
            "skipNetworkUpdate": s("boolean", "Leave the host network configuration alone.", default=True),
        }, **{"x-kubernetes-validations": [{"rule": "!has(self.enabled) || !self.enabled", "message": HCP_REFUSED}]}),
    }, ["dnsDomain"]),
    obj("Observed state of the MaasCluster.", {
        "ready": s("boolean", "Legacy contract flag: the cluster infrastructure (API endpoint) is ready. Mirrors initialization.provisioned.", default=False),
        "initialization": INIT("cluster infrastructure (API endpoint)"),
        "network": obj("API server networking.", {
            "dnsName": s("string", "FQDN of the API server (MAAS DNS resource, or the custom endpoint host).", maxLength=512),
            "dnsResourceID": s("integer", "ID of the MAAS DNS resource managed for this cluster; absent for a custom endpoint.", format="int64", minimum=0),
            "attachedIPs": {"type": "array", "description": "Control-plane IPs published in the DNS record, as last written.",
                            "maxItems": 64, "items": {"type": "string", "maxLength": 64}},
        }),
        "failureDomains": {
            "type": "array", "description": "Failure domains (MAAS zones) for Cluster API, rebuilt from spec.failureDomains.",
            "maxItems": 100, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
            "items": obj("A failure domain.", {
                "name": s("string", "MAAS zone name.", minLength=1, maxLength=256),
                "controlPlane": s("boolean", "Whether control-plane machines may be placed here."),
                "attributes": string_map("Free-form attributes of the failure domain."),
            }, ["name"]),
        },
        "conditions": CONDITIONS,
        "failureReason": s("string", "Deprecated (Cluster API v1beta1 contract): terminal failure reason; conditions carry failures now."),
        "failureMessage": s("string", "Deprecated (Cluster API v1beta1 contract): terminal failure message."),
    }),
    [CLUSTER_COL,
     {"name": "Endpoint", "type": "string", "jsonPath": ".spec.controlPlaneEndpoint.host", "description": "API server endpoint"},
     {"name": "DNSName", "type": "string", "jsonPath": ".status.network.dnsName", "priority": 1, "description": "MAAS DNS name"},
     {"name": "Ready", "type": "boolean", "jsonPath": ".status.ready", "description": "Cluster infrastructure is ready"},
     AGE_COL],
    "MaasCluster is the MAAS infrastructure of a Cluster API cluster: the API server DNS name (a MAAS DNS resource "
    "with the control-plane IPs) and the failure domains (MAAS zones).")

machine_status = obj("Observed state of the MaasMachine.", {
    "ready": s("boolean", "Legacy contract flag: the machine is deployed. Mirrors initialization.provisioned.", default=False),
    "initialization": INIT("machine"),
    "machineState": s("string", "MAAS status_name of the machine, e.g. Allocated, Deploying, Deployed."),
    "machinePowered": s("boolean", "Whether MAAS reports the machine powered on."),
    "hostname": s("string", "MAAS hostname of the machine."),
    "failureDomain": s("string", "MAAS zone the machine is in."),
    "dnsAttached": s("boolean", "Control plane only: the machine's IP is in the API server DNS record."),
    "addresses": ADDRESSES,
    "failedAttempts": s("integer", "Consecutive failed allocation or deployment attempts; drives the retry backoff and resets once deployed.", format="int32", minimum=0),
    "retryAfter": s("string", "After a failed allocation or deployment: the earliest time the controller allocates again (backoff).", format="date-time"),
    "conditions": CONDITIONS,
    "failureReason": s("string", "Deprecated (Cluster API v1beta1 contract): terminal failure reason; conditions carry failures now."),
    "failureMessage": s("string", "Deprecated (Cluster API v1beta1 contract): terminal failure message."),
})

maas_machine = crd(
    "MaasMachine", "maasmachines", ["maasm"], machine_spec(False), machine_status,
    [CLUSTER_COL,
     {"name": "State", "type": "string", "jsonPath": ".status.machineState", "description": "MAAS machine state"},
     {"name": "SystemID", "type": "string", "jsonPath": ".spec.systemID", "description": "MAAS system_id"},
     {"name": "Hostname", "type": "string", "jsonPath": ".status.hostname", "description": "MAAS hostname"},
     {"name": "ProviderID", "type": "string", "jsonPath": ".spec.providerID", "priority": 1, "description": "Provider ID"},
     {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status", "description": "Ready condition"},
     AGE_COL],
    "MaasMachine is a bare-metal MAAS machine backing a Cluster API Machine: allocated by CPU, memory, tags, zone "
    "and pool, then deployed with the Machine's bootstrap data.")

maas_machine_template = crd(
    "MaasMachineTemplate", "maasmachinetemplates", ["maasmt"],
    obj("Desired state of the MaasMachineTemplate.", {
        "template": obj("Template for MaasMachines.", {"spec": machine_spec(True)}, ["spec"]),
    }, ["template"]),
    obj("Observed state of the MaasMachineTemplate.", {
        "capacity": string_map("Resources a machine from this template offers (cpu, memory), for autoscaling from zero."),
    }),
    [{"name": "Image", "type": "string", "jsonPath": ".spec.template.spec.image", "description": "MAAS image"},
     {"name": "MinCPU", "type": "integer", "jsonPath": ".spec.template.spec.minCPU", "description": "Minimum CPU cores"},
     {"name": "MinMemory", "type": "integer", "jsonPath": ".spec.template.spec.minMemory", "description": "Minimum memory (MiB)"},
     AGE_COL],
    "MaasMachineTemplate holds the MaasMachine spec that Cluster API (KubeadmControlPlane, MachineDeployment) stamps "
    "out. Image, CPU and memory are immutable: roll out changes with a new template.")

# --- Cluster API stand-in (sandbox and tests only) -------------------------------------------------
REF = lambda desc: obj(desc, {
    "apiGroup": s("string", "API group of the referenced object."),
    "kind": s("string", "Kind of the referenced object."),
    "name": s("string", "Name of the referenced object (same namespace)."),
})
ENDPOINT = obj("API server endpoint.", {"host": s("string", "Host."), "port": s("integer", "Port.", format="int32")})
PRESERVE = {"x-kubernetes-preserve-unknown-fields": True}
CAPI_LABELS = {"cluster.x-k8s.io/provider": "cluster-api-standin"}

capi_cluster = crd(
    "Cluster", "clusters", ["cl"],
    obj("Desired state of the Cluster.", {
        "paused": s("boolean", "Pause reconciliation of the cluster and its objects."),
        "controlPlaneEndpoint": ENDPOINT,
        "clusterNetwork": obj("Cluster network settings.", {"apiServerPort": s("integer", "API server port (default 6443).", format="int32")}, **PRESERVE),
        "infrastructureRef": REF("The infrastructure cluster (e.g. MaasCluster)."),
        "controlPlaneRef": REF("The control plane provider object."),
    }, **PRESERVE),
    obj("Observed state of the Cluster.", {
        "initialization": obj("Initialization status.", {
            "infrastructureProvisioned": s("boolean", "The infrastructure cluster reports provisioned."),
            "controlPlaneInitialized": s("boolean", "The control plane API server is reachable."),
        }),
        "conditions": CONDITIONS,
        "phase": s("string", "Cluster phase."),
    }, **PRESERVE),
    [{"name": "Paused", "type": "boolean", "jsonPath": ".spec.paused"},
     {"name": "Phase", "type": "string", "jsonPath": ".status.phase"}, AGE_COL],
    "Minimal Cluster API Cluster, for the sandbox and tests only (not installed against a real cluster).",
    labels=CAPI_LABELS, group="cluster.x-k8s.io", version="v1beta2", categories=("cluster-api",))

capi_machine = crd(
    "Machine", "machines", ["ma"],
    obj("Desired state of the Machine.", {
        "clusterName": s("string", "Name of the Cluster this machine belongs to.", minLength=1),
        "bootstrap": obj("Bootstrap data.", {"dataSecretName": s("string", "Secret holding the bootstrap data (key `value`).")}, **PRESERVE),
        "infrastructureRef": REF("The infrastructure machine (e.g. MaasMachine)."),
        "failureDomain": s("string", "Failure domain to place the machine in."),
        "providerID": s("string", "Provider ID copied from the infrastructure machine."),
        "version": s("string", "Kubernetes version."),
    }, ["clusterName"], **PRESERVE),
    obj("Observed state of the Machine.", {
        "initialization": obj("Initialization status.", {
            "infrastructureProvisioned": s("boolean", "The infrastructure machine reports provisioned."),
            "bootstrapDataSecretCreated": s("boolean", "The bootstrap data secret exists."),
        }),
        "addresses": ADDRESSES,
        "nodeRef": obj("The workload Node.", {"name": s("string", "Node name.")}, **PRESERVE),
        "phase": s("string", "Machine phase."),
        "conditions": CONDITIONS,
    }, **PRESERVE),
    [{"name": "Cluster", "type": "string", "jsonPath": ".spec.clusterName"},
     {"name": "NodeName", "type": "string", "jsonPath": ".status.nodeRef.name"},
     {"name": "ProviderID", "type": "string", "jsonPath": ".spec.providerID"},
     {"name": "Phase", "type": "string", "jsonPath": ".status.phase"},
     {"name": "Version", "type": "string", "jsonPath": ".spec.version"}, AGE_COL],
    "Minimal Cluster API Machine, for the sandbox and tests only (not installed against a real cluster).",
    labels=CAPI_LABELS, group="cluster.x-k8s.io", version="v1beta2", categories=("cluster-api",))


class Dumper(yaml.SafeDumper):
    pass


def write(path, doc):
    with open(path, "w") as f:
        f.write("# Generated by crds/tools/generate_crds.py; edit that file and regenerate.\n---\n")
        yaml.dump(doc, f, Dumper=Dumper, sort_keys=False, width=120, default_flow_style=False)


write(os.path.join(OUT, f"{GROUP}_maasclusters.yaml"), maas_cluster)
write(os.path.join(OUT, f"{GROUP}_maasmachines.yaml"), maas_machine)
write(os.path.join(OUT, f"{GROUP}_maasmachinetemplates.yaml"), maas_machine_template)
write(os.path.join(OUT, "capi-standin", "cluster.x-k8s.io_clusters.yaml"), capi_cluster)
write(os.path.join(OUT, "capi-standin", "cluster.x-k8s.io_machines.yaml"), capi_machine)
