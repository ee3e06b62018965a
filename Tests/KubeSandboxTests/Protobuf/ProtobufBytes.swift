/// Test-side builder for protobuf byte fixtures, written field by field so each test shows its bytes' meaning.
enum ProtobufBytes {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value != 0
        return bytes
    }

    static func tag(_ number: Int, _ wireType: UInt64) -> [UInt8] { varint(UInt64(number) << 3 | wireType) }

    static func bytes(_ number: Int, _ payload: [UInt8]) -> [UInt8] { tag(number, 2) + varint(UInt64(payload.count)) + payload }

    static func string(_ number: Int, _ text: String) -> [UInt8] { bytes(number, Array(text.utf8)) }

    static func number(_ number: Int, _ value: UInt64) -> [UInt8] { tag(number, 0) + varint(value) }

    static func entry(_ number: Int, _ key: String, _ value: String) -> [UInt8] { bytes(number, string(1, key) + string(2, value)) }

    /// `k8s\0` + runtime.Unknown{typeMeta, raw}.
    static func envelope(apiVersion: String = "v1", kind: String, raw: [UInt8]) -> [UInt8] {
        [0x6B, 0x38, 0x73, 0x00] + bytes(1, string(1, apiVersion) + string(2, kind)) + bytes(2, raw)
    }

    static func hex(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex) {
            if let byte = UInt8(text[index..<next], radix: 16) { result.append(byte) }
            index = next
        }
        return result
    }
}
