import Foundation
import Hummingbird
import KubeCore
import NIOCore

/// The HTTP entry point: authentication, fault latency, routing to discovery, OpenAPI, resources and sandbox endpoints.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    var store: ObjectStore
    var controls: SandboxControls
    var adminToken: String
    var rbacTokens: [String: String]
    var bookmarkInterval: Duration

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if ["/healthz", "/readyz", "/livez"].contains(path) { return HTTPReplies.data(Data("ok".utf8), contentType: "text/plain; charset=utf-8") }
        let authorization = request.headers[.authorization] ?? ""
        let token = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces) : ""
        let user: String
        let isAdmin: Bool
        if !token.isEmpty && token == adminToken {
            (user, isAdmin) = ("system:admin", true)
        } else if let serviceAccount = rbacTokens[token], !token.isEmpty {
            (user, isAdmin) = (serviceAccount, false)
        } else {
            let status = APIError.unauthorized()
            controls.record(SandboxAuditEntry(user: "system:anonymous", verb: Self.methodVerb(request.method), resource: path, code: 401,
                                              userAgent: request.headers[.userAgent], reason: status.reason))
            return HTTPReplies.status(status)
        }
        let latency = controls.faults.addedLatencyMilliseconds
        if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
        let body = try await request.body.collect(upTo: 64 << 20)
        let apiRequest = APIRequest(
            method: request.method, path: path, query: APIRequest.parseQuery(request.uri.query),
            accept: request.headers[.accept] ?? "application/json", contentType: request.headers[.contentType] ?? "application/json",
            body: Data(body.readableBytesView), ifNoneMatch: request.headers[.ifNoneMatch], user: user,
            userAgent: request.headers[.userAgent])
        let segments = path.split(separator: "/").map(String.init)
        switch segments.first {
        case "version": return HTTPReplies.json(Discovery.version(store.registry))
        case "sandbox":
            guard isAdmin else {
                let status = Status(message: "forbidden", reason: "Forbidden", code: 403)
                controls.record(SandboxAuditEntry(user: user, verb: Self.methodVerb(request.method), resource: path, code: 403,
                                                  userAgent: apiRequest.userAgent, reason: status.reason))
                return HTTPReplies.status(status)
            }
            return sandboxEndpoint(apiRequest, segments)
        case "openapi": return openAPI(apiRequest, segments)
        case "api", "apis": return try await api(apiRequest, segments, isAdmin: isAdmin)
        default: return HTTPReplies.pageNotFound()
        }
    }

    private func sandboxEndpoint(_ request: APIRequest, _ segments: [String]) -> Response {
        switch (request.method, segments.dropFirst().joined(separator: "/")) {
        case (.get, "v1/faults"):
            return HTTPReplies.json((try? JSONValue(encoding: controls.faults)) ?? .null)
        case (.post, "v1/faults"), (.put, "v1/faults"):
            guard let faults = try? KubeJSON.decoder.decode(SandboxFaults.self, from: request.body) else {
                return HTTPReplies.status(APIError.badRequest("invalid SandboxFaults body"))
            }
            controls.faults = faults
            return HTTPReplies.json((try? JSONValue(encoding: faults)) ?? .null)
        case (.get, "v1/audit"):
            return HTTPReplies.json(["items": (try? JSONValue(encoding: controls.audit)) ?? .array([])])
        default:
            return HTTPReplies.pageNotFound()
        }
    }

    private func openAPI(_ request: APIRequest, _ segments: [String]) -> Response {
        let registry = store.registry
        guard segments.count >= 2, segments[1] == "v3" else { return HTTPReplies.pageNotFound() }
        if segments.count == 2 { return HTTPReplies.json(OpenAPIDocuments.index(registry), extra: [.cacheControl: "no-cache, private"]) }
        guard let document = OpenAPIDocuments.document(registry, key: segments.dropFirst(2).joined(separator: "/")) else {
            return HTTPReplies.pageNotFound()
        }
        let data = document.serialized()
        return HTTPReplies.data(data, extra: [.eTag: "\"\(OpenAPIDocuments.hash(data))\"", .cacheControl: "public, immutable", HTTPReplies.vary: "Accept"])
    }

    private func discovery(_ request: APIRequest, aggregated: JSONValue, legacy: JSONValue) -> Response {
        guard request.accept.contains("as=APIGroupDiscoveryList") else { return HTTPReplies.json(legacy) }
        let data = aggregated.serialized()
        let etag = "\"\(OpenAPIDocuments.hash(data).prefix(64))\""
        if request.ifNoneMatch == etag { return HTTPReplies.notModified(etag: etag) }
        return HTTPReplies.data(data, contentType: Discovery.aggregatedContentType,
                                extra: [.eTag: etag, .cacheControl: "public", HTTPReplies.vary: "Accept"])
    }

    private func api(_ request: APIRequest, _ segments: [String], isAdmin: Bool) async throws -> Response {
        let registry = store.registry
        let core = segments[0] == "api"
        let (group, version, rest): (String, String?, ArraySlice<String>)
        if core {
            (group, version, rest) = ("", segments.count > 1 ? segments[1] : nil, segments.dropFirst(2))
        } else {
            guard segments.count > 1 else {
                return discovery(request, aggregated: Discovery.aggregated(registry, core: false), legacy: Discovery.apiGroupList(registry))
            }
            (group, version, rest) = (segments[1], segments.count > 2 ? segments[2] : nil, segments.dropFirst(3))
        }
        guard let version else {
            if core { return discovery(request, aggregated: Discovery.aggregated(registry, core: true), legacy: Discovery.apiVersions()) }
            guard let entry = registry.groups.first(where: { $0.name == group }) else { return HTTPReplies.pageNotFound() }
            return HTTPReplies.json(Discovery.apiGroup(name: group, versions: entry.versions))
        }
        if rest.isEmpty {
            guard let list = Discovery.resourceList(registry, group: group, version: version) else { return HTTPReplies.pageNotFound() }
            return HTTPReplies.json(list)
        }
        guard let target = Self.target(registry, group: group, version: version, rest: Array(rest), method: request.method) else {
            return HTTPReplies.pageNotFound()
        }
        let handler = ResourceHandler(store: store, controls: controls, bookmarkInterval: bookmarkInterval)
        let verb = target.verb(request)
        if !isAdmin {
            let resource = target.subresource.map { "\(target.info.plural)/\($0)" } ?? target.info.plural
            let attributes = AuthorizationAttributes(user: request.user, verb: verb, group: group, resource: resource,
                                                     namespace: target.namespace, name: target.name)
            if !store.read({ RBACAuthorizer.isAllowed(attributes, state: $0) }) {
                let status = APIError.forbidden(target.info, name: target.name, message: RBACAuthorizer.forbiddenMessage(attributes))
                audit(request, target, verb: verb, code: 403, failure: status)
                return HTTPReplies.status(status)
            }
        }
        let (response, failure) = try await handler.handle(request, target)
        audit(request, target, verb: verb, code: Int(response.status.code), failure: failure)
        return response
    }

    /// Records writes and refused requests (reads included) in the audit log.
    private func audit(_ request: APIRequest, _ target: ResourceTarget, verb: String, code: Int, failure: Status?) {
        guard SandboxAuditEntry.shouldRecord(verb: verb, code: code) else { return }
        let resource = target.info.groupResource.description + (target.subresource.map { "/\($0)" } ?? "")
        controls.record(SandboxAuditEntry(user: request.user, verb: verb, resource: resource, namespace: target.namespace,
                                          name: target.name, code: code, userAgent: request.userAgent, reason: failure?.reason))
    }

    /// The verb of a request refused before routing (collection or item is unknown then).
    static func methodVerb(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get: return "get"
        case .post: return "create"
        case .put: return "update"
        case .patch: return "patch"
        case .delete: return "delete"
        default: return method.rawValue.lowercased()
        }
    }

    /// Parses `[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]`.
    static func target(_ registry: ResourceRegistry, group: String, version: String, rest: [String], method: HTTPRequest.Method) -> ResourceTarget? {
        var rest = rest[...]
        var namespace: String?
        if rest.count >= 3, rest.first == "namespaces", !(rest.count == 3 && ["status", "finalize"].contains(rest[rest.startIndex + 2])) {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        guard (1...3).contains(rest.count), let plural = rest.first,
              let info = registry.lookup(group: group, version: version, plural: plural) else { return nil }
        let name = rest.count > 1 ? rest[rest.startIndex + 1] : nil
        let subresource = rest.count > 2 ? rest[rest.startIndex + 2] : nil
        if let subresource, !(subresource == "status" && info.hasStatus) { return nil }
        if namespace != nil && !info.namespaced { return nil }
        if namespace == nil && info.namespaced && (name != nil || method != .get && method != .delete) { return nil }
        return ResourceTarget(info: info, namespace: namespace, name: name, subresource: subresource)
    }
}
