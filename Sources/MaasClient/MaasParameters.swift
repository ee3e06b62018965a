/// Ordered form/query parameters; lists are sent as repeated keys (`tags=a&tags=b`), as MAAS expects.
public struct MaasParameters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var items: [(name: String, value: String)] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, String)...) {
        for (k, v) in elements { add(k, v) }
    }

    public mutating func add(_ name: String, _ value: String) { items.append((name, value)) }
    public mutating func add(_ name: String, _ value: String?) { if let value { add(name, value) } }
    public mutating func add(_ name: String, _ value: Int?) { if let value { add(name, String(value)) } }
    public mutating func add(_ name: String, _ value: Bool?) { if let value { add(name, value ? "true" : "false") } }
    public mutating func add(_ name: String, repeating values: [String]) { for v in values { add(name, v) } }

    /// All values for `name`, in order.
    public func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    public var isEmpty: Bool { items.isEmpty }

    /// `application/x-www-form-urlencoded` text (also used for query strings).
    public func encoded() -> String {
        items.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes everything except RFC 3986 unreserved characters (space becomes `%20`).
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    public static func == (lhs: MaasParameters, rhs: MaasParameters) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }
}
