@testable import KubeSandbox
import Testing

@Suite("Protobuf wire reader")
struct ProtobufReaderTests {
    private func fields(_ bytes: [UInt8]) throws(ProtobufError) -> [ProtobufField] {
        var reader = try ProtobufReader(bytes[...])
        var result: [ProtobufField] = []
        while let field = try reader.next() { result.append(field) }
        return result
    }

    @Test(arguments: [
        ([0x08, 0x00], UInt64(0)),
        ([0x08, 0x01], 1),
        ([0x08, 0xAC, 0x02], 300),
        ([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], 0xFFFF_FFFF),
        ([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], UInt64.max),
    ] as [([UInt8], UInt64)])
    func varints(bytes: [UInt8], expected: UInt64) throws {
        let read = try fields(bytes)
        #expect(read.count == 1)
        #expect(try read[0].varint("f") == expected)
    }

    @Test func negativeInt64IsTwosComplement() throws {
        let read = try fields(ProtobufBytes.number(7, UInt64(bitPattern: -5)))
        #expect(try read[0].int64("generation") == -5)
    }

    @Test func fixedWidthAndLengthDelimitedFieldsAreReadAndSkippable() throws {
        let bytes: [UInt8] = [0x09, 1, 2, 3, 4, 5, 6, 7, 8]  // field 1, fixed64
            + [0x15, 0xAA, 0xBB, 0xCC, 0xDD]                  // field 2, fixed32
            + ProtobufBytes.string(3, "hi")
        let read = try fields(bytes)
        #expect(read.map(\.number) == [1, 2, 3])
        guard case .fixed64(let wide) = read[0].value, case .fixed32(let narrow) = read[1].value else {
            Issue.record("wrong wire types")
            return
        }
        #expect(wide == 0x0807_0605_0403_0201)
        #expect(narrow == 0xDDCC_BBAA)
        #expect(try read[2].string("s") == "hi")
        #expect(read[2].offset == 14)
    }

    @Test(arguments: [
        ([0x08], ProtobufError.truncated(what: "a varint", offset: 1)),
        ([0x08, 0x80], .truncated(what: "a varint", offset: 1)),
        ([0x0A, 0x05, 0x61], .truncated(what: "a length-delimited field", offset: 2)),
        ([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], .truncated(what: "a length-delimited field", offset: 11)),
        ([0x09, 0x01, 0x02], .truncated(what: "a 64-bit field", offset: 1)),
        ([0x0D, 0x01], .truncated(what: "a 32-bit field", offset: 1)),
        ([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], .malformedVarint(offset: 1)),
        ([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], .malformedVarint(offset: 1)),
        ([0x00, 0x01], .invalidTag(tag: 0, offset: 0)),
        ([0x0B], .invalidTag(tag: 11, offset: 0)),  // start group
        ([0x0E], .invalidTag(tag: 14, offset: 0)),  // wire type 6
    ] as [([UInt8], ProtobufError)])
    func malformedInputThrowsASpecificError(bytes: [UInt8], expected: ProtobufError) {
        #expect(throws: expected) { try fields(bytes) }
    }

    @Test func typeAccessorsRefuseTheWrongWireType() throws {
        let read = try fields(ProtobufBytes.number(1, 3) + [0x12, 0x02, 0xC3, 0x28])
        #expect(throws: ProtobufError.wrongWireType(field: "name", offset: 0)) { try read[0].string("name") }
        #expect(throws: ProtobufError.wrongWireType(field: "flag", offset: 2)) { try read[1].bool("flag") }
        #expect(throws: ProtobufError.invalidUTF8(field: "text")) { try read[1].string("text") }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        #expect(throws: ProtobufError.tooDeep) { try ProtobufReader([][...], depth: ProtobufReader.maximumDepth + 1) }
        var reader = try ProtobufReader(ProtobufBytes.bytes(1, [])[...], depth: ProtobufReader.maximumDepth)
        let field = try #require(try reader.next())
        #expect(throws: ProtobufError.tooDeep) { try field.message("m", depth: reader.depth) }
    }

    @Test func offsetsInNestedMessagesAreBodyRelative() throws {
        let body = ProtobufBytes.string(1, "ab") + ProtobufBytes.bytes(2, ProtobufBytes.number(3, 1) + [0x22, 0x09])
        var reader = try ProtobufReader(body[...])
        _ = try reader.next()
        let outer = try #require(try reader.next())
        var inner = try outer.message("m", depth: 0)
        _ = try inner.next()
        #expect(throws: ProtobufError.truncated(what: "a length-delimited field", offset: 10)) { try inner.next() }
    }
}
