import KubeCore

/// Pruning of fields the structural schema does not specify (kube's `structuralpruning.Prune`), reporting
/// the dropped paths for `fieldValidation=Strict`/`Warn`.
enum SchemaPruner {
    /// `metav1.ObjectMeta` fields; others under `metadata` are unknown.
    static let objectMetaFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]

    static func prune(
        _ value: JSONValue, schema: SchemaNode?, path: String, isRoot: Bool, unknown: inout [String]
    ) -> JSONValue {
        switch value {
        case .object(let members):
            guard let schema else { return value }
            let isResource = isRoot || schema.embeddedResource
            var kept: [String: JSONValue] = [:]
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if isResource, key == "apiVersion" || key == "kind" {
                    kept[key] = member
                } else if isResource, key == "metadata" {
                    kept[key] = pruneMetadata(member, path: childPath, unknown: &unknown)
                } else if let child = schema.properties[key] {
                    kept[key] = prune(member, schema: child, path: childPath, isRoot: false, unknown: &unknown)
                } else if let valueSchema = schema.additionalProperties {
                    kept[key] = prune(member, schema: valueSchema, path: childPath, isRoot: false, unknown: &unknown)
                } else if schema.keepsUnknownMembers {
                    kept[key] = member
                } else {
                    unknown.append(childPath)
                }
            }
            return .object(kept)
        case .array(let elements):
            guard let items = schema?.items else { return value }
            return .array(
                elements.enumerated().map { index, element in
                    prune(element, schema: items, path: "\(path)[\(index)]", isRoot: false, unknown: &unknown)
                })
        default:
            return value
        }
    }

    private static func pruneMetadata(_ metadata: JSONValue, path: String, unknown: inout [String]) -> JSONValue {
        guard case .object(let members) = metadata else { return metadata }
        var kept: [String: JSONValue] = [:]
        for key in members.keys.sorted() {
            if objectMetaFields.contains(key) {
                kept[key] = members[key]
            } else {
                unknown.append("\(path).\(key)")
            }
        }
        return .object(kept)
    }
}
