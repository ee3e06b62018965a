import ClusterAPI
import KubeCore

/// The `Machine.status` fields the stand-in owns, as they should be.
public struct MachineStatusUpdate: Sendable, Hashable {
    public var infrastructureProvisioned: Bool
    public var bootstrapDataSecretCreated: Bool
    public var addresses: [MachineAddress]
    public var nodeName: String?
    public var phase: MachinePhase

    public init(
        infrastructureProvisioned: Bool, bootstrapDataSecretCreated: Bool, addresses: [MachineAddress] = [],
        nodeName: String? = nil, phase: MachinePhase
    ) {
        self.infrastructureProvisioned = infrastructureProvisioned
        self.bootstrapDataSecretCreated = bootstrapDataSecretCreated
        self.addresses = addresses
        self.nodeName = nodeName
        self.phase = phase
    }

    /// Whether `current` already shows these values.
    public func isReflected(in current: MachineStatus?) -> Bool {
        current?.phase == phase.rawValue
            && (current?.initialization?.infrastructureProvisioned ?? false) == infrastructureProvisioned
            && (current?.initialization?.bootstrapDataSecretCreated ?? false) == bootstrapDataSecretCreated
            && (current?.addresses ?? []) == addresses
            && current?.nodeRef?.name == nodeName
    }

    /// The merge patch of the status subresource. Flags are written once true, addresses and the Node
    /// reference once known (none is ever cleared).
    public var mergePatch: JSONValue {
        var initialization: [String: JSONValue] = [:]
        if infrastructureProvisioned { initialization["infrastructureProvisioned"] = .bool(true) }
        if bootstrapDataSecretCreated { initialization["bootstrapDataSecretCreated"] = .bool(true) }
        var status: [String: JSONValue] = ["phase": .string(phase.rawValue)]
        if !initialization.isEmpty { status["initialization"] = .object(initialization) }
        if !addresses.isEmpty {
            status["addresses"] = .array(addresses.map { .object(["type": .string($0.type.rawValue), "address": .string($0.address)]) })
        }
        if let nodeName { status["nodeRef"] = .object(["name": .string(nodeName)]) }
        return .object(["status": .object(status)])
    }
}
