import ClusterAPI
import KubeCore

/// The next thing the stand-in does for a Cluster (one step per decision; the reconciler re-reads and decides again).
public enum ClusterStep: Sendable, Hashable {
    /// The Cluster is paused (`spec.paused` or the paused annotation): nothing is done.
    case paused
    /// Add the `cluster.cluster.x-k8s.io` finalizer (merge patch of the Cluster).
    case addFinalizer(JSONValue)
    /// Label the infrastructure cluster with the cluster name and make the Cluster its controller owner.
    case claimInfrastructure(name: String, patch: JSONValue)
    /// Copy the infrastructure cluster's endpoint into the Cluster's empty `spec.controlPlaneEndpoint`.
    case setControlPlaneEndpoint(APIEndpoint)
    /// Write the status fields the stand-in owns.
    case updateStatus(ClusterStatusUpdate)
    /// Publish `<cluster>-kubeconfig` for the workload cluster.
    case createKubeconfigSecret
    /// The referenced infrastructure cluster does not exist (yet).
    case waitForInfrastructure(name: String)
    /// Nothing left to do until something changes.
    case done

    // Deletion, in order.
    /// Delete the cluster's Machines that are not yet deleting.
    case deleteMachines([String])
    /// Machines still exist (their finalizers are running).
    case waitForMachines([String])
    case deleteInfrastructure(name: String)
    case waitForInfrastructureDeletion(name: String)
    /// Delete the kubeconfig Secret the stand-in created.
    case deleteKubeconfigSecret
    /// Remove the finalizer (merge patch of the Cluster): the Cluster goes away.
    case removeFinalizer(JSONValue)
}
