import Foundation

/// Identifies a kind served by the API server: group, version, kind, plural and scope.
public struct ResourceType: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// `group/version`, or just `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `plural.group` (the resource as kubectl and RBAC name it), e.g. `maasmachines.infrastructure.cluster.x-k8s.io`.
    public var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }

    public var description: String { "\(apiVersion), Kind=\(kind)" }

    /// The URL path of a collection or one object, with an optional subresource.
    public func path(namespace: String? = nil, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { path += "/namespaces/\(namespace)" }
        path += "/\(plural)"
        if let name { path += "/\(name)" }
        if let subresource { path += "/\(subresource)" }
        return path
    }
}

extension ResourceType {
    public static let namespace = ResourceType(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)
    public static let secret = ResourceType(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true)
    public static let configMap = ResourceType(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true)
    public static let event = ResourceType(group: "", version: "v1", kind: "Event", plural: "events", namespaced: true)
    public static let node = ResourceType(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)
    public static let serviceAccount = ResourceType(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true)
    public static let lease = ResourceType(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)
    public static let eventsV1 = ResourceType(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", namespaced: true)
    public static let customResourceDefinition = ResourceType(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false)
}

/// A typed Kubernetes object: the static description of its kind plus metadata.
///
/// Conforming types encode `apiVersion` and `kind` themselves (usually as stored
/// properties defaulting to the static values) and omit absent optional fields.
public protocol KubeResource: Codable, Sendable {
    /// The kind this type represents.
    static var resourceType: ResourceType { get }
    var metadata: ObjectMeta { get set }
}

extension KubeResource {
    /// The object's key (namespace and name).
    public var key: ObjectKey { ObjectKey(namespace: metadata.namespace, name: metadata.name ?? "") }

    /// An owner reference pointing at this object.
    public func ownerReference(controller: Bool = true) -> OwnerReference {
        OwnerReference(
            apiVersion: Self.resourceType.apiVersion, kind: Self.resourceType.kind, name: metadata.name ?? "",
            uid: metadata.uid ?? "", controller: controller, blockOwnerDeletion: true)
    }
}

/// The namespace and name of an object (`types.NamespacedName`); the key of caches and work queues.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `namespace/name`, or `name` for cluster-scoped objects.
    public var description: String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }

    /// By namespace, then name (no string building: caches sort thousands of keys per list).
    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
    }
}

/// A list of objects as returned by a list call.
public struct ObjectList<Item: Codable & Sendable>: Codable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public init(apiVersion: String? = nil, kind: String? = nil, metadata: ListMeta = ListMeta(), items: [Item]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        // The API server sends `"items": null` for an empty list of some kinds.
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
        // kube-apiserver leaves `apiVersion` / `kind` out of the items of a list of a built-in kind; a dynamic item
        // takes the list's, as client-go's unstructured list decoding does.
        if Item.self == JSONValue.self, let listKind = kind, listKind.hasSuffix("List") {
            let itemKind = JSONValue.string(String(listKind.dropLast(4)))
            items = items.map { item in
                guard case .object(var fields) = item as? JSONValue else { return item }
                if fields["apiVersion"] == nil, let apiVersion { fields["apiVersion"] = .string(apiVersion) }
                if fields["kind"] == nil { fields["kind"] = itemKind }
                return (JSONValue.object(fields) as? Item) ?? item
            }
        }
    }
}
