/// MAAS's machine status (`NodeStatus` in `maascommon/enums/node.py`), stable since MAAS 2.x.
/// Unknown future values decode to `.unknown(code)` instead of failing.
public enum MaasNodeStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case new, commissioning, failedCommissioning, missing, ready, reserved, deployed, retired, broken, deploying
    case allocated, failedDeployment, releasing, failedReleasing, diskErasing, failedDiskErasing, rescueMode
    case enteringRescueMode, failedEnteringRescueMode, exitingRescueMode, failedExitingRescueMode, testing
    case failedTesting
    case unknown(Int)

    /// Every known status, in code order.
    public static let allKnown: [MaasNodeStatus] = [
        .new, .commissioning, .failedCommissioning, .missing, .ready, .reserved, .deployed, .retired, .broken,
        .deploying, .allocated, .failedDeployment, .releasing, .failedReleasing, .diskErasing, .failedDiskErasing,
        .rescueMode, .enteringRescueMode, .failedEnteringRescueMode, .exitingRescueMode, .failedExitingRescueMode,
        .testing, .failedTesting,
    ]

    private static let table: [(filter: String, display: String)] = [
        ("new", "New"), ("commissioning", "Commissioning"), ("failed_commissioning", "Failed commissioning"),
        ("missing", "Missing"), ("ready", "Ready"), ("reserved", "Reserved"), ("deployed", "Deployed"),
        ("retired", "Retired"), ("broken", "Broken"), ("deploying", "Deploying"), ("allocated", "Allocated"),
        ("failed_deployment", "Failed deployment"), ("releasing", "Releasing"),
        ("failed_releasing", "Releasing failed"), ("disk_erasing", "Disk erasing"),
        ("failed_disk_erasing", "Failed disk erasing"), ("rescue_mode", "Rescue mode"),
        ("entering_rescue_mode", "Entering rescue mode"),
        ("failed_entering_rescue_mode", "Failed to enter rescue mode"),
        ("exiting_rescue_mode", "Exiting rescue mode"), ("failed_exiting_rescue_mode", "Failed to exit rescue mode"),
        ("testing", "Testing"), ("failed_testing", "Failed testing"),
    ]

    public init(code: Int) {
        self = (0..<Self.allKnown.count).contains(code) ? Self.allKnown[code] : .unknown(code)
    }

    /// The integer MAAS sends in `status`.
    public var code: Int {
        if case .unknown(let c) = self { return c }
        return Self.allKnown.firstIndex(of: self) ?? -1
    }

    /// MAAS's `status_name`, e.g. "Failed deployment".
    public var displayName: String {
        if case .unknown(let c) = self { return "Unknown (\(c))" }
        return Self.table[code].display
    }

    /// The lower-case name used by the `status=` list filter, e.g. `failed_deployment`.
    public var filterName: String? {
        if case .unknown = self { return nil }
        return Self.table[code].filter
    }

    /// Parses a filter name (`failed_deployment`) or a display name (`Failed deployment`).
    public init?(name: String) {
        guard let i = Self.table.firstIndex(where: { $0.filter == name || $0.display == name }) else { return nil }
        self = Self.allKnown[i]
    }

    /// Deploying or Deployed (capmaas `Running`).
    public static let running: Set<MaasNodeStatus> = [.deploying, .deployed]
    /// Running plus Allocated (capmaas `Operational`).
    public static let operational: Set<MaasNodeStatus> = running.union([.allocated])
    /// Operational plus Disk erasing, Releasing, Ready, New (capmaas `Known`).
    public static let known: Set<MaasNodeStatus> = operational.union([.diskErasing, .releasing, .ready, .new])

    public var isRunning: Bool { Self.running.contains(self) }
    public var isOperational: Bool { Self.operational.contains(self) }
    public var isKnown: Bool { Self.known.contains(self) }

    public init(from decoder: any Decoder) throws {
        self.init(code: try decoder.singleValueContainer().decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }

    public var description: String { displayName }
}
