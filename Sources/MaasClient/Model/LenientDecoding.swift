/// Tolerant decoding helpers: MAAS adds fields between versions and sends `null` freely,
/// so optional fields decode to nil on absence, null or a type mismatch instead of failing the whole object.
extension KeyedDecodingContainer {
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }

    /// Accepts an integer sent as a number or a numeric string.
    func lenientInt(_ key: Key) -> Int? {
        if let v = lenient(Int.self, key) { return v }
        if let d = lenient(Double.self, key), d.isFinite, d.rounded() == d, abs(d) < 1e15 { return Int(d) }
        if let s = lenient(String.self, key) { return Int(s) }
        return nil
    }

    func lenientDouble(_ key: Key) -> Double? {
        if let v = lenient(Double.self, key) { return v }
        if let s = lenient(String.self, key) { return Double(s) }
        return nil
    }

    /// A string→string map; non-string values are dropped.
    func lenientStringMap(_ key: Key) -> [String: String] {
        lenient([String: LenientString].self, key)?.compactMapValues(\.value) ?? [:]
    }
}

/// Decodes any JSON scalar as a string (numbers and bools as text), anything else as nil.
struct LenientString: Decodable {
    let value: String?
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { value = s }
        else if let i = try? c.decode(Int.self) { value = String(i) }
        else if let d = try? c.decode(Double.self) { value = String(d) }
        else if let b = try? c.decode(Bool.self) { value = b ? "true" : "false" }
        else { value = nil }
    }
}

/// A CodingKey from any string, for objects decoded field by field.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
