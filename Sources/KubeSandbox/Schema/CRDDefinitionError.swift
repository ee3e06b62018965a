import KubeCore

/// Why a CustomResourceDefinition was refused: a kube-style message plus one cause per field error.
///
/// `message` is the text after `CustomResourceDefinition.apiextensions.k8s.io "<name>" is invalid: `,
/// i.e. the field errors joined the way kube aggregates them (one error alone, several as `[a, b]`).
public struct CRDDefinitionError: Error, Sendable, Hashable {
    /// The aggregated field errors, e.g. `spec.versions: Invalid value: ...: must have exactly one version marked as storage version`.
    public var message: String
    /// One cause per field error (`reason`, `message` without the field, `field`).
    public var causes: [StatusCause]

    public init(message: String, causes: [StatusCause]) {
        self.message = message
        self.causes = causes
    }

    init(errors: [FieldError]) {
        self.init(message: FieldError.aggregateMessage(errors), causes: errors.map(\.cause))
    }
}
