import ClusterAPI
import KubeCore

/// The MAAS infrastructure of a Cluster API cluster (`infrastructure.cluster.x-k8s.io/v1beta1`, `MaasCluster`).
public struct MaasCluster: SpecStatusResource, Hashable {
    public static let resourceType = ResourceType(
        group: ClusterAPIGroup.infrastructure, version: "v1beta1", kind: "MaasCluster", plural: "maasclusters",
        namespaced: true)

    public var apiVersion: String = MaasCluster.resourceType.apiVersion
    public var kind: String = MaasCluster.resourceType.kind
    public var metadata: ObjectMeta
    public var spec: MaasClusterSpec
    public var status: MaasClusterStatus?

    public init(metadata: ObjectMeta, spec: MaasClusterSpec, status: MaasClusterStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `MaasCluster.spec`.
public struct MaasClusterSpec: Codable, Sendable, Hashable {
    /// MAAS DNS domain of the generated API server name. Required, immutable.
    public var dnsDomain: String
    /// The API server endpoint; the controller sets it once.
    public var controlPlaneEndpoint: APIEndpoint?
    /// MAAS zones usable as (control-plane) failure domains.
    public var failureDomains: [String]?
    /// LXD host control plane settings; refused at admission when enabled.
    public var lxdConfig: LXDHostConfig?

    public init(
        dnsDomain: String, controlPlaneEndpoint: APIEndpoint? = nil, failureDomains: [String]? = nil,
        lxdConfig: LXDHostConfig? = nil
    ) {
        self.dnsDomain = dnsDomain
        self.controlPlaneEndpoint = controlPlaneEndpoint
        self.failureDomains = failureDomains
        self.lxdConfig = lxdConfig
    }
}

/// `MaasCluster.spec.lxdConfig` (kept for manifest compatibility; `enabled: true` is refused at admission).
public struct LXDHostConfig: Codable, Sendable, Hashable {
    public var enabled: Bool?
    public var resourcePool: String?
    public var zone: String?
    public var storageBackend: String?
    public var storageSize: String?
    public var nicType: String?
    public var nicParent: String?
    public var networkBridge: String?
    public var skipNetworkUpdate: Bool?

    public init(
        enabled: Bool? = nil, resourcePool: String? = nil, zone: String? = nil, storageBackend: String? = nil,
        storageSize: String? = nil, nicType: String? = nil, nicParent: String? = nil, networkBridge: String? = nil,
        skipNetworkUpdate: Bool? = nil
    ) {
        self.enabled = enabled
        self.resourcePool = resourcePool
        self.zone = zone
        self.storageBackend = storageBackend
        self.storageSize = storageSize
        self.nicType = nicType
        self.nicParent = nicParent
        self.networkBridge = networkBridge
        self.skipNetworkUpdate = skipNetworkUpdate
    }
}
