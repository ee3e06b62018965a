import ClusterAPI
import KubeCore

/// A bare-metal MAAS machine backing a Cluster API Machine (`infrastructure.cluster.x-k8s.io/v1beta1`, `MaasMachine`).
public struct MaasMachine: SpecStatusResource, Hashable {
    public static let resourceType = ResourceType(
        group: ClusterAPIGroup.infrastructure, version: "v1beta1", kind: "MaasMachine", plural: "maasmachines",
        namespaced: true)

    public var apiVersion: String = MaasMachine.resourceType.apiVersion
    public var kind: String = MaasMachine.resourceType.kind
    public var metadata: ObjectMeta
    public var spec: MaasMachineSpec
    public var status: MaasMachineStatus?

    public init(metadata: ObjectMeta, spec: MaasMachineSpec, status: MaasMachineStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Whether this is a control-plane machine (the `cluster.x-k8s.io/control-plane` label, copied by the
    /// control plane provider from the Machine).
    public var isControlPlane: Bool { metadata.labels?[ClusterAPILabels.controlPlane] != nil }

    /// The parsed `spec.providerID`, nil when unset; throws when it is set but malformed.
    public func parsedProviderID() throws(ProviderIDError) -> ProviderID? {
        guard let text = spec.providerID, !text.isEmpty else { return nil }
        return try ProviderID(parsing: text)
    }
}
