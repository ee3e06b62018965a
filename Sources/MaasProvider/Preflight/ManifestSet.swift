import ClusterAPI

/// Where a manifest object came from: file, 1-based document index, kind and name.
public struct ManifestSource: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based position of the YAML document in the file.
    public var document: Int
    public var kind: String?
    public var namespace: String?
    public var name: String?

    public init(file: String, document: Int, kind: String? = nil, namespace: String? = nil, name: String? = nil) {
        self.file = file
        self.document = document
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind namespace/name` (namespace `default` when unset), e.g. `MaasCluster default/demo`.
    public var objectName: String {
        "\(kind ?? "<no kind>") \(namespace ?? "default")/\(name ?? "<no name>")"
    }

    /// `file: document N (Kind namespace/name)`.
    public var description: String {
        "\(file): document \(document)" + (kind == nil ? "" : " (\(objectName))")
    }
}

/// A decoded manifest object and where it came from.
public struct ManifestObject<Object: Sendable & Hashable>: Sendable, Hashable {
    public var source: ManifestSource
    public var object: Object

    public init(source: ManifestSource, object: Object) {
        self.source = source
        self.object = object
    }
}

/// A manifest that cannot be used as written.
public struct ManifestProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: ManifestSource
    /// Dotted field path, e.g. `spec.template.spec.minCPU`; nil for document-level problems.
    public var field: String?
    public var message: String

    public init(source: ManifestSource, field: String? = nil, message: String) {
        self.source = source
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(source): " + (field.map { "\($0): " } ?? "") + message
    }
}

/// The objects `capmaas check` understands, collected from one or more manifest files.
public struct PreflightManifests: Sendable, Equatable {
    public var clusters: [ManifestObject<Cluster>] = []
    public var maasClusters: [ManifestObject<MaasCluster>] = []
    public var maasMachines: [ManifestObject<MaasMachine>] = []
    public var maasMachineTemplates: [ManifestObject<MaasMachineTemplate>] = []
    /// Documents that could not be read (bad YAML, unresolved variables, wrong field types).
    public var problems: [ManifestProblem] = []

    public init() {}

    /// Appends everything from `other`.
    public mutating func merge(_ other: PreflightManifests) {
        clusters += other.clusters
        maasClusters += other.maasClusters
        maasMachines += other.maasMachines
        maasMachineTemplates += other.maasMachineTemplates
        problems += other.problems
    }

    /// True when no object of a known kind was found.
    public var isEmpty: Bool {
        clusters.isEmpty && maasClusters.isEmpty && maasMachines.isEmpty && maasMachineTemplates.isEmpty
    }

    /// Whether some manifest names its own API server address, so MAAS DNS records are not needed.
    public var hasExplicitControlPlaneHost: Bool {
        clusters.contains { !($0.object.spec?.controlPlaneEndpoint?.host ?? "").isEmpty }
            || maasClusters.contains { !($0.object.spec.controlPlaneEndpoint?.host ?? "").isEmpty }
    }
}
