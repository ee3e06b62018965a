import ClusterAPI
import KubeCore

/// Everything the Cluster decision looks at, gathered by the reconciler.
public struct ClusterFacts: Sendable, Hashable {
    /// A Machine of the cluster, reduced to what the Cluster cares about.
    public struct MachineSummary: Sendable, Hashable {
        public var name: String
        public var isControlPlane: Bool
        public var infrastructureProvisioned: Bool
        /// The Node named by `status.nodeRef` exists in the workload cluster.
        public var nodeExists: Bool
        public var isDeleting: Bool

        public init(name: String, isControlPlane: Bool, infrastructureProvisioned: Bool, nodeExists: Bool, isDeleting: Bool) {
            self.name = name
            self.isControlPlane = isControlPlane
            self.infrastructureProvisioned = infrastructureProvisioned
            self.nodeExists = nodeExists
            self.isDeleting = isDeleting
        }
    }

    public var cluster: Cluster
    /// Whether `spec.infrastructureRef` names a kind the stand-in knows.
    public var infrastructureReferenced: Bool
    /// The referenced infrastructure cluster; nil when not referenced or not found.
    public var infrastructure: ObservedInfrastructure?
    public var machines: [MachineSummary]
    public var kubeconfigSecret: SecretPresence
    /// Whether a workload cluster is configured (the kubeconfig Secret can only be published then).
    public var workloadConfigured: Bool

    public init(
        cluster: Cluster, infrastructureReferenced: Bool, infrastructure: ObservedInfrastructure?,
        machines: [MachineSummary] = [], kubeconfigSecret: SecretPresence = .absent, workloadConfigured: Bool = true
    ) {
        self.cluster = cluster
        self.infrastructureReferenced = infrastructureReferenced
        self.infrastructure = infrastructure
        self.machines = machines
        self.kubeconfigSecret = kubeconfigSecret
        self.workloadConfigured = workloadConfigured
    }

    /// A control-plane Machine has its infrastructure provisioned and its Node registered.
    public var controlPlaneNodeReady: Bool {
        machines.contains { $0.isControlPlane && $0.infrastructureProvisioned && $0.nodeExists }
    }
}
