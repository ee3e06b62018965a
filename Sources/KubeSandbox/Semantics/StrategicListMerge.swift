import KubeCore

/// The list half of strategic merge patch for the built-in kinds the sandbox stores: lists kube declares with
/// `patchStrategy: merge` merge element-wise by their `patchMergeKey` (containers by `name`, container ports by
/// `containerPort`, Service ports by `port`, ...); any other list is replaced, as in kube.
enum StrategicListMerge {
    /// The merge key of a list field, from kube's API types (by field name; the built-ins stored here agree on them).
    static func mergeKey(field: String, items: [JSONValue]) -> String? {
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets", "resourceClaims":
            return "name"
        case "ports":
            // Container ports merge by containerPort, Service ports by port.
            return items.contains { $0["containerPort"] != nil } ? "containerPort" : "port"
        case "volumeMounts": return "mountPath"
        case "volumeDevices": return "devicePath"
        case "hostAliases": return "ip"
        case "topologySpreadConstraints": return "topologyKey"
        case "ownerReferences": return "uid"
        default: return nil
        }
    }

    /// Merges a patch list into a live list, or nil when the field is not merged by key (the caller replaces it).
    /// `order` is the `$setElementOrder/<field>` directive, when sent.
    static func merge(field: String, live: [JSONValue], patch: [JSONValue], order: [JSONValue]?) -> [JSONValue]? {
        guard let key = mergeKey(field: field, items: patch + live),
              patch.allSatisfy({ $0.objectValue != nil && $0[key] != nil }) else { return nil }
        var result = live
        for element in patch {
            let index = result.firstIndex { $0[key] == element[key] }
            if element["$patch"]?.stringValue == "delete" {
                if let index { result.remove(at: index) }
            } else if let index {
                result[index] = Patching.strategicMerge(result[index], element)
            } else {
                var added = element
                added["$patch"] = nil
                result.append(Patching.strategicMerge(.emptyObject, added))
            }
        }
        guard let order else { return result }
        // Elements named by the directive come first, in its order; the rest keep their relative order.
        let keys = order.compactMap { $0[key] }
        let ordered = keys.compactMap { wanted in result.first { $0[key] == wanted } }
        let rest = result.filter { element in !keys.contains { $0 == element[key] } }
        return ordered + rest
    }
}
