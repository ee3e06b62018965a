import KubeCore

/// Identifies a stored resource independent of its version (`""/secrets`, `apiextensions.k8s.io/customresourcedefinitions`).
struct GroupResource: Hashable, Sendable, CustomStringConvertible {
    var group: String
    var resource: String
    /// `resource.group` (or `resource` for the core group), as in kube messages.
    var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

/// Everything the server knows about one served resource in one version.
struct ResourceInfo: Sendable {
    var group: String
    var version: String
    var kind: String
    var listKind: String
    var plural: String
    var singular: String
    var shortNames: [String] = []
    var categories: [String] = []
    var namespaced: Bool
    var hasStatus: Bool = false
    /// Where objects live; events.k8s.io events share the core events storage.
    var storage: GroupResource
    /// The CRD version model for custom resources.
    var crd: CRDVersionModel?
    /// The schema of a built-in kind served with one (Deployment, Service): pruning, strict fields, OpenAPI.
    var builtinSchema: CRDVersionModel?
    /// The schema behaviour the server applies: the CRD's, or the built-in kind's.
    var schemaModel: CRDVersionModel? { crd ?? builtinSchema }

    init(group: String, version: String, kind: String, plural: String, namespaced: Bool, hasStatus: Bool = false,
         shortNames: [String] = [], categories: [String] = [], storage: GroupResource? = nil, crd: CRDVersionModel? = nil,
         builtinSchema: CRDVersionModel? = nil) {
        self.group = group
        self.version = version
        self.kind = kind
        self.listKind = kind + "List"
        self.plural = plural
        self.singular = kind.lowercased()
        self.namespaced = namespaced
        self.hasStatus = hasStatus
        self.shortNames = shortNames
        self.categories = categories
        self.storage = storage ?? GroupResource(group: group, resource: plural)
        self.crd = crd
        self.builtinSchema = builtinSchema
    }

    var groupResource: GroupResource { GroupResource(group: group, resource: plural) }
    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `Kind.group` as used in 422 messages.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    var verbs: [String] { ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] }
    var isCustom: Bool { crd != nil }
}
