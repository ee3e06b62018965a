import Foundation
import Hummingbird
import KubeCore

/// A request aimed at a resource: `/api/v1/…` or `/apis/<g>/<v>/…`.
struct ResourceTarget: Sendable {
    var info: ResourceInfo
    var namespace: String?
    var name: String?
    var subresource: String?

    /// RBAC verb for the request method.
    func verb(_ request: APIRequest) -> String {
        switch request.method {
        case .get: return name != nil ? "get" : (request.flag("watch") ? "watch" : "list")
        case .post: return "create"
        case .put: return "update"
        case .patch: return "patch"
        case .delete: return name != nil ? "delete" : "deletecollection"
        default: return request.method.rawValue.lowercased()
        }
    }
}

/// CRUD, list, watch and patch on stored objects.
struct ResourceHandler: Sendable {
    var store: ObjectStore
    var controls: SandboxControls
    var bookmarkInterval: Duration

    /// The response, and the `Status` when the request failed (for the audit log).
    func handle(_ request: APIRequest, _ target: ResourceTarget) async throws -> (response: Response, failure: Status?) {
        do {
            return (try await respond(request, target), nil)
        } catch let status as Status {
            return (HTTPReplies.status(status), status)
        }
    }

    private func respond(_ request: APIRequest, _ target: ResourceTarget) async throws -> Response {
        let info = target.info
        let verb = target.verb(request)
        if ["create", "update", "patch", "delete", "deletecollection"].contains(verb), let code = controls.injectedWriteFailure() {
            throw code == 409 ? APIError.conflict(info, name: target.name ?? "") : APIError.internalError("injected fault")
        }
        switch (verb, target.name) {
        case ("get", .some(let name)):
            let object = try store.read { try $0.get(info, namespace: target.namespace, name: name) }
            guard request.wantsTable else { return HTTPReplies.json(object) }
            let meta: JSONValue = ["resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? ""]
            return HTTPReplies.json(Tables.table(info, items: [object], listMeta: meta, includeObject: request.query["includeObject"], now: Date()))
        case ("list", _): return try list(request, target)
        case ("watch", _): return try watch(request, target)
        case ("create", nil): return try create(request, target)
        case ("update", .some(let name)): return try update(request, target, name: name)
        case ("patch", .some(let name)): return try patch(request, target, name: name)
        case ("delete", .some(let name)): return try delete(request, target, name: name)
        case ("deletecollection", nil): return try deleteCollection(request, target)
        default: throw APIError.methodNotAllowed()
        }
    }

    /// Applies a mutation, or only simulates it for `dryRun=All`.
    private func mutate<T: Sendable, E: Error>(_ request: APIRequest, _ body: (inout StoreState) throws(E) -> T) throws(E) -> T {
        request.query["dryRun"] == "All" ? try store.simulate(body) : try store.write(body)
    }

    private func context(_ request: APIRequest, _ target: ResourceTarget, operation: String = "Update") -> WriteContext {
        WriteContext(user: request.user, fieldManager: request.query["fieldManager"] ?? "unknown", operation: operation, subresource: target.subresource)
    }

    private func body(_ request: APIRequest, _ target: ResourceTarget) throws(Status) -> JSONValue {
        if request.contentType.contains("protobuf") {
            return try ProtobufBody.decode([UInt8](request.body), for: target.info)
        }
        return try Patching.parseBody(request.body, yamlAllowed: request.contentType.contains("yaml"))
    }

    private func filter(_ request: APIRequest, _ target: ResourceTarget) throws(Status) -> ObjectFilter {
        try ObjectFilter(info: target.info, namespace: target.namespace, labelSelector: request.query["labelSelector"],
                         fieldSelector: request.query["fieldSelector"])
    }

    private func list(_ request: APIRequest, _ target: ResourceTarget) throws -> Response {
        let filter = try filter(request, target)
        let limit = request.query["limit"].flatMap { Int($0) }
        let page = try store.read { try $0.list(target.info, filter: filter, limit: limit, continueToken: request.query["continue"]) }
        var meta: JSONValue = ["resourceVersion": .string(String(page.resourceVersion))]
        if let token = page.continueToken { meta["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { meta["remainingItemCount"] = .int(Int64(remaining)) }
        if request.wantsTable {
            return HTTPReplies.json(Tables.table(target.info, items: page.items, listMeta: meta, includeObject: request.query["includeObject"], now: Date()))
        }
        return HTTPReplies.json(["apiVersion": .string(target.info.apiVersion), "kind": .string(target.info.listKind), "metadata": meta,
                                 "items": .array(page.items)])
    }

    private func watch(_ request: APIRequest, _ target: ResourceTarget) throws -> Response {
        let filter = try filter(request, target)
        let rvText = request.query["resourceVersion"] ?? ""
        let start: WatchStart
        if rvText.isEmpty || rvText == "0" || request.flag("sendInitialEvents") {
            start = .current
        } else if let rv = Int64(rvText) {
            start = .after(rv)
        } else {
            throw APIError.invalid(kind: "", group: "", kindName: "", name: "", causes: [
                APIError.cause("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: \(JSONValue.string(rvText).jsonString): must be a valid integer")])
        }
        if controls.takeForcedExpiry() {
            let rv = Int64(rvText) ?? 0
            return WatchStreamer.errorBody(APIError.expired(requested: rv, oldest: store.currentResourceVersion))
        }
        let subscription: WatchSubscription
        do { subscription = try store.watch(target.info, filter: filter, from: start) } catch {
            return WatchStreamer.errorBody(error)
        }
        var timeout = Duration.seconds(Int(request.query["timeoutSeconds"] ?? "") ?? 1800)
        if let cut = controls.faults.cutWatchesEverySeconds, cut > 0 { timeout = min(timeout, .milliseconds(Int(cut * 1000))) }
        let store = self.store
        return WatchStreamer(info: target.info, subscription: subscription, allowBookmarks: request.flag("allowWatchBookmarks"),
                             initialEventsEnd: { if case .current = start { true } else { false } }(), timeout: timeout,
                             bookmarkInterval: bookmarkInterval, table: request.wantsTable, includeObject: request.query["includeObject"],
                             currentResourceVersion: { store.currentResourceVersion }).response()
    }

    private func validation(_ request: APIRequest, patch: Bool) -> FieldValidation {
        request.query["fieldValidation"] == "Strict" ? (patch ? .strictPatch : .strictBody) : .ignore
    }

    private func create(_ request: APIRequest, _ target: ResourceTarget) throws -> Response {
        let body = try body(request, target)
        let validation = validation(request, patch: false)
        let context = context(request, target)
        let created = try mutate(request) { try $0.create(target.info, namespace: target.namespace, body: body, context: context, validation: validation) }
        return HTTPReplies.json(created, status: 201)
    }

    private func update(_ request: APIRequest, _ target: ResourceTarget, name: String) throws -> Response {
        let body = try body(request, target)
        let validation = validation(request, patch: false)
        let context = context(request, target)
        let updated = try mutate(request) {
            try $0.update(target.info, namespace: target.namespace, name: name, body: body, subresource: target.subresource,
                          context: context, validation: validation, requireResourceVersion: true)
        }
        return HTTPReplies.json(updated)
    }

    private func patch(_ request: APIRequest, _ target: ResourceTarget, name: String) throws -> Response {
        guard let kind = PatchKind(contentType: request.contentType) else {
            throw APIError.unsupportedMediaType(PatchKind.acceptedTypes)
        }
        let patch = try Patching.parseBody(request.body, yamlAllowed: kind == .apply)
        let validation = validation(request, patch: true)
        let context = context(request, target, operation: kind == .apply ? "Apply" : "Update")
        let info = target.info
        let (object, created) = try mutate(request) { (state: inout StoreState) throws(Status) -> (JSONValue, Bool) in
            guard let live = state.stored(info, namespace: target.namespace, name: name) else {
                guard kind == .apply, target.subresource == nil else { throw APIError.notFound(info, name: name) }
                var body = patch
                body[path: ["metadata", "name"]] = .string(name)
                return (try state.create(info, namespace: target.namespace, body: body, context: context, validation: validation == .ignore ? .ignore : .strictBody), true)
            }
            let served = Representation.fromStorage(info, live)
            var patched = try Patching.apply(kind, patch: patch, to: served)
            if kind != .json && patch[path: ["metadata", "resourceVersion"]] == nil {
                patched[path: ["metadata", "resourceVersion"]] = served[path: ["metadata", "resourceVersion"]]
            }
            return (try state.update(info, namespace: target.namespace, name: name, body: patched, subresource: target.subresource,
                                     context: context, validation: validation, requireResourceVersion: false), false)
        }
        return HTTPReplies.json(object, status: created ? 201 : 200)
    }

    private func delete(_ request: APIRequest, _ target: ResourceTarget, name: String) throws -> Response {
        let options = (try? JSONValue.parse(request.body)) ?? .emptyObject
        let uid = options[path: ["preconditions", "uid"]]?.stringValue
        let rv = options[path: ["preconditions", "resourceVersion"]]?.stringValue
        let outcome = try mutate(request) { try $0.delete(target.info, namespace: target.namespace, name: name, preconditionUID: uid, preconditionRV: rv) }
        switch outcome {
        case .gone(let status): return HTTPReplies.status(Status(status: status.status, details: status.details, code: 200))
        case .pending(let object): return HTTPReplies.json(object)
        }
    }

    private func deleteCollection(_ request: APIRequest, _ target: ResourceTarget) throws -> Response {
        let filter = try filter(request, target)
        let info = target.info
        let deleted = try store.write { (state: inout StoreState) throws(Status) -> [JSONValue] in
            let page = try state.list(info, filter: filter, limit: nil, continueToken: nil)
            var result: [JSONValue] = []
            for item in page.items {
                guard let name = item[path: ["metadata", "name"]]?.stringValue else { continue }
                let namespace = item[path: ["metadata", "namespace"]]?.stringValue
                if case .pending(let object) = try state.delete(info, namespace: namespace, name: name) { result.append(object) } else { result.append(item) }
            }
            return result
        }
        return HTTPReplies.json(["apiVersion": .string(info.apiVersion), "kind": .string(info.listKind),
                                 "metadata": ["resourceVersion": .string(String(store.currentResourceVersion))], "items": .array(deleted)])
    }
}
