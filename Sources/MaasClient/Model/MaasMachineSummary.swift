/// The few fields of a MAAS machine that a poll decides on: identity, status, power and workload annotations.
///
/// A poll lists hundreds of machines in one call (each ~27 KB of JSON in a real MAAS); decoding only these fields
/// keeps the poll's memory to the response body instead of hundreds of full ``MaasNode`` values. Decoding is as
/// tolerant as ``MaasNode``'s: only `system_id` is required.
public struct MaasMachineSummary: Sendable, Hashable, Decodable {
    public var systemID: String
    public var status: MaasNodeStatus
    /// MAAS's display name; falls back to `status.displayName` when absent.
    public var statusName: String
    public var powerState: PowerState
    /// `workload_annotations` (`owner_data` on older regions): whose machine it is.
    public var workloadAnnotations: [String: String]

    public init(systemID: String, status: MaasNodeStatus = .ready, statusName: String? = nil,
                powerState: PowerState = .unknown, workloadAnnotations: [String: String] = [:]) {
        self.systemID = systemID
        self.status = status
        self.statusName = statusName ?? status.displayName
        self.powerState = powerState
        self.workloadAnnotations = workloadAnnotations
    }

    /// The summary of a fully decoded machine.
    public init(_ node: MaasNode) {
        self.init(systemID: node.systemID, status: node.status, statusName: node.statusName, powerState: node.powerState,
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
            status: c.lenientInt(AnyKey("status")).map(MaasNodeStatus.init(code:)) ?? .unknown(-1),
            statusName: c.lenient(String.self, AnyKey("status_name")),
            powerState: c.lenient(String.self, AnyKey("power_state")).map(PowerState.init(rawValue:)) ?? .unknown,
            workloadAnnotations: Self.annotations(c))
    }

    private static func annotations(_ c: KeyedDecodingContainer<AnyKey>) -> [String: String] {
        let annotations = c.lenientStringMap(AnyKey("workload_annotations"))
        return annotations.isEmpty ? c.lenientStringMap(AnyKey("owner_data")) : annotations
    }
}
