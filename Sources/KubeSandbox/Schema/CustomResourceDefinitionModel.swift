import KubeCore

/// A parsed `apiextensions.k8s.io/v1` CustomResourceDefinition: names, scope and per-version schema behaviour.
public struct CustomResourceDefinitionModel: Sendable {
    public var group: String
    public var kind: String
    public var listKind: String
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    public var categories: [String]
    public var namespaced: Bool
    public var versions: [CRDVersionModel]

    /// Parses and validates a CRD object. Throws with kube-style causes for an invalid CRD and for
    /// `x-kubernetes-validations` rules the sandbox cannot evaluate.
    public init(crd: JSONValue) throws(CRDDefinitionError) {
        let parsed = CRDParser.parse(crd)
        guard parsed.errors.isEmpty, let model = parsed.model else {
            throw CRDDefinitionError(errors: parsed.errors)
        }
        self = model
    }

    init(
        group: String, kind: String, listKind: String, plural: String, singular: String, shortNames: [String],
        categories: [String], namespaced: Bool, versions: [CRDVersionModel]
    ) {
        self.group = group
        self.kind = kind
        self.listKind = listKind
        self.plural = plural
        self.singular = singular
        self.shortNames = shortNames
        self.categories = categories
        self.namespaced = namespaced
        self.versions = versions
    }

    /// The version named `name`, if the CRD declares it.
    public func version(_ name: String) -> CRDVersionModel? {
        versions.first { $0.name == name }
    }

    /// The version objects are stored in (exactly one per valid CRD).
    public var storageVersion: CRDVersionModel? { versions.first { $0.storage } }

    /// The `ResourceType` served for `version`.
    public func resourceType(version: String) -> ResourceType {
        ResourceType(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced)
    }

    /// `status.acceptedNames` as kube-apiserver reports it once names are accepted.
    public var acceptedNames: JSONValue {
        var names: JSONValue = [
            "plural": .string(plural), "singular": .string(singular), "kind": .string(kind),
            "listKind": .string(listKind),
        ]
        if !shortNames.isEmpty { names["shortNames"] = .array(shortNames.map(JSONValue.string)) }
        if !categories.isEmpty { names["categories"] = .array(categories.map(JSONValue.string)) }
        return names
    }
}
