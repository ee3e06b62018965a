import Foundation
import KubeCore
import Yams

/// Reads Kubernetes manifests written in YAML (one or many `---`-separated documents) as `JSONValue`s.
public enum YAMLDocuments {
    /// Every non-empty document of a YAML stream.
    /// - Throws: `YAMLDocumentError` naming the document and the problem.
    public static func parse(_ text: String, source: String = "<input>") throws(YAMLDocumentError) -> [JSONValue] {
        let documents: [Any?]
        do {
            documents = Array(try Yams.load_all(yaml: text))
        } catch {
            throw YAMLDocumentError(source: source, document: nil, message: "\(error)")
        }
        var values: [JSONValue] = []
        for (index, document) in documents.enumerated() {
            guard let document else { continue }
            do {
                values.append(try json(from: document))
            } catch let error as YAMLDocumentError {
                throw YAMLDocumentError(source: source, document: index, message: error.message)
            } catch {
                throw YAMLDocumentError(source: source, document: index, message: "\(error)")
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
            throw YAMLDocumentError(source: path, document: nil, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(text, source: path)
    }

    /// Converts what Yams produces (Bool, Int, Double, String, arrays, mappings, NSNull) to a `JSONValue`.
    public static func json(from value: Any) throws(YAMLDocumentError) -> JSONValue {
        switch value {
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(Int64(value))
        case let value as Double: return .double(value)
        case let value as String: return .string(value)
        case is NSNull: return .null
        case let value as [Any]:
            var elements: [JSONValue] = []
            for element in value { elements.append(try json(from: element)) }
            return .array(elements)
        case let value as [AnyHashable: Any]:
            var members: [String: JSONValue] = [:]
            for (key, child) in value { members["\(key)"] = try json(from: child) }
            return .object(members)
        case let value as Date:
            return .string(Timestamp(value).description)
        default:
            throw YAMLDocumentError(source: "", document: nil, message: "unsupported YAML value of type \(type(of: value))")
        }
    }
}

/// A YAML stream that could not be read as Kubernetes objects.
public struct YAMLDocumentError: Error, Sendable, CustomStringConvertible {
    public var source: String
    /// Zero-based document index, when known.
    public var document: Int?
    public var message: String

    public var description: String {
        if let document { return "\(source): document \(document + 1): \(message)" }
        return "\(source): \(message)"
    }
}
