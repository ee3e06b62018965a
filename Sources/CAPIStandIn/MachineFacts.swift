import ClusterAPI
import KubeCore

/// Everything the Machine decision looks at, gathered by the reconciler.
public struct MachineFacts: Sendable, Hashable {
    public var machine: Machine
    /// The Machine's Cluster (`spec.clusterName`, same namespace); nil when not found.
    public var cluster: Cluster?
    /// Whether `spec.infrastructureRef` names a kind the stand-in knows.
    public var infrastructureReferenced: Bool
    /// The referenced infrastructure machine; nil when not referenced or not found.
    public var infrastructure: ObservedInfrastructure?
    /// The Secret `<machine>-bootstrap`.
    public var bootstrapSecret: SecretPresence
    /// Whether a workload cluster is configured (Nodes can only be registered then).
    public var workloadConfigured: Bool
    /// The name of this Machine's Node when it exists in the workload cluster.
    public var existingNode: String?

    public init(
        machine: Machine, cluster: Cluster?, infrastructureReferenced: Bool, infrastructure: ObservedInfrastructure?,
        bootstrapSecret: SecretPresence = .absent, workloadConfigured: Bool = true, existingNode: String? = nil
    ) {
        self.machine = machine
        self.cluster = cluster
        self.infrastructureReferenced = infrastructureReferenced
        self.infrastructure = infrastructure
        self.bootstrapSecret = bootstrapSecret
        self.workloadConfigured = workloadConfigured
        self.existingNode = existingNode
    }

    /// The Node name to look for: `status.nodeRef`, else the name kubelet would register from the host name.
    public static func nodeCandidate(machine: Machine, infrastructure: ObservedInfrastructure?) -> String? {
        if let name = machine.status?.nodeRef?.name, !name.isEmpty { return name }
        guard let infrastructure, infrastructure.contract.provisioned else { return nil }
        return NodeName.forHostname(infrastructure.contract.hostname)
    }
}
