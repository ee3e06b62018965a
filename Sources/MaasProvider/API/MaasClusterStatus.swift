import ClusterAPI
import KubeCore

/// `MaasCluster.status`.
public struct MaasClusterStatus: Codable, Sendable, Hashable {
    /// Legacy contract flag, written together with `initialization.provisioned`.
    public var ready: Bool?
    public var initialization: InfrastructureInitialization?
    public var network: MaasClusterNetworkStatus?
    /// Contract v1beta2: a list keyed by name.
    public var failureDomains: [FailureDomain]?
    public var conditions: [Condition]?
    /// Deprecated (v1beta1 contract).
    public var failureReason: String?
    /// Deprecated (v1beta1 contract).
    public var failureMessage: String?

    public init(
        ready: Bool? = nil, initialization: InfrastructureInitialization? = nil, network: MaasClusterNetworkStatus? = nil,
        failureDomains: [FailureDomain]? = nil, conditions: [Condition]? = nil, failureReason: String? = nil,
        failureMessage: String? = nil
    ) {
        self.ready = ready
        self.initialization = initialization
        self.network = network
        self.failureDomains = failureDomains
        self.conditions = conditions
        self.failureReason = failureReason
        self.failureMessage = failureMessage
    }
}

/// `MaasCluster.status.network`.
public struct MaasClusterNetworkStatus: Codable, Sendable, Hashable {
    /// FQDN of the API server.
    public var dnsName: String?
    /// ID of the MAAS DNS resource this cluster owns (absent for a custom endpoint).
    public var dnsResourceID: Int?
    /// Control-plane IPs last written to the DNS record.
    public var attachedIPs: [String]?

    public init(dnsName: String? = nil, dnsResourceID: Int? = nil, attachedIPs: [String]? = nil) {
        self.dnsName = dnsName
        self.dnsResourceID = dnsResourceID
        self.attachedIPs = attachedIPs
    }
}

/// `status.initialization` of an infrastructure object (contract v1beta2).
public struct InfrastructureInitialization: Codable, Sendable, Hashable {
    /// True once provisioned; never set back to false.
    public var provisioned: Bool?
    public init(provisioned: Bool? = nil) { self.provisioned = provisioned }
}
