import Foundation

/// Options of a list or watch call.
public struct ListOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?
    public var resourceVersionMatch: String?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    /// The query items of this request.
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let continueToken { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(("resourceVersionMatch", resourceVersionMatch)) }
        return items
    }
}

/// A patch body with its content type.
public enum Patch: Sendable, Hashable {
    /// JSON merge patch (RFC 7386), `application/merge-patch+json`.
    case merge(JSONValue)
    /// JSON patch (RFC 6902), `application/json-patch+json`.
    case json([JSONPatchOperation])
    /// Strategic merge patch (built-in kinds only), `application/strategic-merge-patch+json`.
    case strategic(JSONValue)
    /// Server-side apply, `application/apply-patch+yaml` (JSON is valid YAML).
    case apply(JSONValue)

    /// The `Content-Type` header for this patch.
    public var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategic: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }
}

/// Options of a patch call.
public struct PatchOptions: Sendable, Hashable {
    public var fieldManager: String?
    public var force: Bool?

    public init(fieldManager: String? = nil, force: Bool? = nil) {
        self.fieldManager = fieldManager
        self.force = force
    }
}

/// Options of a delete call (`metav1.DeleteOptions`).
public struct DeleteOptions: Codable, Sendable, Hashable {
    public struct Preconditions: Codable, Sendable, Hashable {
        public var uid: String?
        public var resourceVersion: String?
        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public var apiVersion: String? = "v1"
    public var kind: String? = "DeleteOptions"
    public var propagationPolicy: String?
    public var gracePeriodSeconds: Int64?
    public var preconditions: Preconditions?

    public init(propagationPolicy: String? = nil, gracePeriodSeconds: Int64? = nil, preconditions: Preconditions? = nil) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
    }
}
