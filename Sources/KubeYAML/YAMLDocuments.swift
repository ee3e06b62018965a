import Foundation
import KubeCore
import Yams

/// Reads Kubernetes manifests written in YAML (one or many `---`-separated documents) as `JSONValue`s,
/// typing scalars as kubectl does (YAML 1.2 core schema; timestamps stay strings).
public enum YAMLDocuments {
    /// Every non-empty document of a YAML stream.
    /// - Throws: `YAMLDocumentError` naming the source, the document and the problem.
    public static func parse(_ text: String, source: String = "<input>") throws(YAMLDocumentError) -> [JSONValue] {
        let nodes: [Node]
        do {
            nodes = Array(try Yams.compose_all(yaml: text))
        } catch {
            throw YAMLDocumentError(source: source, document: nil, path: "", message: "\(error)")
        }
        var values: [JSONValue] = []
        for (index, node) in nodes.enumerated() {
            do throws(YAMLDocumentError) {
                let value = try json(node)
                if value != .null { values.append(value) }  // an empty document (e.g. a trailing `---`)
            } catch {
                throw YAMLDocumentError(source: source, document: index, path: error.path, message: error.message)
            }
        }
        return values
    }

    /// Every document of a YAML file.
    public static func load(path: String) throws(YAMLDocumentError) -> [JSONValue] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw YAMLDocumentError(source: path, document: nil, path: "", message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(text, source: path)
    }

    /// Converts one composed YAML node to JSON.
    /// - Throws: `YAMLDocumentError` (with the field path) for aliases and non-string mapping keys.
    public static func json(_ node: Node, path: [String] = []) throws(YAMLDocumentError) -> JSONValue {
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
                    throw YAMLDocumentError(source: "", document: nil, path: fieldPath(path), message: "mapping keys must be strings")
                }
                members[keyScalar.string] = try json(value, path: path + [keyScalar.string])
            }
            return .object(members)
        case .alias:
            throw YAMLDocumentError(source: "", document: nil, path: fieldPath(path), message: "YAML aliases are not supported")
        }
    }

    /// Dotted field path (`spec.tags[0]`).
    public static func fieldPath(_ parts: [String]) -> String {
        var out = ""
        for part in parts {
            if part.hasPrefix("[") { out += part } else { out += out.isEmpty ? part : ".\(part)" }
        }
        return out
    }
}

/// A YAML stream that could not be read as Kubernetes objects.
public struct YAMLDocumentError: Error, Sendable, CustomStringConvertible {
    public var source: String
    /// Zero-based document index, when known.
    public var document: Int?
    /// The field where the problem is (`spec.tags[0]`), empty when not field-specific.
    public var path: String
    public var message: String

    public var description: String {
        var text = source
        if let document { text += ": document \(document + 1)" }
        if !path.isEmpty { text += ": \(path)" }
        return "\(text): \(message)"
    }
}
