import Foundation
import KubeCore
import Testing

@Suite("JSON parsing and writing")
struct JSONParserTests {
    @Test func parsesEveryValueKind() throws {
        let value = try JSONValue.parse(#" {"a":[1,-2,3.5,1e3,true,false,null],"s":"q\"\\\/\n\u00e9\ud83d\ude00","o":{}} "#)
        #expect(value["a"] == [1, -2, 3.5, 1000.0, true, false, .null])
        #expect(value["s"] == .string("q\"\\/\né😀"))
        #expect(value["o"] == .emptyObject)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01x", "{\"a\":1}}", "[\"\u{01}\"]", "-"])
    func rejectsMalformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func rejectsExcessiveNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func writerAgreesWithFoundation() throws {
        let value: JSONValue = ["b": ["x": 1, "a": "t\"ab\t"], "a": [1.25, -3, false, .null], "c": "ü/<>&"]
        let ours = try JSONSerialization.jsonObject(with: value.serialized()) as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: KubeJSON.encode(value)) as? NSDictionary
        #expect(ours == theirs)
        #expect(value.jsonString.hasPrefix(#"{"a":[1.25,-3,false,null],"b":{"a":"#))
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func randomDocumentsRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            #expect(try JSONValue.parse(value.serialized()) == value)
        }
    }

    static func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        let choice = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator))
        case 3: return .double(Double(Int.random(in: -1000...1000, using: &generator)) + 0.5)
        case 4: return .string(String((0..<Int.random(in: 0..<8, using: &generator)).map { _ in "aé\"\\\n😀/{".randomElement(using: &generator)! }))
        case 5: return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0..<4, using: &generator) { members["k\(index)"] = randomValue(depth: depth + 1, using: &generator) }
            return .object(members)
        }
    }
}
