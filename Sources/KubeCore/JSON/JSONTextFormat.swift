/// How `JSONValue` is written as text. Keys are always sorted; the dialects differ only in separators, escaping
/// and how doubles look. `.compact` is Kubernetes' form (and `serialized()`'s); other components define theirs
/// (Go's `encoding/json` in the sandbox, Python's `json.dumps` in the MAAS simulator) from these knobs.
public struct JSONTextFormat: Sendable {
    /// `", "` and `": "` between items (Python's `json.dumps`) instead of `","` and `":"`.
    public var spacedSeparators: Bool
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as `\u003c` etc. (Go's `encoding/json`).
    public var escapesHTML: Bool
    /// The text of a `.double`.
    public var formatDouble: @Sendable (Double) -> String

    public init(
        spacedSeparators: Bool = false, escapesHTML: Bool = false,
        formatDouble: @escaping @Sendable (Double) -> String = JSONTextFormat.shortestDouble
    ) {
        self.spacedSeparators = spacedSeparators
        self.escapesHTML = escapesHTML
        self.formatDouble = formatDouble
    }

    /// Compact, no HTML escaping, integral doubles without a fraction: what `serialized()` writes.
    public static let compact = JSONTextFormat()

    /// Integral values below 1e15 without a fraction, non-finite values as `null`, others as Swift prints them.
    @Sendable public static func shortestDouble(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
