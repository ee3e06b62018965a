import KubeCore
/// MAAS machine status (`NodeStatus`; code and `status_name` as MAAS reports them).
public enum MaasMachineState: Int, Hashable, Sendable, CaseIterable {
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

    /// The `status_name` MAAS shows for this state.
    public var statusName: String {
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

    /// The state for a MAAS `status` code, falling back to the `status_name` (older names such as
    /// "Failed releasing" included); nil when neither is known.
    public init?(statusCode: Int?, statusName: String?) {
        if let statusCode, let state = MaasMachineState(rawValue: statusCode) {
            self = state
            return
        }
        guard let name = statusName?.lowercased() else { return nil }
        if name == "failed releasing" {
            self = .failedReleasing
            return
        }
        guard let state = MaasMachineState.allCases.first(where: { $0.statusName.lowercased() == name }) else {
            return nil
        }
        self = state
    }

    /// States in which a machine found by `agent_name` is still ours to adopt.
    public static let adoptable: Set<MaasMachineState> = [.allocated, .deploying, .deployed]

    /// States that show MAAS accepted a release (or the machine left us some other way).
    public static let released: Set<MaasMachineState> = [.new, .ready, .releasing, .diskErasing, .failedReleasing, .failedDiskErasing]
}
