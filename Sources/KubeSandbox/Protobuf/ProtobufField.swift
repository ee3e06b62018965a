/// One field read from a protobuf message: its number and its value by wire type.
///
/// Offsets are relative to the whole body, so error messages point at the exact byte.
struct ProtobufField: Sendable {
    enum Value: Sendable {
        case varint(UInt64)
        case fixed64(UInt64)
        case lengthDelimited(ArraySlice<UInt8>)
        case fixed32(UInt32)
    }

    var number: Int
    var value: Value
    /// Where the field's tag started.
    var offset: Int

    /// The bytes of a length-delimited field (string, bytes, nested message, map entry).
    func bytes(_ name: String) throws(ProtobufError) -> ArraySlice<UInt8> {
        guard case .lengthDelimited(let bytes) = value else { throw .wrongWireType(field: name, offset: offset) }
        return bytes
    }

    /// A UTF-8 string field.
    func string(_ name: String) throws(ProtobufError) -> String {
        let bytes = try bytes(name)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8(field: name) }
        return text
    }

    /// A varint field as unsigned integer.
    func varint(_ name: String) throws(ProtobufError) -> UInt64 {
        guard case .varint(let number) = value else { throw .wrongWireType(field: name, offset: offset) }
        return number
    }

    /// A `bool` field (any non-zero varint is true, as in protobuf).
    func bool(_ name: String) throws(ProtobufError) -> Bool { try varint(name) != 0 }

    /// An `int64`/`int32` field (two's complement, as protobuf encodes negative numbers without zigzag).
    func int64(_ name: String) throws(ProtobufError) -> Int64 { Int64(bitPattern: try varint(name)) }

    /// A nested message, read with a reader that keeps body-relative offsets.
    func message(_ name: String, depth: Int) throws(ProtobufError) -> ProtobufReader {
        try ProtobufReader(try bytes(name), depth: depth + 1)
    }
}
