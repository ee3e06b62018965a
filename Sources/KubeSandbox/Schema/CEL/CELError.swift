/// Why a CEL expression cannot be compiled by the sandbox (the CRD carrying it is refused).
enum CELError: Error, Sendable, Hashable {
    /// Not CEL at all (kube would refuse it too): message and 1-based column.
    case syntax(String, column: Int)
    /// Valid syntax that kube's type check refuses too (e.g. an undefined field).
    case compile(String, column: Int)
    /// Valid CEL, but outside the subset this sandbox evaluates.
    case unsupported(String)

    /// What the sandbox supports, quoted in refusals so a CRD author knows what to change.
    static let supportedSummary =
        "literals (int, double, string, bool, null, lists), self, oldSelf, field selection (self.a.b, self[\"a\"], list[i]), "
        + "has(), size(), int(), double(), string(), !, -, &&, ||, ==, !=, <, <=, >, >=, +, *, /, %, in, ?:, "
        + "string methods startsWith, endsWith, contains, matches, lowerAscii, upperAscii, trim, size, indexOf, "
        + "lastIndexOf, replace, substring, split, list join, "
        + "list macros all, exists, exists_one, map, filter"

    /// The detail text of the `rule` field error for a refused expression.
    static func refusalDetail(_ error: CELError) -> String {
        switch error {
        case .syntax(let message, let column):
            return "compilation failed: ERROR: <input>:1:\(column): Syntax error: \(message)"
        case .compile(let message, let column):
            return "compilation failed: ERROR: <input>:1:\(column): \(message)"
        case .unsupported(let reason):
            return "the sandbox API server cannot evaluate this CEL expression: \(reason); supported: \(supportedSummary)"
        }
    }
}

/// A runtime CEL failure (missing key, type mismatch, overflow); kube reports these as validation errors.
struct CELEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
