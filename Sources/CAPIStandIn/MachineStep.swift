import KubeCore

/// The next thing the stand-in does for a Machine (one step per decision; the reconciler re-reads and decides again).
public enum MachineStep: Sendable, Hashable {
    /// The Machine or its Cluster is paused: nothing is done.
    case paused
    /// The Cluster named by `spec.clusterName` does not exist (yet).
    case waitForCluster(name: String)
    /// Finalizer, cluster-name label and (for an orphan) an owner reference to the Cluster, in one merge patch.
    case ensureMetadata(JSONValue)
    /// The referenced infrastructure machine does not exist (yet).
    case waitForInfrastructure(name: String)
    /// Label the infrastructure machine with the cluster name and make the Machine its controller owner.
    case claimInfrastructure(name: String, patch: JSONValue)
    /// Create `<machine>-bootstrap` as a bootstrap provider would.
    case createBootstrapSecret
    /// Set `spec.bootstrap.dataSecretName`.
    case setBootstrapDataSecretName(String)
    /// Copy the infrastructure machine's `spec.providerID`.
    case setProviderID(String)
    /// Write the status fields the stand-in owns.
    case updateStatus(MachineStatusUpdate)
    /// Register the Node in the workload cluster, as kubelet would.
    case registerNode(name: String)
    /// The infrastructure machine is provisioned but its host name cannot name a Node.
    case unusableHostname(String?)
    /// Nothing left to do until something changes.
    case done

    // Deletion, in order.
    case deleteInfrastructure(name: String)
    case waitForInfrastructureDeletion(name: String)
    case deleteNode(name: String)
    /// Delete the bootstrap Secret the stand-in created.
    case deleteBootstrapSecret
    case removeFinalizer(JSONValue)
}
