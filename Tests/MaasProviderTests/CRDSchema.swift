import Foundation
import KubeCore
import Yams

/// Loads the CRDs in `crds/` and walks their OpenAPI schemas (test support).
struct CRDSchema {
    let crd: JSONValue

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    enum LoadError: Error { case unsupported(String) }

    init(file: String) throws {
        let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        crd = try Self.json(from: try Yams.load(yaml: text) as Any)
    }

    /// The first version's `openAPIV3Schema`.
    var schema: JSONValue? { crd[path: ["spec", "versions"]]?.arrayValue?.first?[path: ["schema", "openAPIV3Schema"]] }

    static func json(from any: Any) throws -> JSONValue {
        switch any {
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(Int64(value))
        case let value as Double: return .double(value)
        case let value as String: return .string(value)
        case let value as [Any]: return .array(try value.map(json(from:)))
        case let value as [String: Any]: return .object(try value.mapValues(json(from:)))
        case is NSNull: return .null
        default: throw LoadError.unsupported("\(type(of: any))")
        }
    }

    /// Paths in `value` the schema does not allow (unknown fields, wrong JSON types).
    static func violations(of value: JSONValue, against schema: JSONValue, at path: String = "") -> [String] {
        if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true && schema["properties"] == nil { return [] }
        switch (schema["type"]?.stringValue, value) {
        case ("object", .object(let fields)):
            if let properties = schema["properties"]?.objectValue {
                let preserve = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
                return fields.sorted { $0.key < $1.key }.flatMap { key, child -> [String] in
                    guard let childSchema = properties[key] else { return preserve ? [] : ["\(path).\(key): not in schema"] }
                    return violations(of: child, against: childSchema, at: "\(path).\(key)")
                }
            }
            if let additional = schema["additionalProperties"] {
                return fields.flatMap { violations(of: $0.value, against: additional, at: "\(path).\($0.key)") }
            }
            return []
        case ("array", .array(let items)):
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { violations(of: $1, against: itemSchema, at: "\(path)[\($0)]") }
        case ("string", .string(let text)):
            if let allowed = schema["enum"]?.arrayValue?.compactMap(\.stringValue), !allowed.contains(text) {
                return ["\(path): \(text) not in enum"]
            }
            return []
        case ("integer", .int), ("boolean", .bool), ("number", .int), ("number", .double):
            return []
        case (let type, _):
            return ["\(path): \(value.typeName) where schema says \(type ?? "nothing")"]
        }
    }

    /// A value with every schema property set (one item per list, one entry per map).
    static func sample(for schema: JSONValue, name: String = "") -> JSONValue {
        switch schema["type"]?.stringValue {
        case "object":
            if let properties = schema["properties"]?.objectValue {
                return .object(properties.reduce(into: [:]) { $0[$1.key] = sample(for: $1.value, name: $1.key) })
            }
            if let additional = schema["additionalProperties"] {
                return .object(["key1": sample(for: additional, name: name)])
            }
            return .object([:])
        case "array":
            return .array([sample(for: schema["items"] ?? .object([:]), name: name)])
        case "integer":
            return .int(max(schema["minimum"]?.intValue ?? 0, 1) + 6)
        case "boolean":
            return .bool(true)
        case "string":
            if let first = schema["enum"]?.arrayValue?.first { return first }
            if schema["format"]?.stringValue == "date-time" { return .string("2026-01-02T03:04:05Z") }
            return .string("sample-\(name)")
        default:
            return .null
        }
    }

    /// Every property path of a schema (`.spec.image`, `.status.addresses[].type`...).
    static func propertyPaths(of schema: JSONValue, at path: String = "") -> Set<String> {
        var paths = Set<String>()
        if let properties = schema["properties"]?.objectValue {
            for (key, child) in properties {
                paths.insert("\(path).\(key)")
                paths.formUnion(propertyPaths(of: child, at: "\(path).\(key)"))
            }
        }
        if let items = schema["items"] { paths.formUnion(propertyPaths(of: items, at: "\(path)[]")) }
        return paths
    }
}
