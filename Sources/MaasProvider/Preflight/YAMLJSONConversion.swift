import KubeCore
import Yams

/// Converts a composed YAML node into JSON the way kubectl does (core schema scalars, string keys).
enum YAMLJSONConversion {
    /// A node that has no JSON equivalent.
    struct Unsupported: Error {
        var path: String
        var message: String
    }

    static func json(_ node: Node, path: [String] = []) throws(Unsupported) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
                items.append(try json(item, path: path + ["[\(index)]"]))
            }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Unsupported(path: FieldPath.join(path), message: "mapping keys must be strings")
                }
                members[keyScalar.string] = try json(value, path: path + [keyScalar.string])
            }
            return .object(members)
        case .alias:
            throw Unsupported(path: FieldPath.join(path), message: "YAML aliases are not supported")
        }
    }
}

/// Dotted field paths (`spec.tags[0]`).
enum FieldPath {
    static func join(_ parts: [String]) -> String {
        var out = ""
        for part in parts {
            if part.hasPrefix("[") { out += part } else { out += out.isEmpty ? part : ".\(part)" }
        }
        return out
    }
}
