import KubeCore

/// The errors kube-apiserver returns for unknown fields under `fieldValidation=Strict`
/// (use `CRDVersionModel.pruning(_:).unknownFields` to find them).
public enum StrictFieldStatus {
    /// `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
    public static func detail(unknownFields: [String]) -> String {
        "strict decoding error: " + unknownFields.map { "unknown field \(FieldError.quote($0))" }.joined(separator: ", ")
    }

    /// 400 BadRequest on create (POST) and update (PUT):
    /// `MaasMachine in version "v1beta1" cannot be handled as a MaasMachine: strict decoding error: ...`.
    public static func badRequest(kind: String, version: String, unknownFields: [String]) -> Status {
        Status(
            status: "Failure",
            message:
                "\(kind) in version \(FieldError.quote(version)) cannot be handled as a \(kind): \(detail(unknownFields: unknownFields))",
            reason: "BadRequest", code: 400)
    }

    /// 422 Invalid on PATCH: the whole patched object is the bad value of field `patch`, and details carry
    /// only the cause (kubectl then prints `The request is invalid: patch: ...`).
    public static func patchInvalid(patchedObject: JSONValue, unknownFields: [String]) -> Status {
        let error = FieldError.invalid(
            "patch", .string(GoJSON.string(patchedObject)), detail(unknownFields: unknownFields))
        return Status(
            status: "Failure", message: " \"\" is invalid: \(error.description)", reason: "Invalid",
            details: StatusDetails(causes: [error.cause]), code: 422)
    }
}
