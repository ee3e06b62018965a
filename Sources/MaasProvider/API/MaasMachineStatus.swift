import ClusterAPI
import KubeCore

/// `MaasMachine.status`.
public struct MaasMachineStatus: Codable, Sendable, Hashable {
    /// Legacy contract flag: true while the machine is deployed.
    public var ready: Bool?
    /// Contract v1beta2: `provisioned` true once deployed; never set back to false.
    public var initialization: InfrastructureInitialization?
    /// MAAS `status_name`.
    public var machineState: String?
    /// MAAS `power_state == "on"`.
    public var machinePowered: Bool?
    public var hostname: String?
    /// MAAS zone of the machine.
    public var failureDomain: String?
    /// Control plane only: the machine's IP is in the API DNS record.
    public var dnsAttached: Bool?
    public var addresses: [MachineAddress]?
    /// Consecutive failed allocation/deployment attempts; drives the backoff, reset once deployed.
    public var failedAttempts: Int?
    /// After a failure: the earliest time the controller allocates again.
    public var retryAfter: Timestamp?
    public var conditions: [Condition]?
    /// Deprecated (v1beta1 contract).
    public var failureReason: String?
    /// Deprecated (v1beta1 contract).
    public var failureMessage: String?

    public init(
        ready: Bool? = nil, initialization: InfrastructureInitialization? = nil, machineState: String? = nil,
        machinePowered: Bool? = nil, hostname: String? = nil, failureDomain: String? = nil, dnsAttached: Bool? = nil,
        addresses: [MachineAddress]? = nil, failedAttempts: Int? = nil, retryAfter: Timestamp? = nil, conditions: [Condition]? = nil,
        failureReason: String? = nil, failureMessage: String? = nil
    ) {
        self.ready = ready
        self.initialization = initialization
        self.machineState = machineState
        self.machinePowered = machinePowered
        self.hostname = hostname
        self.failureDomain = failureDomain
        self.dnsAttached = dnsAttached
        self.addresses = addresses
        self.failedAttempts = failedAttempts
        self.retryAfter = retryAfter
        self.conditions = conditions
        self.failureReason = failureReason
        self.failureMessage = failureMessage
    }
}
