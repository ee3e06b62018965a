import Foundation
import Testing
@testable import MaasClient

/// The poll's element-at-a-time decode: the array is split where JSON says, never inside strings, and anything that
/// is not one array is refused.
@Suite struct JSONArrayElementsTests {
    static func elements(_ json: String) throws -> [String] {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBytes { buffer in
            try JSONArrayElements.ranges(in: buffer).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func splitsTopLevelElementsOnly() throws {
        let json = #" [ {"a":[1,{"b":"]},["}]}, "x\"],", 12.5e3 ,null,[[]],{} ] "#
        #expect(try Self.elements(json) == [#"{"a":[1,{"b":"]},["}]}"#, #""x\"],""#, "12.5e3", "null", "[[]]", "{}"])
        #expect(try Self.elements("[]") == [])
        #expect(try Self.elements(" [\n]\n") == [])
    }

    @Test(arguments: ["", "{}", "[", "[1", "[1,", "[1 2]", "[,1]", "[1]x", "[\"abc]", "[{\"a\":1]", "[1,]", "[\"\\\"]"])
    func malformedArraysThrow(json: String) {
        #expect(throws: JSONArrayElements.Malformed.self) { try Self.elements(json) }
    }

    /// Element by element gives what one decode of the whole list gives.
    @Test func decodingElementByElementMatchesTheWholeList() throws {
        let machine = String(decoding: try Fixtures.body("machine-read-ready-200"), as: UTF8.self)
        let list = "[" + [machine, machine.replacingOccurrences(of: "twgrer", with: "other"), machine].joined(separator: ",") + "]"
        let whole = try JSONDecoder().decode([MaasMachineSummary].self, from: Data(list.utf8))
        let split = try Self.elements(list).map { try JSONDecoder().decode(MaasMachineSummary.self, from: Data($0.utf8)) }
        #expect(split == whole)
        #expect(split.map(\.systemID) == ["twgrer", "other", "twgrer"])
    }
}
