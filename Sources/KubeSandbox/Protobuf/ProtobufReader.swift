/// A forward-only reader of the protobuf wire format over a byte slice.
///
/// Every read is bounds-checked and malformed input throws `ProtobufError`; nothing traps on bad data.
/// Only what kube's generated messages use is supported: varint, 64-bit, length-delimited and 32-bit fields.
/// Unknown fields are returned like any other; decoders skip the numbers they do not know.
struct ProtobufReader: Sendable {
    /// Nesting limit for messages (kube objects nest a handful of levels; this stops hostile recursion).
    static let maximumDepth = 32

    private let bytes: ArraySlice<UInt8>
    private var position: Int
    let depth: Int

    init(_ bytes: ArraySlice<UInt8>, depth: Int = 0) throws(ProtobufError) {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        self.bytes = bytes
        self.position = bytes.startIndex
        self.depth = depth
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(ProtobufError) -> ProtobufField? {
        guard !isAtEnd else { return nil }
        let start = position
        let tag = try readVarint()
        let number = tag >> 3
        guard number > 0, number <= UInt64(Int32.max) else { throw .invalidTag(tag: tag, offset: start) }
        let value: ProtobufField.Value
        switch tag & 7 {
        case 0: value = .varint(try readVarint())
        case 1: value = .fixed64(try readLittleEndian(count: 8, what: "a 64-bit field"))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else { throw .truncated(what: "a length-delimited field", offset: position) }
            let end = position + Int(length)
            value = .lengthDelimited(bytes[position..<end])
            position = end
        case 5: value = .fixed32(UInt32(try readLittleEndian(count: 4, what: "a 32-bit field")))
        default: throw .invalidTag(tag: tag, offset: start)
        }
        return ProtobufField(number: Int(number), value: value, offset: start)
    }

    private mutating func readVarint() throws(ProtobufError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw .truncated(what: "a varint", offset: start) }
            let byte = bytes[position]
            position += 1
            // The 10th byte may only carry the top bit of a 64-bit value.
            if shift == 63 && byte > 1 { throw .malformedVarint(offset: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private mutating func readLittleEndian(count: Int, what: String) throws(ProtobufError) -> UInt64 {
        guard bytes.endIndex - position >= count else { throw .truncated(what: what, offset: position) }
        var result: UInt64 = 0
        for index in 0..<count { result |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += count
        return result
    }
}
