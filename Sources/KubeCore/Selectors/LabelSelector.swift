import Foundation

/// A parsed label selector in the string form the API accepts
/// (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated).
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// One requirement of a selector.
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)

        func matches(_ labels: [String: String]) -> Bool {
            switch self {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .in(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement]) { self.requirements = requirements }

    /// A selector requiring each key to equal its value.
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.sorted { $0.key < $1.key }.map { .equals($0.key, $0.value) }
    }

    /// Parses the string form; throws with a message naming the bad term.
    public init(parsing text: String) throws(SelectorParseError) {
        requirements = []
        for term in Self.splitTerms(text) {
            let term = term.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            requirements.append(try Self.parseTerm(term))
        }
    }

    /// Whether the labels satisfy every requirement (an empty selector matches everything).
    public func matches(_ labels: [String: String]?) -> Bool {
        let labels = labels ?? [:]
        return requirements.allSatisfy { $0.matches(labels) }
    }

    public var isEmpty: Bool { requirements.isEmpty }

    public var description: String {
        requirements.map { requirement -> String in
            switch requirement {
            case .equals(let key, let value): return "\(key)=\(value)"
            case .notEquals(let key, let value): return "\(key)!=\(value)"
            case .in(let key, let values): return "\(key) in (\(values.sorted().joined(separator: ",")))"
            case .notIn(let key, let values): return "\(key) notin (\(values.sorted().joined(separator: ",")))"
            case .exists(let key): return key
            case .doesNotExist(let key): return "!\(key)"
            }
        }.joined(separator: ",")
    }

    /// Splits on commas that are not inside parentheses.
    static func splitTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: terms.append(current); current = ""
            default: current.append(character)
            }
        }
        terms.append(current)
        return terms
    }

    static func parseTerm(_ term: String) throws(SelectorParseError) -> Requirement {
        if term.hasPrefix("!") {
            let key = String(term.dropFirst()).trimmingCharacters(in: .whitespaces)
            try validateKey(key, in: term)
            return .doesNotExist(key)
        }
        for (separator, build) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            if let range = term.range(of: separator) {
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
                try validateKey(key, in: term)
                try validateValue(value, in: term)
                return build(key, value)
            }
        }
        let words = term.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            let key = words[0]
            let rest = words[1].trimmingCharacters(in: .whitespaces)
            for (op, isIn) in [("notin", false), ("in", true)] where rest.hasPrefix(op) {
                let list = rest.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
                guard list.hasPrefix("("), list.hasSuffix(")") else { throw SelectorParseError(term: term) }
                let values = Set(list.dropFirst().dropLast().split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                })
                try validateKey(key, in: term)
                for value in values { try validateValue(value, in: term) }
                return isIn ? .in(key, values) : .notIn(key, values)
            }
            throw SelectorParseError(term: term)
        }
        try validateKey(term, in: term)
        return .exists(term)
    }

    /// A label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters.
    static func validateKey(_ key: String, in term: String) throws(SelectorParseError) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name = parts.last.map(String.init) ?? ""
        guard parts.count <= 2, isLabelName(name),
            parts.count == 1 || isDNSSubdomain(String(parts[0]))
        else { throw SelectorParseError(term: term, reason: "invalid label key \"\(key)\"") }
    }

    /// A label value: empty, or at most 63 alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric.
    static func validateValue(_ value: String, in term: String) throws(SelectorParseError) {
        guard value.isEmpty || isLabelName(value) else {
            throw SelectorParseError(term: term, reason: "invalid label value \"\(value)\"")
        }
    }

    static func isLabelName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...63).contains(scalars.count), let first = scalars.first, let last = scalars.last,
            isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    static func isDNSSubdomain(_ text: String) -> Bool {
        guard (1...253).contains(text.count) else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let scalars = Array(label.unicodeScalars)
            guard let first = scalars.first, let last = scalars.last else { return false }
            let lowerAlnum: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            return lowerAlnum(first) && lowerAlnum(last) && scalars.allSatisfy { lowerAlnum($0) || $0 == "-" }
        }
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

/// A selector string that could not be parsed.
public struct SelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var term: String
    /// What is wrong with the term, when more than its shape.
    public var reason: String?

    public init(term: String, reason: String? = nil) {
        self.term = term
        self.reason = reason
    }

    public var description: String {
        "unable to parse requirement: \"\(term)\"" + (reason.map { ": \($0)" } ?? "")
    }
}

/// A parsed field selector (`a=b`, `a==b`, `a!=b`, comma-separated), matched against
/// string field values such as `metadata.name` or `involvedObject.uid`.
public struct FieldSelector: Sendable, Hashable {
    public struct Requirement: Sendable, Hashable {
        public var field: String
        public var value: String
        public var negated: Bool
    }

    public var requirements: [Requirement]

    public init(parsing text: String) throws(SelectorParseError) {
        requirements = []
        for term in text.split(separator: ",") {
            let term = String(term).trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            if let range = term.range(of: "!=") {
                requirements.append(.init(field: String(term[..<range.lowerBound]), value: String(term[range.upperBound...]), negated: true))
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                requirements.append(.init(field: String(term[..<range.lowerBound]), value: String(term[range.upperBound...]), negated: false))
            } else {
                throw SelectorParseError(term: term)
            }
        }
    }

    /// Whether the fields (looked up by `value(for:)`) satisfy every requirement.
    public func matches(_ value: (String) -> String?) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = value(requirement.field) ?? ""
            return requirement.negated ? actual != requirement.value : actual == requirement.value
        }
    }
}
