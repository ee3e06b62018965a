import ClusterAPI
import KubeCore

/// Where a MaasCluster's API server endpoint comes from.
public enum ClusterEndpointPlan: Hashable, Sendable {
    /// `Cluster.spec.controlPlaneEndpoint.host` was set by the user: no MAAS DNS call at all.
    case custom(APIEndpoint)
    /// The provider manages this DNS name (create the MAAS DNS resource if it is missing).
    case managed(dnsName: String, port: Int32)
    /// No name yet: generate `<cluster>-<6>.<dnsDomain>` (``APIEndpointName``) and record it in status first.
    case generate(port: Int32)

    /// The plan for `maasCluster` of `cluster`. A name in `status.network.dnsName` with a recorded
    /// `dnsResourceID` is ours even though Cluster API copies it into `Cluster.spec.controlPlaneEndpoint`; a host
    /// in the Cluster without our resource is a custom endpoint. The reconciler must record `dnsResourceID`
    /// before it sets `spec.controlPlaneEndpoint`. A custom endpoint without a port uses the API server port
    /// (PCP-2585).
    public static func plan(cluster: Cluster, maasCluster: MaasCluster) -> ClusterEndpointPlan {
        let port = cluster.apiServerPort
        let network = maasCluster.status?.network
        let managedName = network?.dnsName.flatMap { $0.isEmpty ? nil : $0 }
        if let managedName, network?.dnsResourceID != nil { return .managed(dnsName: managedName, port: port) }
        if let endpoint = cluster.spec?.controlPlaneEndpoint, let host = endpoint.host, !host.isEmpty {
            let customPort = endpoint.port.flatMap { $0 > 0 ? $0 : nil } ?? port
            return .custom(APIEndpoint(host: host, port: customPort))
        }
        if let managedName { return .managed(dnsName: managedName, port: port) }
        return .generate(port: port)
    }
}
