/// Splits a JSON array into its elements' byte ranges without parsing them, so a long list (a poll's hundreds of
/// machines, ~7–27 KB of JSON each) can be decoded one element at a time: the decoder's working memory is then one
/// element's, not the whole body's.
///
/// Only the array's own structure is checked (brackets, strings, commas); each element's JSON is checked by the
/// decoder it is handed to. Malformed input throws, never traps.
enum JSONArrayElements {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "malformed JSON array at byte \(offset): \(reason)" }
    }

    /// The byte range of every top-level element of the array in `bytes`, in order.
    static func ranges(in bytes: UnsafeRawBufferPointer) throws(Malformed) -> [Range<Int>] {
        var index = skipWhitespace(bytes, from: 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Malformed(offset: index, reason: "not an array") }
        index = skipWhitespace(bytes, from: index + 1)
        var ranges: [Range<Int>] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return try end(bytes, after: index + 1, ranges) }
        while true {
            let start = index
            index = try skipValue(bytes, from: index)
            ranges.append(start..<index)
            index = skipWhitespace(bytes, from: index)
            guard index < bytes.count else { throw Malformed(offset: index, reason: "unterminated array") }
            switch bytes[index] {
            case UInt8(ascii: ","): index = skipWhitespace(bytes, from: index + 1)
            case UInt8(ascii: "]"): return try end(bytes, after: index + 1, ranges)
            default: throw Malformed(offset: index, reason: "expected ',' or ']'")
            }
        }
    }

    private static func end(_ bytes: UnsafeRawBufferPointer, after index: Int, _ ranges: [Range<Int>]) throws(Malformed) -> [Range<Int>] {
        let rest = skipWhitespace(bytes, from: index)
        guard rest == bytes.count else { throw Malformed(offset: rest, reason: "data after the array") }
        return ranges
    }

    /// The index just past the value starting at `start`: an object or array (brackets balanced outside strings),
    /// a string, or a scalar (up to the next delimiter).
    private static func skipValue(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(Malformed) -> Int {
        guard start < bytes.count else { throw Malformed(offset: start, reason: "missing value") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try skipString(bytes, from: index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            throw Malformed(offset: start, reason: "unterminated object or array")
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"):
            throw Malformed(offset: start, reason: "missing value")
        default:
            var index = start
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            return index
        }
    }

    /// The index just past the string whose opening quote is at `start`.
    private static func skipString(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(Malformed) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        throw Malformed(offset: start, reason: "unterminated string")
    }

    private static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    }
}
