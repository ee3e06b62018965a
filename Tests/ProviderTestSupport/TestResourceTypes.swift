import ClusterAPI
import KubeCore
import MaasProvider

/// Resource types test infrastructure cleans up.
enum TestResourceTypes {
    /// The kinds whose objects carry finalizers in tests, most dependent first.
    static let withFinalizers = [MaasMachine.resourceType, Machine.resourceType, MaasCluster.resourceType, Cluster.resourceType]
}
