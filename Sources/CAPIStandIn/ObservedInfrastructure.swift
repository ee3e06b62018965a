import KubeCore

/// An infrastructure object as the stand-in read it: metadata plus its contract fields.
public struct ObservedInfrastructure: Sendable, Hashable {
    public var metadata: ObjectMeta
    public var contract: InfrastructureContract

    public init(metadata: ObjectMeta, contract: InfrastructureContract) {
        self.metadata = metadata
        self.contract = contract
    }

    public init(_ object: InfrastructureObject) {
        self.init(metadata: object.metadata, contract: object.contract)
    }

    public var name: String { metadata.name ?? "" }
    public var isDeleting: Bool { metadata.isDeleting }
}

/// Whether a Secret the stand-in may create exists, and whether the stand-in created it.
public enum SecretPresence: Sendable, Hashable {
    case absent
    /// Created by the stand-in (labelled `app.kubernetes.io/managed-by: capi-standin`): deleted with its owner.
    case createdByStandIn
    /// Created by someone else: used, never deleted.
    case foreign

    public var exists: Bool { self != .absent }

    /// Classifies a Secret from its labels (nil: no such Secret).
    public static func of(labels: [String: String]?, exists: Bool) -> SecretPresence {
        guard exists else { return .absent }
        return labels?[StandInNames.managedByLabel] == StandInNames.managedByValue ? .createdByStandIn : .foreign
    }
}
