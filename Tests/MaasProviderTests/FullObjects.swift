import ClusterAPI
import Foundation
import KubeCore
import MaasProvider

/// Instances with every field set, for the CRD agreement test.
enum FullObjects {
    static let condition = Condition(
        type: "Ready", status: .false, reason: "Waiting", message: "m", observedGeneration: 2,
        lastTransitionTime: Timestamp(Date(timeIntervalSince1970: 1_700_000_000)))
    static let meta = ObjectMeta(name: "x", namespace: "ns", labels: ["a": "b"])
    static let ref = ContractVersionedObjectReference(apiGroup: "infrastructure.cluster.x-k8s.io", kind: "MaasCluster", name: "x")

    static let machineSpec = MaasMachineSpec(
        image: "ubuntu/jammy", minCPU: 2, minMemory: 4096, minDiskSize: 20, tags: ["t"], resourcePool: "p",
        failureDomain: "z", systemID: "abc123", providerID: "maas:///z/abc123", deployInMemory: true,
        lxd: LXDMachineConfig(enabled: false, vmConfig: LXDVMConfig(
            diskSize: 60, storagePool: "default", network: "br0", autoStart: true, interfaceLinkModes: ["eth0": "dhcp"])))

    static let maasCluster = MaasCluster(
        metadata: meta,
        spec: MaasClusterSpec(
            dnsDomain: "maas", controlPlaneEndpoint: APIEndpoint(host: "c-abcdef.maas", port: 6443), failureDomains: ["z"],
            lxdConfig: LXDHostConfig(
                enabled: false, resourcePool: "p", zone: "z", storageBackend: "zfs", storageSize: "50", nicType: "bridge",
                nicParent: "eno1", networkBridge: "br0", skipNetworkUpdate: true)),
        status: MaasClusterStatus(
            ready: true, initialization: InfrastructureInitialization(provisioned: true),
            network: MaasClusterNetworkStatus(dnsName: "c-abcdef.maas", dnsResourceID: 7, attachedIPs: ["10.0.0.1"]),
            failureDomains: [FailureDomain(name: "z", controlPlane: true, attributes: ["k": "v"])],
            conditions: [condition], failureReason: "r", failureMessage: "m"))

    static let maasMachine = MaasMachine(
        metadata: meta, spec: machineSpec,
        status: MaasMachineStatus(
            ready: true, initialization: InfrastructureInitialization(provisioned: true), machineState: "Deployed",
            machinePowered: true, hostname: "node-1", failureDomain: "z", dnsAttached: true,
            addresses: [MachineAddress(type: .internalIP, address: "10.0.0.1")], failedAttempts: 1,
            retryAfter: Timestamp(Date(timeIntervalSince1970: 1_700_000_000)), conditions: [condition],
            failureReason: "r", failureMessage: "m"))

    static let maasMachineTemplate = MaasMachineTemplate(
        metadata: meta, spec: MaasMachineTemplateSpec(template: MaasMachineTemplateResource(spec: machineSpec)),
        status: MaasMachineTemplateStatus(capacity: ["cpu": "2", "memory": "4096Mi"]))

    static let cluster = Cluster(
        metadata: meta,
        spec: ClusterSpec(
            paused: false, controlPlaneEndpoint: APIEndpoint(host: "h", port: 6443),
            clusterNetwork: ClusterNetwork(apiServerPort: 6443), infrastructureRef: ref, controlPlaneRef: ref),
        status: ClusterStatus(
            initialization: ClusterInitializationStatus(infrastructureProvisioned: true, controlPlaneInitialized: true),
            conditions: [condition], phase: "Provisioned"))

    static let machine = Machine(
        metadata: meta,
        spec: MachineSpec(
            clusterName: "c", bootstrap: MachineBootstrap(dataSecretName: "s"), infrastructureRef: ref, failureDomain: "z",
            providerID: "maas:///z/abc123", version: "v1.34.1"),
        status: MachineStatus(
            initialization: MachineInitializationStatus(infrastructureProvisioned: true, bootstrapDataSecretCreated: true),
            addresses: [MachineAddress(type: .externalDNS, address: "node-1.maas")], nodeRef: NodeReference(name: "node-1"),
            phase: "Running", conditions: [condition]))
}
