import Foundation

/// Intentional (documented) differences between `JSONValue.parse` and `JSONSerialization` on acceptance:
/// - invalid UTF-8 inside strings is replaced with U+FFFD (Foundation rejects the document);
/// - lone or mismatched UTF-16 surrogate escapes become U+FFFD (Foundation rejects);
/// - both follow the strict RFC 8259 number grammar, but where Foundation differs on a non-strict number
///   (`01`, `+1`, `.5`, `1.`) the comparison is excused;
/// - numbers that overflow a Double (`1e999`) are rejected (Foundation may accept them);
/// - a NUL byte among the first four makes Foundation read the data as UTF-16/UTF-32 (encoding detection);
///   `JSONValue.parse` reads UTF-8 only;
/// - Foundation (swift-foundation) accepts a trailing comma (`[1,]`, `{"a":1,}`); `JSONValue.parse` follows
///   RFC 8259 and rejects it.
enum FoundationDifferences {
    static func explains(_ bytes: [UInt8]) -> Bool {
        if String(validating: bytes, as: UTF8.self) == nil { return true }
        if bytes.prefix(4).contains(0) { return true }
        if hasSurrogateEscape(bytes) || hasTrailingComma(bytes) { return true }
        return numberTokens(bytes).contains { !isStrictNumber($0) || !(Double(String(decoding: $0, as: UTF8.self))?.isFinite ?? false) }
    }

    static func hasSurrogateEscape(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for i in 0..<(bytes.count - 3) where bytes[i] == UInt8(ascii: "\\") && bytes[i + 1] == UInt8(ascii: "u") {
            if bytes[i + 2] | 0x20 == UInt8(ascii: "d"), let next = hexValue(bytes[i + 3]), next >= 8 { return true }
        }
        return false
    }

    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false
        var escaped = false
        var previous: UInt8 = 0
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                previous = UInt8(ascii: "\"")
                continue
            }
            if [0x20, 0x0A, 0x0D, 0x09].contains(byte) { continue }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}"), previous == UInt8(ascii: ",") { return true }
            if byte == UInt8(ascii: "\"") { inString = true }
            previous = byte
        }
        return false
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// Maximal runs of number bytes outside strings.
    static func numberTokens(_ bytes: [UInt8]) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if Array("0123456789+-.eE".utf8).contains(byte) {
                current.append(byte)
                continue
            }
            if !current.isEmpty { tokens.append(current); current = [] }
            if byte == UInt8(ascii: "\"") { inString = true }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isStrictNumber(_ token: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < token.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(token[i]) { i += 1 }
            return i - start
        }
        if i < token.count, token[i] == UInt8(ascii: "-") { i += 1 }
        guard i < token.count else { return false }
        if token[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < token.count, token[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < token.count, token[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < token.count, token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == token.count
    }
}
