import CAPIStandIn
import ClusterAPI
import Foundation
import KubeCore

/// Builders of the objects the decision tables start from.
enum Fixtures {
    static let namespace = "demo"

    static func cluster(
        finalizer: Bool = true, deleting: Bool = false, paused: Bool = false, endpoint: APIEndpoint? = nil,
        infrastructureProvisioned: Bool = false, controlPlaneInitialized: Bool = false, phase: ClusterPhase? = .provisioning
    ) -> Cluster {
        var metadata = ObjectMeta(name: "demo", namespace: namespace, finalizers: finalizer ? [StandInNames.clusterFinalizer] : nil)
        metadata.uid = "cluster-uid"
        metadata.resourceVersion = "10"
        if deleting { metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 1_800_000_000)) }
        var initialization: ClusterInitializationStatus?
        if infrastructureProvisioned || controlPlaneInitialized {
            initialization = ClusterInitializationStatus(
                infrastructureProvisioned: infrastructureProvisioned ? true : nil,
                controlPlaneInitialized: controlPlaneInitialized ? true : nil)
        }
        return Cluster(
            metadata: metadata,
            spec: ClusterSpec(
                paused: paused ? true : nil, controlPlaneEndpoint: endpoint,
                infrastructureRef: ContractVersionedObjectReference(
                    apiGroup: "infrastructure.cluster.x-k8s.io", kind: "MaasCluster", name: "demo")),
            status: ClusterStatus(initialization: initialization, phase: phase?.rawValue))
    }

    static func infrastructure(
        name: String = "demo", owners: [OwnerReference] = [], clusterLabel: String? = "demo", deleting: Bool = false,
        status: JSONValue? = nil, spec: JSONValue = .emptyObject
    ) -> ObservedInfrastructure {
        var metadata = ObjectMeta(name: name, namespace: namespace, ownerReferences: owners.isEmpty ? nil : owners)
        metadata.labels = clusterLabel.map { [ClusterAPILabels.clusterName: $0] }
        metadata.uid = "\(name)-uid"
        metadata.resourceVersion = "5"
        if deleting { metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 1_800_000_000)) }
        var object: JSONValue = ["spec": spec]
        if let status { object["status"] = status }
        return ObservedInfrastructure(metadata: metadata, contract: InfrastructureContract(object))
    }

    static var clusterOwner: OwnerReference {
        OwnerReference(
            apiVersion: "cluster.x-k8s.io/v1beta2", kind: "Cluster", name: "demo", uid: "cluster-uid", controller: true,
            blockOwnerDeletion: true)
    }

    static func machineOwner(_ name: String = "cp-0") -> OwnerReference {
        OwnerReference(
            apiVersion: "cluster.x-k8s.io/v1beta2", kind: "Machine", name: name, uid: "\(name)-uid", controller: true,
            blockOwnerDeletion: true)
    }

    static func machine(
        name: String = "cp-0", controlPlane: Bool = true, metadataComplete: Bool = true, deleting: Bool = false,
        dataSecretName: String? = nil, providerID: String? = nil, status: MachineStatus? = nil, paused: Bool = false
    ) -> Machine {
        var labels: [String: String] = [:]
        if controlPlane { labels[ClusterAPILabels.controlPlane] = "" }
        if metadataComplete { labels[ClusterAPILabels.clusterName] = "demo" }
        var metadata = ObjectMeta(
            name: name, namespace: namespace, labels: labels,
            annotations: paused ? [ClusterAPIAnnotations.paused: ""] : nil,
            ownerReferences: metadataComplete
                ? [OwnerReference(apiVersion: "cluster.x-k8s.io/v1beta2", kind: "Cluster", name: "demo", uid: "cluster-uid")] : nil,
            finalizers: metadataComplete ? [StandInNames.machineFinalizer] : nil)
        metadata.uid = "\(name)-uid"
        metadata.resourceVersion = "7"
        if deleting { metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 1_800_000_000)) }
        return Machine(
            metadata: metadata,
            spec: MachineSpec(
                clusterName: "demo", bootstrap: dataSecretName.map { MachineBootstrap(dataSecretName: $0) },
                infrastructureRef: ContractVersionedObjectReference(
                    apiGroup: "infrastructure.cluster.x-k8s.io", kind: "MaasMachine", name: name),
                providerID: providerID),
            status: status)
    }

    /// A deployed MAAS machine's infrastructure object, owned and labelled.
    static func provisionedMachineInfrastructure(name: String = "cp-0", hostname: String = "Node-CP0") -> ObservedInfrastructure {
        infrastructure(
            name: name, owners: [machineOwner(name)],
            status: [
                "initialization": ["provisioned": true], "ready": true, "hostname": .string(hostname),
                "addresses": [["type": "InternalIP", "address": "10.0.0.5"]],
            ],
            spec: ["providerID": "maas:///zone-a/abc123", "image": "ubuntu/jammy"])
    }
}
