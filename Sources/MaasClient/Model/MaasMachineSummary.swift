/// The fields of a MAAS machine that a poll and a reconcile decide on: identity, status, power, workload annotations,
/// and what status reports (hostname, zone, addresses, swap).
///
/// A poll lists hundreds of machines in one call (each ~27 KB of JSON in a real MAAS); decoding only these fields
/// keeps the poll's memory to the response body instead of hundreds of full ``MaasNode`` values. Decoding is as
/// tolerant as ``MaasNode``'s (the same lenient rules, field by field): only `system_id` is required.
public struct MaasMachineSummary: Sendable, Hashable, Decodable {
    public var systemID: String
    public var hostname: String
    public var fqdn: String
    public var status: MaasNodeStatus
    /// MAAS's display name; falls back to `status.displayName` when absent.
    public var statusName: String
    public var statusMessage: String?
    public var powerState: PowerState
    /// `zone.name`.
    public var zoneName: String?
    public var ipAddresses: [String]
    public var swapSize: Int?
    /// `workload_annotations` (`owner_data` on older regions): whose machine it is.
    public var workloadAnnotations: [String: String]

    public init(
        systemID: String, hostname: String = "", fqdn: String = "", status: MaasNodeStatus = .ready,
        statusName: String? = nil, statusMessage: String? = nil, powerState: PowerState = .unknown,
        zoneName: String? = nil, ipAddresses: [String] = [], swapSize: Int? = nil,
        workloadAnnotations: [String: String] = [:]
    ) {
        self.systemID = systemID
        self.hostname = hostname
        self.fqdn = fqdn
        self.status = status
        self.statusName = statusName ?? status.displayName
        self.statusMessage = statusMessage
        self.powerState = powerState
        self.zoneName = zoneName
        self.ipAddresses = ipAddresses
        self.swapSize = swapSize
        self.workloadAnnotations = workloadAnnotations
    }

    /// The summary of a fully decoded machine.
    public init(_ node: MaasNode) {
        self.init(
            systemID: node.systemID, hostname: node.hostname, fqdn: node.fqdn, status: node.status,
            statusName: node.statusName, statusMessage: node.statusMessage, powerState: node.powerState,
            zoneName: node.zone?.name, ipAddresses: node.ipAddresses, swapSize: node.swapSize,
            workloadAnnotations: node.workloadAnnotations)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let id = c.lenient(String.self, AnyKey("system_id")), !id.isEmpty else {
            throw DecodingError.keyNotFound(
                AnyKey("system_id"), .init(codingPath: decoder.codingPath, debugDescription: "machine without system_id"))
        }
        self.init(
            systemID: id,
            hostname: c.lenient(String.self, AnyKey("hostname")) ?? "",
            fqdn: c.lenient(String.self, AnyKey("fqdn")) ?? "",
            status: c.lenientInt(AnyKey("status")).map(MaasNodeStatus.init(code:)) ?? .unknown(-1),
            statusName: c.lenient(String.self, AnyKey("status_name")),
            statusMessage: c.lenient(String.self, AnyKey("status_message")),
            powerState: c.lenient(String.self, AnyKey("power_state")).map(PowerState.init(rawValue:)) ?? .unknown,
            zoneName: c.lenient(MaasZone.self, AnyKey("zone"))?.name,
            ipAddresses: c.lenient([LenientString].self, AnyKey("ip_addresses"))?.compactMap(\.value) ?? [],
            swapSize: c.lenientInt(AnyKey("swap_size")),
            workloadAnnotations: Self.annotations(c))
    }

    private static func annotations(_ c: KeyedDecodingContainer<AnyKey>) -> [String: String] {
        let annotations = c.lenientStringMap(AnyKey("workload_annotations"))
        return annotations.isEmpty ? c.lenientStringMap(AnyKey("owner_data")) : annotations
    }
}
