/// How long the asynchronous MAAS transitions take in simulated time.
public struct SimulatorTimings: Sendable, Equatable {
    /// DEPLOYING → DEPLOYED / FAILED_DEPLOYMENT.
    public var deploy: Duration
    /// RELEASING → READY.
    public var release: Duration
    /// DISK_ERASING → READY.
    public var diskErase: Duration

    public init(deploy: Duration, release: Duration, diskErase: Duration) {
        self.deploy = deploy
        self.release = release
        self.diskErase = diskErase
    }

    /// Every transition completes on the next request (for tests).
    public static let instant = SimulatorTimings(deploy: .zero, release: .zero, diskErase: .zero)
    /// Durations that look like a small real MAAS (for demos).
    public static let realistic = SimulatorTimings(deploy: .seconds(20), release: .seconds(5), diskErase: .seconds(10))

    /// Parses `instant` or `realistic`.
    public init?(named name: String) {
        switch name {
        case "instant": self = .instant
        case "realistic": self = .realistic
        default: return nil
        }
    }
}

/// What happens to a deployment of one machine.
public enum DeploymentOutcome: String, Sendable, Codable, Equatable {
    /// DEPLOYING → DEPLOYED after `SimulatorTimings.deploy`.
    case succeed
    /// DEPLOYING → FAILED_DEPLOYMENT after `SimulatorTimings.deploy`.
    case fail
    /// Stays in DEPLOYING until aborted or released.
    case stick
}
