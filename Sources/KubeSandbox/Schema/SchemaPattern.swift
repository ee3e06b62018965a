import Foundation
import Synchronization

/// ECMA/RE2-style `pattern` matching via Foundation regular expressions (kube uses Go's RE2; the common
/// subset behaves the same). Compiled expressions are cached: schemas and rules reuse a few patterns.
enum SchemaPattern {
    private static let cache = Mutex<[String: NSRegularExpression]>([:])
    private static let cacheLimit = 512

    private static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let hit = cache.withLock({ $0[pattern] }) { return hit }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        cache.withLock { entries in
            if entries.count >= cacheLimit { entries.removeAll(keepingCapacity: true) }
            entries[pattern] = regex
        }
        return regex
    }

    static func isValid(_ pattern: String) -> Bool { compiled(pattern) != nil }

    /// Unanchored search, like Go's `regexp.MatchString`; nil for an invalid pattern.
    static func matches(_ pattern: String, _ text: String) -> Bool? {
        guard let regex = compiled(pattern) else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
