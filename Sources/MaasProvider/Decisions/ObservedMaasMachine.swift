import KubeCore
/// What the provider needs to know about one MAAS machine (adapted from the MAAS client's machine type).
public struct ObservedMaasMachine: Hashable, Sendable {
    public var systemID: String
    public var hostname: String
    public var fqdn: String?
    /// MAAS `status`; nil when the API did not send it.
    public var statusCode: Int?
    /// MAAS `status_name`.
    public var statusName: String
    /// MAAS `status_message` (latest event), for condition messages.
    public var statusMessage: String?
    /// MAAS `power_state`: `on`, `off`, `unknown` or `error`.
    public var powerState: String
    /// MAAS zone name.
    public var zone: String?
    /// MAAS `ip_addresses`.
    public var ipAddresses: [String]
    /// MAAS `workload_annotations`; nil when the API did not report them.
    public var workloadAnnotations: [String: String]?
    /// MAAS `swap_size` in bytes; nil when unknown.
    public var swapSize: Int?

    public init(
        systemID: String, hostname: String = "", fqdn: String? = nil, statusCode: Int? = nil, statusName: String,
        statusMessage: String? = nil, powerState: String = "unknown", zone: String? = nil, ipAddresses: [String] = [],
        workloadAnnotations: [String: String]? = nil, swapSize: Int? = nil
    ) {
        self.systemID = systemID
        self.hostname = hostname
        self.fqdn = fqdn
        self.statusCode = statusCode
        self.statusName = statusName
        self.statusMessage = statusMessage
        self.powerState = powerState
        self.zone = zone
        self.ipAddresses = ipAddresses
        self.workloadAnnotations = workloadAnnotations
        self.swapSize = swapSize
    }

    /// The MAAS state, nil when MAAS reported one this provider does not know.
    public var state: MaasMachineState? { MaasMachineState(statusCode: statusCode, statusName: statusName) }

    /// Whether MAAS reports the machine powered on.
    public var isPoweredOn: Bool { powerState.lowercased() == "on" }

    /// Whether MAAS reports the machine powered off (not `unknown`/`error`, which manual power types report).
    public var isPoweredOff: Bool { powerState.lowercased() == "off" }
}
