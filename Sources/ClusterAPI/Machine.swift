import KubeCore

/// A Cluster API `Machine` (v1beta2), limited to the fields an infrastructure provider reads.
public struct Machine: SpecStatusResource, Hashable {
    public static let resourceType = ResourceType(
        group: ClusterAPIGroup.core, version: "v1beta2", kind: "Machine", plural: "machines", namespaced: true)

    public var apiVersion: String = Machine.resourceType.apiVersion
    public var kind: String = Machine.resourceType.kind
    public var metadata: ObjectMeta
    public var spec: MachineSpec
    public var status: MachineStatus?

    public init(metadata: ObjectMeta, spec: MachineSpec, status: MachineStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Whether this is a control-plane machine (carries the `cluster.x-k8s.io/control-plane` label).
    public var isControlPlane: Bool { metadata.labels?[ClusterAPILabels.controlPlane] != nil }

    /// The bootstrap data Secret name, when the bootstrap provider has produced it.
    public var bootstrapDataSecretName: String? {
        guard let name = spec.bootstrap?.dataSecretName, !name.isEmpty else { return nil }
        return name
    }
}

/// `Machine.spec` (subset).
public struct MachineSpec: Codable, Sendable, Hashable {
    public var clusterName: String
    public var bootstrap: MachineBootstrap?
    public var infrastructureRef: ContractVersionedObjectReference?
    public var failureDomain: String?
    public var providerID: String?
    public var version: String?

    public init(
        clusterName: String, bootstrap: MachineBootstrap? = nil, infrastructureRef: ContractVersionedObjectReference? = nil,
        failureDomain: String? = nil, providerID: String? = nil, version: String? = nil
    ) {
        self.clusterName = clusterName
        self.bootstrap = bootstrap
        self.infrastructureRef = infrastructureRef
        self.failureDomain = failureDomain
        self.providerID = providerID
        self.version = version
    }
}

/// `Machine.spec.bootstrap` (subset).
public struct MachineBootstrap: Codable, Sendable, Hashable {
    public var dataSecretName: String?
    public init(dataSecretName: String? = nil) { self.dataSecretName = dataSecretName }
}

/// `Machine.status` (subset).
public struct MachineStatus: Codable, Sendable, Hashable {
    public var initialization: MachineInitializationStatus?
    public var addresses: [MachineAddress]?
    public var nodeRef: NodeReference?
    public var phase: String?
    public var conditions: [Condition]?

    public init(
        initialization: MachineInitializationStatus? = nil, addresses: [MachineAddress]? = nil,
        nodeRef: NodeReference? = nil, phase: String? = nil, conditions: [Condition]? = nil
    ) {
        self.initialization = initialization
        self.addresses = addresses
        self.nodeRef = nodeRef
        self.phase = phase
        self.conditions = conditions
    }
}

/// `Machine.status.initialization`.
public struct MachineInitializationStatus: Codable, Sendable, Hashable {
    public var infrastructureProvisioned: Bool?
    public var bootstrapDataSecretCreated: Bool?

    public init(infrastructureProvisioned: Bool? = nil, bootstrapDataSecretCreated: Bool? = nil) {
        self.infrastructureProvisioned = infrastructureProvisioned
        self.bootstrapDataSecretCreated = bootstrapDataSecretCreated
    }
}

/// `Machine.status.nodeRef`: the workload cluster Node.
public struct NodeReference: Codable, Sendable, Hashable {
    public var name: String
    public init(name: String) { self.name = name }
}
