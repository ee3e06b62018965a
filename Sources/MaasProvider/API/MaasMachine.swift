import ClusterAPI
import KubeCore

/// A bare-metal MAAS machine backing a Cluster API Machine (`infrastructure.cluster.x-k8s.io/v1beta1`, `MaasMachine`).
public struct MaasMachine: KubeResource, Hashable {
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

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes an object; `apiVersion` and `kind` may be absent (list items of some servers).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.resourceType.apiVersion
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Self.resourceType.kind
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decode(MaasMachineSpec.self, forKey: .spec)
        status = try container.decodeIfPresent(MaasMachineStatus.self, forKey: .status)
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
