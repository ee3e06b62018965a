/// MAAS's machine status enum (`maascommon/enums/node.py NodeStatus`), with filter and display names.
public enum NodeStatus: Int, Sendable, CaseIterable, Codable {
    case new = 0
    case commissioning = 1
    case failedCommissioning = 2
    case missing = 3
    case ready = 4
    case reserved = 5
    case deployed = 6
    case retired = 7
    case broken = 8
    case deploying = 9
    case allocated = 10
    case failedDeployment = 11
    case releasing = 12
    case failedReleasing = 13
    case diskErasing = 14
    case failedDiskErasing = 15
    case rescueMode = 16
    case enteringRescueMode = 17
    case failedEnteringRescueMode = 18
    case exitingRescueMode = 19
    case failedExitingRescueMode = 20
    case testing = 21
    case failedTesting = 22

    /// The `status_name` MAAS shows (NODE_STATUS_CHOICES).
    public var displayName: String {
        switch self {
        case .new: "New"
        case .commissioning: "Commissioning"
        case .failedCommissioning: "Failed commissioning"
        case .missing: "Missing"
        case .ready: "Ready"
        case .reserved: "Reserved"
        case .deployed: "Deployed"
        case .retired: "Retired"
        case .broken: "Broken"
        case .deploying: "Deploying"
        case .allocated: "Allocated"
        case .failedDeployment: "Failed deployment"
        case .releasing: "Releasing"
        case .failedReleasing: "Releasing failed"
        case .diskErasing: "Disk erasing"
        case .failedDiskErasing: "Failed disk erasing"
        case .rescueMode: "Rescue mode"
        case .enteringRescueMode: "Entering rescue mode"
        case .failedEnteringRescueMode: "Failed to enter rescue mode"
        case .exitingRescueMode: "Exiting rescue mode"
        case .failedExitingRescueMode: "Failed to exit rescue mode"
        case .testing: "Testing"
        case .failedTesting: "Failed testing"
        }
    }

    /// The lower-case enum name accepted by the `status` list filter.
    public var filterName: String {
        switch self {
        case .new: "new"
        case .commissioning: "commissioning"
        case .failedCommissioning: "failed_commissioning"
        case .missing: "missing"
        case .ready: "ready"
        case .reserved: "reserved"
        case .deployed: "deployed"
        case .retired: "retired"
        case .broken: "broken"
        case .deploying: "deploying"
        case .allocated: "allocated"
        case .failedDeployment: "failed_deployment"
        case .releasing: "releasing"
        case .failedReleasing: "failed_releasing"
        case .diskErasing: "disk_erasing"
        case .failedDiskErasing: "failed_disk_erasing"
        case .rescueMode: "rescue_mode"
        case .enteringRescueMode: "entering_rescue_mode"
        case .failedEnteringRescueMode: "failed_entering_rescue_mode"
        case .exitingRescueMode: "exiting_rescue_mode"
        case .failedExitingRescueMode: "failed_exiting_rescue_mode"
        case .testing: "testing"
        case .failedTesting: "failed_testing"
        }
    }

    /// Parses a `status` filter value.
    public init?(filterName: String) {
        guard let match = NodeStatus.allCases.first(where: { $0.filterName == filterName }) else { return nil }
        self = match
    }

    /// Statuses from which `release` is allowed (RELEASABLE_STATUSES).
    static let releasable: Set<NodeStatus> = [
        .allocated, .reserved, .broken, .deploying, .deployed, .failedDeployment, .failedDiskErasing, .failedReleasing,
    ]

    /// Statuses from which `abort` is allowed (`Node.abort_operation`).
    static let abortable: Set<NodeStatus> = [.diskErasing, .commissioning, .deploying, .testing]

    /// Statuses that may legally move to DEPLOYING (NODE_TRANSITIONS, the provisioner-relevant part).
    static let deployableFrom: Set<NodeStatus> = [.ready, .allocated, .failedDeployment, .deployed, .broken]
}
