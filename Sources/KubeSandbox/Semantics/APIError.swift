import KubeCore

/// Builders for the `Status` bodies kube-apiserver returns. All message texts live here.
enum APIError {
    static func notFound(_ info: ResourceInfo, name: String) -> Status {
        Status(message: "\(info.groupResource) \"\(name)\" not found", reason: "NotFound",
               details: details(info, name: name), code: 404)
    }

    static func alreadyExists(_ info: ResourceInfo, name: String) -> Status {
        Status(message: "\(info.groupResource) \"\(name)\" already exists", reason: "AlreadyExists",
               details: details(info, name: name), code: 409)
    }

    static func conflict(_ info: ResourceInfo, name: String) -> Status {
        Status(message: "Operation cannot be fulfilled on \(info.groupResource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
               reason: "Conflict", details: details(info, name: name), code: 409)
    }

    /// 422 Invalid: `<Kind>.<group> "<name>" is invalid: <field>: <message>` (several causes in brackets).
    static func invalid(kind qualifiedKind: String, group: String, kindName: String, name: String, causes: [StatusCause]) -> Status {
        let texts = causes.map { cause in
            [cause.field, cause.message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        }
        let joined = texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
        return Status(message: "\(qualifiedKind) \"\(name)\" is invalid: \(joined)", reason: "Invalid",
                      details: StatusDetails(name: name.isEmpty ? nil : name, group: group.isEmpty ? nil : group,
                                             kind: kindName.isEmpty ? nil : kindName, causes: causes), code: 422)
    }

    static func invalid(_ info: ResourceInfo, name: String, causes: [StatusCause]) -> Status {
        invalid(kind: info.qualifiedKind, group: info.group, kindName: info.kind, name: name, causes: causes)
    }

    static func badRequest(_ message: String) -> Status {
        Status(message: message, reason: "BadRequest", code: 400)
    }

    static func unauthorized() -> Status {
        Status(message: "Unauthorized", reason: "Unauthorized", code: 401)
    }

    static func forbidden(_ info: ResourceInfo, name: String?, message: String, causes: [StatusCause]? = nil) -> Status {
        let subject = name.map { "\(info.groupResource) \"\($0)\"" } ?? "\(info.groupResource)"
        return Status(message: "\(subject) is forbidden: \(message)", reason: "Forbidden",
                      details: StatusDetails(name: name, group: info.group.isEmpty ? nil : info.group, kind: info.plural, causes: causes),
                      code: 403)
    }

    static func expired(requested: Int64, oldest: Int64) -> Status {
        Status(message: "too old resource version: \(requested) (\(oldest))", reason: "Expired", code: 410)
    }

    static func methodNotAllowed() -> Status {
        Status(message: "the server does not allow this method on the requested resource", reason: "MethodNotAllowed", code: 405)
    }

    static func unsupportedMediaType(_ accepted: String) -> Status {
        Status(message: "the body of the request was in an unknown format - accepted media types include: \(accepted)",
               reason: "UnsupportedMediaType", code: 415)
    }

    static func internalError(_ message: String) -> Status {
        Status(message: "Internal error occurred: \(message)", reason: "InternalError",
               details: StatusDetails(causes: [StatusCause(message: message)]), code: 500)
    }

    static func success(_ info: ResourceInfo, name: String, uid: String?) -> Status {
        var status = Status(status: "Success")
        status.details = StatusDetails(name: name, group: info.group.isEmpty ? nil : info.group, kind: info.plural, uid: uid)
        return status
    }

    static func cause(_ reason: String, _ field: String, _ message: String) -> StatusCause {
        StatusCause(reason: reason, message: message, field: field)
    }

    private static func details(_ info: ResourceInfo, name: String) -> StatusDetails {
        StatusDetails(name: name, group: info.group.isEmpty ? nil : info.group, kind: info.plural)
    }
}
