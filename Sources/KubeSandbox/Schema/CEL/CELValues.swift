import KubeCore

/// CEL value semantics over `JSONValue`: equality (numeric across int/double), ordering and type names.
enum CELValues {
    /// CEL heterogeneous equality: numbers compare by value; lists and maps deeply; other kinds never equal.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.int, .double), (.double, .int), (.double, .double):
            return a.doubleValue == b.doubleValue
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
        default: return a == b
        }
    }

    /// `<` ordering for numbers, strings and booleans; nil when CEL has no such overload.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            guard let x = a.doubleValue, let y = b.doubleValue, !x.isNaN, !y.isNaN else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)):
            let xs = Array(x.unicodeScalars).map(\.value)
            let ys = Array(y.unicodeScalars).map(\.value)
            return xs.lexicographicallyPrecedes(ys) ? -1 : (xs == ys ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        default: return nil
        }
    }

    /// The CEL type name used in error messages.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .array: return "list"
        case .object: return "map"
        }
    }
}
