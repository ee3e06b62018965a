import Foundation
import KubeCore
import Testing

/// The one `JSONValue` writer in its dialects: Kubernetes compact, Go (`encoding/json`), spaced (Python).
@Suite struct JSONTextFormatTests {
    static let value: JSONValue = .object([
        "b": .array([.int(1), .double(2), .double(2.5)]),
        "a": .string("<x>&\u{2028}\n\"é\u{01}"),
        "c": .null,
        "d": .bool(true),
    ])

    @Test func compactIsWhatSerializedWrites() {
        let expected = #"{"a":"<x>&"# + "\u{2028}" + #"\n\"é\u0001","b":[1,2,2.5],"c":null,"d":true}"#
        #expect(Self.value.jsonString(.compact) == expected)
        #expect(Self.value.jsonString == expected)
        #expect(Self.value.serialized(.compact) == Self.value.serialized())
    }

    @Test func htmlEscapingLikeGo() {
        let format = JSONTextFormat(escapesHTML: true)
        #expect(Self.value.jsonString(format)
            == #"{"a":"\u003cx\u003e\u0026\u2028\n\"é\u0001","b":[1,2,2.5],"c":null,"d":true}"#)
        #expect(JSONValue.string("\u{2029}").jsonString(format) == #""\u2029""#)
    }

    @Test func spacedSeparatorsAndOwnDoubles() {
        let format = JSONTextFormat(spacedSeparators: true, formatDouble: { String($0) })
        #expect(Self.value.jsonString(format)
            == #"{"a": "<x>&"# + "\u{2028}" + #"\n\"é\u0001", "b": [1, 2.0, 2.5], "c": null, "d": true}"#)
    }

    @Test func compactDoubles() {
        #expect(JSONTextFormat.shortestDouble(3) == "3")
        #expect(JSONTextFormat.shortestDouble(-0.5) == "-0.5")
        #expect(JSONTextFormat.shortestDouble(1e15) == "1000000000000000.0")
        #expect(JSONTextFormat.shortestDouble(1e16) == "1e+16")
        #expect(JSONTextFormat.shortestDouble(.infinity) == "null")
        #expect(JSONTextFormat.shortestDouble(.nan) == "null")
    }
}
