import KubeYAML
import Foundation
import KubeCore

/// Finds clusterctl `${VAR}` placeholders (also `${VAR:=default}`, `${VAR:-default}`) left in a manifest.
enum UnresolvedVariables {
    /// One placeholder: the field it is in and the variable name.
    struct Occurrence: Equatable {
        var field: String
        var variable: String
    }

    /// Every placeholder in string values, in field order.
    static func find(in value: JSONValue, path: [String] = []) -> [Occurrence] {
        switch value {
        case .string(let text):
            return names(in: text).map { Occurrence(field: YAMLDocuments.fieldPath(path), variable: $0) }
        case .array(let items):
            return items.enumerated().flatMap { find(in: $0.element, path: path + ["[\($0.offset)]"]) }
        case .object(let members):
            return members.keys.sorted().flatMap { key in find(in: members[key] ?? .null, path: path + [key]) }
        default:
            return []
        }
    }

    /// Variable names of the `${…}` placeholders in `text`.
    static func names(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            let inner = rest[open.upperBound..<close]
            let name = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { found.append(trimmed) }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}
