import Foundation
import KubeCore

/// The JSONPath subset CRD printer columns use: `.a.b`, `.a.b\.c` (escaped dot), `.a[0]`, `.a[*].b`, `.a['b.c']`
/// and `.a[?(@.type=="Ready")].b`.
struct SimpleJSONPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case wildcard
        /// `[?(@.key.path == "value")]`
        case filter(path: [String], equals: JSONValue)
    }

    var steps: [Step]

    static let metadataCreationTimestamp = SimpleJSONPath(steps: [.member("metadata"), .member("creationTimestamp")])

    init(steps: [Step]) { self.steps = steps }

    /// Parses a path (with or without the `{...}` template braces); nil when outside the subset.
    init?(parsing text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("{"), rest.hasSuffix("}") { rest = rest.dropFirst().dropLast() }
        guard rest.first == "." || rest.first == "[" else { return nil }
        var steps: [Step] = []
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                if rest.first == "." { return nil }  // recursive descent is not a simple path
                // A backslash escapes the next character, as in `.metadata.labels.cluster\.x-k8s\.io/cluster-name`.
                var name = ""
                var escaped = false
                while let c = rest.first, escaped || (c != "." && c != "[") {
                    rest = rest.dropFirst()
                    if !escaped && c == "\\" { escaped = true; continue }
                    name.append(c)
                    escaped = false
                }
                guard !name.isEmpty, !escaped else { return nil }
                steps.append(name == "*" ? .wildcard : .member(name))
            } else if first == "[" {
                guard let close = Self.closingBracket(in: rest) else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                guard let step = Self.bracketStep(inner) else { return nil }
                steps.append(step)
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// The `]` that closes the bracket at the start of `text`, skipping quoted strings.
    private static func closingBracket(in text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "]" {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func bracketStep(_ inner: Substring) -> Step? {
        let body = inner.trimmingCharacters(in: .whitespaces)
        if body == "*" { return .wildcard }
        if let index = Int(body) { return .index(index) }
        if let name = unquote(body) { return .member(name) }
        // ?(@.a.b == "v")
        guard body.hasPrefix("?("), body.hasSuffix(")") else { return nil }
        let condition = body.dropFirst(2).dropLast()
        guard let range = condition.range(of: "==") else { return nil }
        let lhs = condition[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let rhs = condition[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard lhs.hasPrefix("@.") else { return nil }
        let keys = lhs.dropFirst(2).split(separator: ".").map(String.init)
        guard !keys.isEmpty else { return nil }
        let expected: JSONValue
        if let text = unquote(rhs) {
            expected = .string(text)
        } else if let i = Int64(rhs) {
            expected = .int(i)
        } else if rhs == "true" || rhs == "false" {
            expected = .bool(rhs == "true")
        } else {
            return nil
        }
        return .filter(path: keys, equals: expected)
    }

    private static func unquote(_ text: String) -> String? {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else {
            return nil
        }
        return String(text.dropFirst().dropLast())
    }

    /// All values the path selects in `root` (empty when nothing matches).
    func evaluate(_ root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .member(let name):
                    if let member = value[name] { next.append(member) }
                case .index(let index):
                    guard let elements = value.arrayValue else { continue }
                    let resolved = index < 0 ? elements.count + index : index
                    if resolved >= 0, resolved < elements.count { next.append(elements[resolved]) }
                case .wildcard:
                    if let elements = value.arrayValue {
                        next += elements
                    } else if let members = value.objectValue {
                        next += members.keys.sorted().compactMap { members[$0] }
                    }
                case .filter(let path, let expected):
                    guard let elements = value.arrayValue else { continue }
                    next += elements.filter { element in
                        element[path: path].map { CELValues.equal($0, expected) } ?? false
                    }
                }
            }
            current = next
        }
        return current
    }
}
