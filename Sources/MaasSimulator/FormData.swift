import Foundation

/// An ordered `application/x-www-form-urlencoded` (or query string) parameter list; keys may repeat.
public struct FormData: Sendable, Equatable {
    public var pairs: [(key: String, value: String)]

    public init(pairs: [(key: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// Parses `a=1&b=2&b=3` (`+` is a space, `%XX` decoded).
    public init(encoded: String) {
        var result: [(key: String, value: String)] = []
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = FormData.decode(String(kv[0]))
            let value = kv.count > 1 ? FormData.decode(String(kv[1])) : ""
            result.append((key, value))
        }
        self.pairs = result
    }

    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.pairs.map { [$0.key, $0.value] } == rhs.pairs.map { [$0.key, $0.value] }
    }

    static func decode(_ s: String) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Every value of `key`, in order.
    public func values(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }
    /// The last value of `key` (Django's `QueryDict.get`).
    public func value(_ key: String) -> String? { pairs.last { $0.key == key }?.value }
    /// Distinct keys in first-seen order.
    public var keys: [String] {
        var seen = Set<String>()
        return pairs.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }
    public func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// formencode StringBool: `true/false/1/0/yes/no/on/off`.
    public func bool(_ key: String) -> Bool? {
        guard let v = value(key)?.lowercased() else { return nil }
        switch v {
        case "true", "1", "yes", "on", "y", "t": return true
        case "false", "0", "no", "off", "n", "f", "": return false
        default: return nil
        }
    }
}

extension String {
    var removingPercentEncodingOrSelf: String { removingPercentEncoding ?? self }
}
