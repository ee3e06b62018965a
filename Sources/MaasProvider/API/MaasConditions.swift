import KubeCore
/// Condition types the provider sets on its objects.
public enum MaasConditions {
    /// Summary of the other conditions (mirrored by Cluster API to the Machine / Cluster).
    public static let ready = "Ready"
    /// MaasMachine: the MAAS machine is allocated and deployed.
    public static let machineDeployed = "MachineDeployed"
    /// MaasMachine (control plane): the machine's IP is in the API server DNS record.
    public static let dnsAttached = "DNSAttached"
    /// MaasCluster: the API server DNS name (MAAS DNS resource) exists.
    public static let loadBalancerReady = "LoadBalancerReady"
    /// MaasCluster: the workload API server answers.
    public static let apiServerAvailable = "APIServerAvailable"
    /// Both: reconciliation is paused (Cluster `spec.paused` or the paused annotation).
    public static let paused = "Paused"

    /// The condition types summarised into `Ready` on a MaasCluster.
    public static let clusterSummary = [loadBalancerReady, apiServerAvailable]

    /// The condition types summarised into `Ready` on a MaasMachine.
    public static func machineSummary(controlPlane: Bool) -> [String] {
        controlPlane ? [machineDeployed, dnsAttached] : [machineDeployed]
    }
}
