import Foundation

/// One operation of a JSON patch (RFC 6902).
public struct JSONPatchOperation: Codable, Sendable, Hashable {
    /// The operation name.
    public enum Op: String, Codable, Sendable {
        case add, remove, replace, move, copy, test
    }

    public var op: Op
    /// A JSON pointer (RFC 6901).
    public var path: String
    public var value: JSONValue?
    public var from: String?

    public init(op: Op, path: String, value: JSONValue? = nil, from: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }

    public static func add(_ path: String, _ value: JSONValue) -> Self { .init(op: .add, path: path, value: value) }
    public static func remove(_ path: String) -> Self { .init(op: .remove, path: path) }
    public static func replace(_ path: String, _ value: JSONValue) -> Self { .init(op: .replace, path: path, value: value) }
    public static func test(_ path: String, _ value: JSONValue) -> Self { .init(op: .test, path: path, value: value) }

    /// Escapes one reference token of a JSON pointer (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

/// Why a JSON patch could not be applied.
public enum JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPointer(String)
    case pathNotFound(String)
    case testFailed(path: String)
    case missingValue(op: String)

    public var description: String {
        switch self {
        case .invalidPointer(let path): return "invalid JSON pointer \"\(path)\""
        case .pathNotFound(let path): return "the path \"\(path)\" does not exist"
        case .testFailed(let path): return "the test operation on \"\(path)\" failed"
        case .missingValue(let op): return "the \(op) operation requires a value"
        }
    }
}

extension JSONValue {
    /// Applies a JSON patch; the whole patch fails if any operation fails.
    public func applyingJSONPatch(_ operations: [JSONPatchOperation]) throws(JSONPatchError) -> JSONValue {
        var document = self
        for operation in operations {
            let tokens = try Self.pointerTokens(operation.path)
            switch operation.op {
            case .add:
                guard let value = operation.value else { throw .missingValue(op: "add") }
                try document.insert(value, at: tokens, path: operation.path, replacing: false)
            case .replace:
                guard let value = operation.value else { throw .missingValue(op: "replace") }
                _ = try document.removeValue(at: tokens, path: operation.path)
                try document.insert(value, at: tokens, path: operation.path, replacing: false)
            case .remove:
                _ = try document.removeValue(at: tokens, path: operation.path)
            case .test:
                guard let value = operation.value else { throw .missingValue(op: "test") }
                let current = document.value(at: tokens)
                // A test against `null` also passes for a missing member, as Kubernetes does.
                if current != value && !(current == nil && value.isNull) {
                    throw .testFailed(path: operation.path)
                }
            case .move, .copy:
                guard let from = operation.from else { throw .invalidPointer("") }
                let fromTokens = try Self.pointerTokens(from)
                guard let value = document.value(at: fromTokens) else { throw .pathNotFound(from) }
                if operation.op == .move { _ = try document.removeValue(at: fromTokens, path: from) }
                try document.insert(value, at: tokens, path: operation.path, replacing: false)
            }
        }
        return document
    }

    static func pointerTokens(_ pointer: String) throws(JSONPatchError) -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.unicodeScalars.first == "/" else { throw .invalidPointer(pointer) }
        // Split on Unicode scalars, not Characters: a token may start with a combining mark.
        return pointer.unicodeScalars.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0)).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    func value(at tokens: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for token in tokens {
            switch current {
            case .object(let members): current = members[token]
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default: return nil
            }
        }
        return current
    }

    mutating func insert(_ value: JSONValue, at tokens: [String], path: String, replacing: Bool) throws(JSONPatchError) {
        guard let token = tokens.first else {
            self = value
            return
        }
        let rest = Array(tokens.dropFirst())
        switch self {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard var child = members[token] else { throw .pathNotFound(path) }
                try child.insert(value, at: rest, path: path, replacing: replacing)
                members[token] = child
            }
            self = .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" {
                    elements.append(value)
                } else {
                    guard let index = Int(token), index >= 0, index <= elements.count else { throw .pathNotFound(path) }
                    elements.insert(value, at: index)
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else { throw .pathNotFound(path) }
                try elements[index].insert(value, at: rest, path: path, replacing: replacing)
            }
            self = .array(elements)
        default:
            throw .pathNotFound(path)
        }
    }

    mutating func removeValue(at tokens: [String], path: String) throws(JSONPatchError) -> JSONValue {
        guard let token = tokens.first else { throw .invalidPointer(path) }
        let rest = Array(tokens.dropFirst())
        switch self {
        case .object(var members):
            guard var child = members[token] else { throw .pathNotFound(path) }
            let removed: JSONValue
            if rest.isEmpty {
                removed = child
                members.removeValue(forKey: token)
            } else {
                removed = try child.removeValue(at: rest, path: path)
                members[token] = child
            }
            self = .object(members)
            return removed
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { throw .pathNotFound(path) }
            let removed: JSONValue
            if rest.isEmpty {
                removed = elements.remove(at: index)
            } else {
                removed = try elements[index].removeValue(at: rest, path: path)
            }
            self = .array(elements)
            return removed
        default:
            throw .pathNotFound(path)
        }
    }
}
