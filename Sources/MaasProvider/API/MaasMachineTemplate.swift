import ClusterAPI
import KubeCore

/// A template of MaasMachines (`infrastructure.cluster.x-k8s.io/v1beta1`, `MaasMachineTemplate`).
public struct MaasMachineTemplate: SpecStatusResource, Hashable {
    public static let resourceType = ResourceType(
        group: ClusterAPIGroup.infrastructure, version: "v1beta1", kind: "MaasMachineTemplate",
        plural: "maasmachinetemplates", namespaced: true)

    public var apiVersion: String = MaasMachineTemplate.resourceType.apiVersion
    public var kind: String = MaasMachineTemplate.resourceType.kind
    public var metadata: ObjectMeta
    public var spec: MaasMachineTemplateSpec
    public var status: MaasMachineTemplateStatus?

    public init(metadata: ObjectMeta, spec: MaasMachineTemplateSpec, status: MaasMachineTemplateStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `MaasMachineTemplate.spec`.
public struct MaasMachineTemplateSpec: Codable, Sendable, Hashable {
    public var template: MaasMachineTemplateResource
    public init(template: MaasMachineTemplateResource) { self.template = template }
}

/// `MaasMachineTemplate.spec.template`.
public struct MaasMachineTemplateResource: Codable, Sendable, Hashable {
    public var spec: MaasMachineSpec
    public init(spec: MaasMachineSpec) { self.spec = spec }
}

/// `MaasMachineTemplate.status`.
public struct MaasMachineTemplateStatus: Codable, Sendable, Hashable {
    /// Resources a machine from this template offers (`cpu`, `memory`), for autoscaling from zero.
    public var capacity: [String: String]?
    public init(capacity: [String: String]? = nil) { self.capacity = capacity }
}
