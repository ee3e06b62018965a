import Foundation

/// Writes `JSONValue` as JSON text with sorted keys in a `JSONTextFormat`, without going through `JSONEncoder`.
enum JSONWriter {
    static func write(_ value: JSONValue, format: JSONTextFormat = .compact) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, format: format, into: &output)
        return output
    }

    static func write(_ value: JSONValue, format: JSONTextFormat, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: Array("null".utf8))
        case .bool(let flag): output.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .int(let number): output.append(contentsOf: Array(String(number).utf8))
        case .double(let number): output.append(contentsOf: Array(format.formatDouble(number).utf8))
        case .string(let text): writeString(text, format: format, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { writeItemSeparator(format, into: &output) }
                write(element, format: format, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { writeItemSeparator(format, into: &output) }
                writeString(key, format: format, into: &output)
                output.append(UInt8(ascii: ":"))
                if format.spacedSeparators { output.append(UInt8(ascii: " ")) }
                write(members[key] ?? .null, format: format, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeItemSeparator(_ format: JSONTextFormat, into output: inout [UInt8]) {
        output.append(UInt8(ascii: ","))
        if format.spacedSeparators { output.append(UInt8(ascii: " ")) }
    }

    static func writeString(_ text: String, format: JSONTextFormat, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if format.escapesHTML {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "<", ">", "&", "\u{2028}", "\u{2029}":
                    output.append(contentsOf: Array(String(format: "\\u%04x", scalar.value).utf8))
                default:
                    for byte in String(scalar).utf8 { writeByte(byte, into: &output) }
                }
            }
        } else {
            for byte in text.utf8 { writeByte(byte, into: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// One UTF-8 byte of a string, escaped when JSON requires it.
    @inline(__always)
    private static func writeByte(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20:
            output.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
        default: output.append(byte)
        }
    }
}
