import Foundation
import KubeCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import AsyncHTTPClient

/// Operations on one kind, in one namespace (or all namespaces / cluster scope when `namespace` is nil).
///
/// `Object` is a typed `KubeResource` (`client.api(K.self, namespace:)`) or `JSONValue`
/// (`client.dynamic(resourceType, namespace:)`). Every failure is a `KubeError`.
public struct Api<Object: Codable & Sendable>: Sendable {
    public let client: KubeClient
    public let resourceType: ResourceType
    public let namespace: String?

    public init(client: KubeClient, resourceType: ResourceType, namespace: String?) {
        self.client = client
        self.resourceType = resourceType
        self.namespace = namespace
    }

    /// The outcome of a delete.
    public enum DeleteResult: Sendable {
        /// The object no longer exists.
        case deleted
        /// Deletion was accepted but the object remains (finalizers or graceful deletion), as returned.
        case pending(Object)

        public var isGone: Bool { if case .deleted = self { true } else { false } }
    }

    func path(_ name: String? = nil, subresource: String? = nil, namespace override: String? = nil) -> String {
        resourceType.path(namespace: override ?? namespace, name: name, subresource: subresource)
    }

    public func get(_ name: String) async throws -> Object {
        try decode(try await client.send(.GET, path: path(name)).body)
    }

    /// One page (or the whole list when `options.limit` is nil).
    public func list(_ options: ListOptions = ListOptions()) async throws -> ObjectList<Object> {
        try decode(try await client.send(.GET, path: path(), query: options.queryItems).body)
    }

    /// Every page, following `continue` tokens; `resourceVersion` of the result is the last page's.
    public func listAll(_ options: ListOptions = ListOptions(), pageSize: Int = 500) async throws -> ObjectList<Object> {
        var options = options
        options.limit = pageSize
        var all = try await list(options)
        while let token = all.metadata.continue, !token.isEmpty {
            options.continueToken = token
            let page = try await list(options)
            all.items += page.items
            all.metadata = page.metadata
        }
        all.metadata.continue = nil
        return all
    }

    /// Creates the object in `namespace` (or `inNamespace` when the Api is not namespaced).
    public func create(_ object: Object, inNamespace: String? = nil) async throws -> Object {
        try decode(try await client.send(.POST, path: path(namespace: inNamespace), body: try encode(object)).body)
    }

    /// PUT with the object's `resourceVersion`: a stale version fails with `KubeError.conflict`.
    public func replace(_ name: String, _ object: Object, namespace override: String? = nil) async throws -> Object {
        try decode(try await client.send(.PUT, path: path(name, namespace: override), body: try encode(object)).body)
    }

    /// PUT of the `status` subresource.
    public func replaceStatus(_ name: String, _ object: Object, namespace override: String? = nil) async throws -> Object {
        try decode(
            try await client.send(.PUT, path: path(name, subresource: "status", namespace: override), body: try encode(object)).body)
    }

    public func patch(_ name: String, _ patch: Patch, options: PatchOptions = PatchOptions()) async throws -> Object {
        try await sendPatch(path(name), patch, options)
    }

    public func patchStatus(_ name: String, _ patch: Patch, options: PatchOptions = PatchOptions()) async throws -> Object {
        try await sendPatch(path(name, subresource: "status"), patch, options)
    }

    /// Deletes; `.deleted` when the object is gone, `.pending(object)` while finalizers hold it.
    @discardableResult
    public func delete(_ name: String, options: DeleteOptions? = nil) async throws -> DeleteResult {
        let body = try options.map { try KubeJSON.encode($0) }
        let response = try await client.send(.DELETE, path: path(name), body: body)
        let data = Data(buffer: response.body)
        if let value = try? JSONValue.parse(data), value["kind"]?.stringValue == "Status" { return .deleted }
        return .pending(try decode(response.body))
    }

    /// Opens one watch connection. Pass the list's `resourceVersion` in `options`; bookmarks are requested
    /// by default. The stream ends when the server's `timeoutSeconds` elapse; an HTTP 410 throws `KubeError.gone`.
    public func watch(_ options: ListOptions = ListOptions(), timeoutSeconds: Int = 290, allowBookmarks: Bool = true)
        async throws -> WatchStream<Object>
    {
        var query = options.queryItems.filter { $0.0 != "limit" && $0.0 != "continue" }
        query.append(("watch", "true"))
        query.append(("timeoutSeconds", String(timeoutSeconds)))
        if allowBookmarks { query.append(("allowWatchBookmarks", "true")) }
        let response = try await client.openStream(
            path: path(), query: query, deadline: .seconds(timeoutSeconds) + .seconds(60))
        return WatchStream(body: response.body, maximumLineLength: client.configuration.maximumWatchLineLength)
    }

    private func sendPatch(_ path: String, _ patch: Patch, _ options: PatchOptions) async throws -> Object {
        var query: [(String, String)] = []
        if let manager = options.fieldManager { query.append(("fieldManager", manager)) }
        if let force = options.force { query.append(("force", force ? "true" : "false")) }
        let body: Data
        switch patch {
        case .merge(let value), .strategic(let value), .apply(let value): body = value.serialized()
        case .json(let operations): body = try encode(operations)
        }
        return try decode(try await client.send(.PATCH, path: path, query: query, body: body, contentType: patch.contentType).body)
    }

    func decode<T: Decodable>(_ buffer: ByteBuffer, as type: T.Type = T.self) throws -> T {
        do {
            return try KubeJSON.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw KubeError.decoding(description: "\(resourceType.kind): \(error)")
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> Data {
        do {
            return try KubeJSON.encode(value)
        } catch {
            throw KubeError.decoding(description: "cannot encode \(resourceType.kind): \(error)")
        }
    }
}

extension Api where Object: KubeResource {
    /// PUT of the whole object (optimistic concurrency through `metadata.resourceVersion`).
    public func update(_ object: Object) async throws -> Object {
        try await replace(object.metadata.name ?? "", object, namespace: object.metadata.namespace)
    }

    /// PUT of the object's `status` subresource.
    public func updateStatus(_ object: Object) async throws -> Object {
        try await replaceStatus(object.metadata.name ?? "", object, namespace: object.metadata.namespace)
    }

    /// Creates the object in its own `metadata.namespace` when the Api has none.
    public func create(_ object: Object) async throws -> Object {
        try await create(object, inNamespace: object.metadata.namespace)
    }
}

extension Api where Object == JSONValue {
    /// PUT of the whole object (name and namespace from its metadata).
    public func update(_ object: JSONValue) async throws -> JSONValue {
        try await replace(
            object[path: ["metadata", "name"]]?.stringValue ?? "", object,
            namespace: object[path: ["metadata", "namespace"]]?.stringValue)
    }

    /// PUT of the object's `status` subresource.
    public func updateStatus(_ object: JSONValue) async throws -> JSONValue {
        try await replaceStatus(
            object[path: ["metadata", "name"]]?.stringValue ?? "", object,
            namespace: object[path: ["metadata", "namespace"]]?.stringValue)
    }
}
