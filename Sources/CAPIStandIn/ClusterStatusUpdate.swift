import KubeCore

/// The `Cluster.status` fields the stand-in owns, as they should be.
public struct ClusterStatusUpdate: Sendable, Hashable {
    public var infrastructureProvisioned: Bool
    public var controlPlaneInitialized: Bool
    public var phase: ClusterPhase

    public init(infrastructureProvisioned: Bool, controlPlaneInitialized: Bool, phase: ClusterPhase) {
        self.infrastructureProvisioned = infrastructureProvisioned
        self.controlPlaneInitialized = controlPlaneInitialized
        self.phase = phase
    }

    /// The merge patch of the status subresource. Initialization flags are written only once true
    /// (Cluster API never sets them back to false).
    public var mergePatch: JSONValue {
        var initialization: [String: JSONValue] = [:]
        if infrastructureProvisioned { initialization["infrastructureProvisioned"] = .bool(true) }
        if controlPlaneInitialized { initialization["controlPlaneInitialized"] = .bool(true) }
        var status: [String: JSONValue] = ["phase": .string(phase.rawValue)]
        if !initialization.isEmpty { status["initialization"] = .object(initialization) }
        return .object(["status": .object(status)])
    }
}
