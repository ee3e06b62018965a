import KubeCore

/// Structural defaulting (kube's `structuraldefaulting.Default`): a property's `default` is set when the
/// property is absent (or null and not nullable) in an object that exists; defaulted values are defaulted
/// further. Parents that are absent are not created unless they have a default themselves.
enum SchemaDefaulter {
    static func apply(_ schema: SchemaNode, to value: JSONValue, isRoot: Bool = false) -> JSONValue {
        switch value {
        case .object(var members):
            for (key, child) in schema.properties {
                if isRoot, key == "metadata" { continue }
                if let defaultValue = child.defaultValue {
                    let current = members[key]
                    if current == nil || (current == .null && !child.nullable) {
                        members[key] = defaultValue
                    }
                }
            }
            for (key, member) in members {
                if (isRoot || schema.embeddedResource), key == "metadata" { continue }
                if let child = schema.child(key) {
                    members[key] = apply(child, to: member)
                }
            }
            return .object(members)
        case .array(let elements):
            guard let items = schema.items else { return value }
            return .array(
                elements.map { element in
                    if element == .null, let defaultValue = items.defaultValue, !items.nullable {
                        return apply(items, to: defaultValue)
                    }
                    return apply(items, to: element)
                })
        default:
            return value
        }
    }
}
