import KubeCore

/// A Cluster API `Cluster` (v1beta2), limited to the fields an infrastructure provider reads.
public struct Cluster: SpecStatusResource, Hashable {
    public static let resourceType = ResourceType(
        group: ClusterAPIGroup.core, version: "v1beta2", kind: "Cluster", plural: "clusters", namespaced: true)

    public var apiVersion: String = Cluster.resourceType.apiVersion
    public var kind: String = Cluster.resourceType.kind
    public var metadata: ObjectMeta
    public var spec: ClusterSpec?
    public var status: ClusterStatus?

    public init(metadata: ObjectMeta, spec: ClusterSpec? = nil, status: ClusterStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The API server port: `spec.clusterNetwork.apiServerPort`, or 6443 when unset or zero.
    public var apiServerPort: Int32 {
        guard let port = spec?.clusterNetwork?.apiServerPort, port > 0 else { return 6443 }
        return port
    }

    /// Whether `status.initialization.infrastructureProvisioned` is true.
    public var infrastructureProvisioned: Bool { status?.initialization?.infrastructureProvisioned == true }

    /// Whether `status.initialization.controlPlaneInitialized` is true.
    public var controlPlaneInitialized: Bool { status?.initialization?.controlPlaneInitialized == true }
}

/// `Cluster.spec` (subset).
public struct ClusterSpec: Codable, Sendable, Hashable {
    public var paused: Bool?
    public var controlPlaneEndpoint: APIEndpoint?
    public var clusterNetwork: ClusterNetwork?
    public var infrastructureRef: ContractVersionedObjectReference?
    public var controlPlaneRef: ContractVersionedObjectReference?

    public init(
        paused: Bool? = nil, controlPlaneEndpoint: APIEndpoint? = nil, clusterNetwork: ClusterNetwork? = nil,
        infrastructureRef: ContractVersionedObjectReference? = nil, controlPlaneRef: ContractVersionedObjectReference? = nil
    ) {
        self.paused = paused
        self.controlPlaneEndpoint = controlPlaneEndpoint
        self.clusterNetwork = clusterNetwork
        self.infrastructureRef = infrastructureRef
        self.controlPlaneRef = controlPlaneRef
    }
}

/// `Cluster.spec.clusterNetwork` (subset).
public struct ClusterNetwork: Codable, Sendable, Hashable {
    public var apiServerPort: Int32?
    public init(apiServerPort: Int32? = nil) { self.apiServerPort = apiServerPort }
}

/// `Cluster.status` (subset).
public struct ClusterStatus: Codable, Sendable, Hashable {
    public var initialization: ClusterInitializationStatus?
    public var conditions: [Condition]?
    public var phase: String?

    public init(initialization: ClusterInitializationStatus? = nil, conditions: [Condition]? = nil, phase: String? = nil) {
        self.initialization = initialization
        self.conditions = conditions
        self.phase = phase
    }
}

/// `Cluster.status.initialization`.
public struct ClusterInitializationStatus: Codable, Sendable, Hashable {
    public var infrastructureProvisioned: Bool?
    public var controlPlaneInitialized: Bool?

    public init(infrastructureProvisioned: Bool? = nil, controlPlaneInitialized: Bool? = nil) {
        self.infrastructureProvisioned = infrastructureProvisioned
        self.controlPlaneInitialized = controlPlaneInitialized
    }
}
