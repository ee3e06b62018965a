import Foundation

/// Standard object metadata (`metav1.ObjectMeta`). Absent fields are omitted when encoded,
/// so an `ObjectMeta` is safe to send in a merge patch.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Timestamp?
    public var deletionTimestamp: Timestamp?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?

    public init(
        name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil, finalizers: [String]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
    }

    /// Whether deletion has been requested (`deletionTimestamp` is set).
    public var isDeleting: Bool { deletionTimestamp != nil }

    /// Whether the finalizer list contains `finalizer`.
    public func hasFinalizer(_ finalizer: String) -> Bool { finalizers?.contains(finalizer) ?? false }

    /// The owner reference of the given kind (and API group, when given).
    public func owner(kind: String, group: String? = nil) -> OwnerReference? {
        ownerReferences?.first { ref in
            ref.kind == kind && (group == nil || ref.apiVersion.split(separator: "/").first.map(String.init) == group)
        }
    }

    /// The label value for `key`.
    public func label(_ key: String) -> String? { labels?[key] }

    /// The annotation value for `key`.
    public func annotation(_ key: String) -> String? { annotations?[key] }
}

/// A reference to an owning object (`metav1.OwnerReference`).
public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// List metadata (`metav1.ListMeta`).
public struct ListMeta: Codable, Sendable, Hashable {
    public var resourceVersion: String?
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
