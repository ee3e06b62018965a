/// The few fields of a MAAS machine that a deployment poll decides on: identity, status and power.
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

    public init(systemID: String, status: MaasNodeStatus = .ready, statusName: String? = nil,
                powerState: PowerState = .unknown) {
        self.systemID = systemID
        self.status = status
        self.statusName = statusName ?? status.displayName
        self.powerState = powerState
    }

    /// The summary of a fully decoded machine.
    public init(_ node: MaasNode) {
        self.init(systemID: node.systemID, status: node.status, statusName: node.statusName, powerState: node.powerState)
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
            powerState: c.lenient(String.self, AnyKey("power_state")).map(PowerState.init(rawValue:)) ?? .unknown)
    }
}
