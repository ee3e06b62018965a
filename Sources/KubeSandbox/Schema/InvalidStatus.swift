import KubeCore

/// Builds the 422 `Invalid` Status kube-apiserver returns for validation failures.
public enum InvalidStatus {
    /// `<Kind>.<group> "<name>" is invalid: <field>: <message>` (several causes as `[f1: m1, f2: m2]`), with
    /// `details.{name, group, kind, causes}` exactly as in the recorded fixtures. `group` may be empty for the
    /// core group (then the qualified kind is just `<Kind>`).
    public static func make(kind: String, group: String, name: String, causes: [StatusCause]) -> Status {
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        return Status(
            status: "Failure",
            message: "\(qualifiedKind) \(FieldError.quote(name)) is invalid: \(aggregateMessage(causes))",
            reason: "Invalid",
            details: StatusDetails(name: name, group: group, kind: kind, causes: causes),
            code: 422)
    }

    /// The causes joined the way kube aggregates field errors.
    public static func aggregateMessage(_ causes: [StatusCause]) -> String {
        let texts = causes.map { cause in
            let field = cause.field ?? ""
            let message = cause.message ?? ""
            return field.isEmpty ? message : "\(field): \(message)"
        }
        return texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
    }

    /// The 422 for a refused CRD: `CustomResourceDefinition.apiextensions.k8s.io "<name>" is invalid: ...`.
    public static func make(crdName: String, error: CRDDefinitionError) -> Status {
        make(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: crdName, causes: error.causes)
    }
}
