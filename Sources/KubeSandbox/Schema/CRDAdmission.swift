import KubeCore

/// The result of running a custom object through a CRD version's schema, in kube-apiserver's order.
public struct CRDAdmission: Sendable, Hashable {
    /// The pruned and defaulted object (store this when `causes` is empty).
    public var object: JSONValue
    /// Dotted paths of dropped unknown fields (`spec.foo`): with `fieldValidation=Strict` refuse the request
    /// (`StrictFieldStatus.badRequest` on POST/PUT, `.patchInvalid` on PATCH); with `Warn` (the default)
    /// send one `Warning: 299 - "unknown field \"spec.foo\""` header per path.
    public var unknownFields: [String]
    /// Validation causes; non-empty means 422 (`InvalidStatus.make(kind:group:name:causes:)`).
    public var causes: [StatusCause]
}

extension CRDVersionModel {
    /// Prunes unknown fields, applies defaults, then validates (schema + CEL; `old` is the stored object on
    /// update, nil on create). ObjectMeta (`metadata.name` etc.) is not checked here.
    public func admit(_ object: JSONValue, old: JSONValue?) -> CRDAdmission {
        let (pruned, unknownFields) = pruning(object)
        let defaulted = applyingDefaults(to: pruned)
        return CRDAdmission(object: defaulted, unknownFields: unknownFields, causes: validate(defaulted, old: old))
    }
}
