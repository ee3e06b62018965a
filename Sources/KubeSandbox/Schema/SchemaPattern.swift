import Foundation

/// ECMA/RE2-style `pattern` matching via Foundation regular expressions (kube uses Go's RE2;
/// the common subset behaves the same).
enum SchemaPattern {
    static func isValid(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern)) != nil
    }

    /// Unanchored search, like Go's `regexp.MatchString`.
    static func matches(_ pattern: String, _ text: String) -> Bool? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
