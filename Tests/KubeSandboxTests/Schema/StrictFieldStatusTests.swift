import Foundation
import KubeCore
import KubeSandbox
import Testing

@Suite struct StrictFieldStatusTests {
    @Test func createRefusalMatchesRecorded400() throws {
        let status = StrictFieldStatus.badRequest(kind: "MaasMachine", version: "v1beta1", unknownFields: ["spec.foo"])
        #expect(try JSONValue(encoding: status) == SchemaFixtures.json(SchemaFixtures.status400Strict))
    }

    @Test func patchRefusalMatchesRecorded422() throws {
        let object = try SchemaFixtures.json(SchemaFixtures.strictPatchedObject)
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        let unknown = version.pruning(object).unknownFields
        #expect(unknown == ["spec.foo"])
        let status = StrictFieldStatus.patchInvalid(patchedObject: object, unknownFields: unknown)
        #expect(try JSONValue(encoding: status) == SchemaFixtures.json(SchemaFixtures.status422Strict))
    }

    @Test func severalUnknownFields() {
        #expect(
            StrictFieldStatus.detail(unknownFields: ["spec.a", "spec.b"])
                == #"strict decoding error: unknown field "spec.a", unknown field "spec.b""#)
    }

    @Test func goJSONEscapesLikeEncodingJSON() {
        let value: JSONValue = ["b": "<a&b>", "a": [1, 2.5, true, nil], "c": "x/y\n"]
        #expect(GoJSON.string(value) == #"{"a":[1,2.5,true,null],"b":"\u003ca\u0026b\u003e","c":"x/y\n"}"#)
    }
}
