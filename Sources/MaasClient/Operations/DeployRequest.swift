import Foundation

/// `POST machines/{id}/ op=deploy` (maas-api.md §3.4).
public struct DeployRequest: Sendable, Equatable {
    public var osystem: String?
    /// e.g. `jammy`.
    public var distroSeries: String?
    /// e.g. `ga-22.04`.
    public var hweKernel: String?
    /// Raw cloud-config or script; the client base64-encodes it. Never logged.
    public var userData: [UInt8]?
    public var ephemeralDeploy: Bool?
    public var agentName: String?
    public var comment: String?

    public init(osystem: String? = nil, distroSeries: String? = nil, hweKernel: String? = nil,
                userData: [UInt8]? = nil, ephemeralDeploy: Bool? = nil, agentName: String? = nil,
                comment: String? = nil) {
        self.osystem = osystem
        self.distroSeries = distroSeries
        self.hweKernel = hweKernel
        self.userData = userData
        self.ephemeralDeploy = ephemeralDeploy
        self.agentName = agentName
        self.comment = comment
    }

    /// Convenience for text user data.
    public init(osystem: String? = nil, distroSeries: String? = nil, hweKernel: String? = nil,
                userDataText: String, ephemeralDeploy: Bool? = nil, agentName: String? = nil, comment: String? = nil) {
        self.init(osystem: osystem, distroSeries: distroSeries, hweKernel: hweKernel, userData: Array(userDataText.utf8),
                  ephemeralDeploy: ephemeralDeploy, agentName: agentName, comment: comment)
    }

    public var parameters: MaasParameters {
        var p = MaasParameters()
        p.add("osystem", osystem)
        p.add("distro_series", distroSeries)
        p.add("hwe_kernel", hweKernel)
        p.add("user_data", userData.map { Data($0).base64EncodedString() })
        p.add("ephemeral_deploy", ephemeralDeploy)
        p.add("agent_name", agentName)
        p.add("comment", comment)
        return p
    }
}
