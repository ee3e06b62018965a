import ClusterAPI
import KubeCore

/// The infrastructure kinds the stand-in resolves `infrastructureRef`s to.
///
/// Cluster API core resolves a reference's `apiGroup` and `kind` through CRD discovery; the stand-in
/// only knows the kinds it is given (by default the MAAS provider's), and treats any other reference
/// as not (yet) resolvable.
public struct InfrastructureKinds: Sendable, Hashable {
    /// The infrastructure cluster kind (e.g. `MaasCluster`).
    public var cluster: ResourceType
    /// The infrastructure machine kind (e.g. `MaasMachine`).
    public var machine: ResourceType

    public init(cluster: ResourceType, machine: ResourceType) {
        self.cluster = cluster
        self.machine = machine
    }

    /// `MaasCluster` and `MaasMachine` in `infrastructure.cluster.x-k8s.io/v1beta1`.
    public static let maas = InfrastructureKinds(
        cluster: ResourceType(
            group: ClusterAPIGroup.infrastructure, version: "v1beta1", kind: "MaasCluster", plural: "maasclusters",
            namespaced: true),
        machine: ResourceType(
            group: ClusterAPIGroup.infrastructure, version: "v1beta1", kind: "MaasMachine", plural: "maasmachines",
            namespaced: true))

    /// Whether `reference` names an object of `type` (same API group and kind).
    public static func references(_ reference: ContractVersionedObjectReference?, _ type: ResourceType) -> Bool {
        guard let reference, let name = reference.name, !name.isEmpty else { return false }
        return reference.kind == type.kind && (reference.apiGroup ?? "") == type.group
    }
}
