import Foundation
import KubeCore
@testable import MaasSimulator
import Testing

/// Responses are written in MAAS's (Python `json.dumps`) dialect by the shared `JSONValue` writer.
@Suite struct SimJSONTests {
    @Test func maasDialectBytes() {
        let value: SimJSON = .object([
            "id": .int(7), "storage": .double(20000), "ratio": .double(0.25), "tags": .strings(["a", "b"]),
            "owner": .optional(nil), "name": .string("n\t\"1\" <&>"), "nested": .object(["k": .array([])]),
        ])
        let expected = #"{"id": 7, "name": "n\t\"1\" <&>", "nested": {"k": []}, "owner": null, "ratio": 0.25, "#
            + #""storage": 20000.0, "tags": ["a", "b"]}"#
        #expect(String(decoding: value.maasData, as: UTF8.self) == expected)
    }

    @Test func largeAndNonFiniteDoublesAsSwiftPrintsThem() {
        #expect(String(decoding: SimJSON.double(1e16).maasData, as: UTF8.self) == "1e+16")
        #expect(String(decoding: SimJSON.double(.infinity).maasData, as: UTF8.self) == "inf")
    }
}
