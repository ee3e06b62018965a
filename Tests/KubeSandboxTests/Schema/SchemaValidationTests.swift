import Foundation
import KubeCore
import KubeSandbox
import Testing

@Suite struct SchemaValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var schema: JSONValue
        var spec: JSONValue
        var expected: [String]
        var reasons: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "type", schema: ["type": "object", "properties": ["minCPU": ["type": "integer"]]], spec: ["minCPU": "2"],
            expected: [#"spec.minCPU: Invalid value: "string": spec.minCPU in body must be of type integer: "string""#],
            reasons: ["FieldValueTypeInvalid"]),
        Case(
            name: "integer accepts int, refuses fraction", schema: ["type": "object", "properties": ["n": ["type": "integer"]]],
            spec: ["n": 1.5], expected: [#"spec.n: Invalid value: "number": spec.n in body must be of type integer: "number""#]),
        Case(
            name: "number accepts int", schema: ["type": "object", "properties": ["n": ["type": "number"]]], spec: ["n": 3],
            expected: []),
        Case(
            name: "required", schema: ["type": "object", "required": ["image"], "properties": ["image": ["type": "string"]]],
            spec: [:], expected: ["spec.image: Required value"], reasons: ["FieldValueRequired"]),
        Case(
            name: "enum", schema: ["type": "object", "properties": ["x": ["type": "string", "enum": ["a", "b"]]]],
            spec: ["x": "foo"], expected: [#"spec.x: Unsupported value: "foo": supported values: "a", "b""#],
            reasons: ["FieldValueNotSupported"]),
        Case(
            name: "minimum", schema: ["type": "object", "properties": ["minCPU": ["type": "integer", "minimum": 0]]],
            spec: ["minCPU": -1],
            expected: ["spec.minCPU: Invalid value: -1: spec.minCPU in body should be greater than or equal to 0"],
            reasons: ["FieldValueInvalid"]),
        Case(
            name: "exclusive minimum",
            schema: ["type": "object", "properties": ["n": ["type": "integer", "minimum": 0, "exclusiveMinimum": true]]],
            spec: ["n": 0], expected: ["spec.n: Invalid value: 0: spec.n in body should be greater than 0"]),
        Case(
            name: "maximum", schema: ["type": "object", "properties": ["n": ["type": "number", "maximum": 1.5]]],
            spec: ["n": 2.25], expected: ["spec.n: Invalid value: 2.25: spec.n in body should be less than or equal to 1.5"]),
        Case(
            name: "minLength", schema: ["type": "object", "properties": ["s": ["type": "string", "minLength": 1]]],
            spec: ["s": ""], expected: [#"spec.s: Invalid value: "": spec.s in body should be at least 1 chars long"#]),
        Case(
            name: "maxLength", schema: ["type": "object", "properties": ["s": ["type": "string", "maxLength": 3]]],
            spec: ["s": "abcd"], expected: ["spec.s: Too long: may not be more than 3 bytes"], reasons: ["FieldValueTooLong"]),
        Case(
            name: "pattern", schema: ["type": "object", "properties": ["s": ["type": "string", "pattern": "^[a-z]+$"]]],
            spec: ["s": "A1"], expected: [#"spec.s: Invalid value: "A1": spec.s in body should match '^[a-z]+$'"#]),
        Case(
            name: "minItems", schema: ["type": "object", "properties": ["l": ["type": "array", "minItems": 1, "items": ["type": "string"]]]],
            spec: ["l": []], expected: ["spec.l: Invalid value: []: spec.l in body should have at least 1 items"]),
        Case(
            name: "maxItems", schema: ["type": "object", "properties": ["l": ["type": "array", "maxItems": 1, "items": ["type": "string"]]]],
            spec: ["l": ["a", "b"]], expected: ["spec.l: Too many: 2: must have at most 1 item"], reasons: ["FieldValueTooMany"]),
        Case(
            name: "items with index path", schema: ["type": "object", "properties": ["l": ["type": "array", "items": ["type": "string"]]]],
            spec: ["l": ["a", 1]], expected: [#"spec.l[1]: Invalid value: "integer": spec.l[1] in body must be of type string: "integer""#]),
        Case(
            name: "null not nullable", schema: ["type": "object", "properties": ["s": ["type": "string"]]], spec: ["s": nil],
            expected: [#"spec.s: Invalid value: "null": spec.s in body must be of type string: "null""#]),
        Case(
            name: "null nullable", schema: ["type": "object", "properties": ["s": ["type": "string", "nullable": true]]],
            spec: ["s": nil], expected: []),
        Case(
            name: "date-time format", schema: ["type": "object", "properties": ["t": ["type": "string", "format": "date-time"]]],
            spec: ["t": "yesterday"], expected: [#"spec.t: Invalid value: "yesterday": spec.t in body must be of type date-time: "yesterday""#]),
        Case(
            name: "date-time ok", schema: ["type": "object", "properties": ["t": ["type": "string", "format": "date-time"]]],
            spec: ["t": "2026-11-25T10:00:00Z"], expected: []),
        Case(
            name: "int-or-string", schema: ["type": "object", "properties": ["p": ["x-kubernetes-int-or-string": true]]],
            spec: ["p": true], expected: [#"spec.p: Invalid value: "boolean": spec.p in body must be of type integer,string: "boolean""#]),
        Case(
            name: "int-or-string accepts both", schema: ["type": "object", "properties": ["p": ["x-kubernetes-int-or-string": true], "q": ["x-kubernetes-int-or-string": true]]],
            spec: ["p": 80, "q": "http"], expected: []),
        Case(
            name: "map values", schema: ["type": "object", "properties": ["m": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 1]]]],
            spec: ["m": ["a": 1, "b": 0]], expected: ["spec.m.b: Invalid value: 0: spec.m.b in body should be greater than or equal to 1"]),
        Case(
            name: "nested required in list items",
            schema: ["type": "object", "properties": ["c": ["type": "array", "items": ["type": "object", "required": ["type"], "properties": ["type": ["type": "string"]]]]]],
            spec: ["c": [[:]]], expected: ["spec.c[0].type: Required value"]),
        Case(
            name: "embedded resource needs apiVersion and kind",
            schema: ["type": "object", "properties": ["t": ["type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true]]],
            spec: ["t": ["metadata": ["name": "x"]]],
            expected: ["spec.t.apiVersion: Required value: must not be empty", "spec.t.kind: Required value: must not be empty"]),
        Case(
            name: "several errors sorted by field",
            schema: ["type": "object", "required": ["image"], "properties": ["image": ["type": "string"], "minCPU": ["type": "integer", "minimum": 0]]],
            spec: ["minCPU": -2], expected: ["spec.image: Required value", "spec.minCPU: Invalid value: -2: spec.minCPU in body should be greater than or equal to 0"]),
    ]

    @Test(arguments: cases)
    func validationMessages(_ testCase: Case) throws {
        let version = try SchemaTestSupport.version(spec: testCase.schema)
        let causes = version.validate(SchemaTestSupport.object(spec: testCase.spec), old: nil)
        #expect(SchemaTestSupport.lines(causes) == testCase.expected)
        if !testCase.reasons.isEmpty {
            #expect(causes.map { $0.reason ?? "" } == testCase.reasons)
        }
    }

    @Test func typeErrorsSkipCELWithKubeNotice() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object", "properties": ["n": ["type": "integer"]],
            "x-kubernetes-validations": [["rule": "self.n > 0"]],
        ])
        let causes = version.validate(SchemaTestSupport.object(spec: ["n": "x"]), old: nil)
        #expect(SchemaTestSupport.lines(causes) == [
            #"spec.n: Invalid value: "string": spec.n in body must be of type integer: "string""#,
            #"<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"#,
        ])
    }

    @Test func maasMachineSchemaRefusalMatchesRecordedStatus() throws {
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        let object: JSONValue = [
            "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasMachine",
            "metadata": ["name": "mm1", "namespace": "default"],
            "spec": ["image": "ubuntu-22.04", "minCPU": -1, "minMemory": 4096],
        ]
        let causes = version.validate(object, old: nil)
        let status = InvalidStatus.make(kind: "MaasMachine", group: "infrastructure.cluster.x-k8s.io", name: "mm1", causes: causes)
        let expected = try SchemaFixtures.json(SchemaFixtures.status422Schema)
        #expect(try JSONValue(encoding: status) == expected)
    }

    @Test func maasMachineCELRefusalMatchesRecordedStatus() throws {
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        let old: JSONValue = [
            "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasMachine",
            "metadata": ["name": "mm1", "namespace": "default"], "spec": ["image": "ubuntu-22.04", "minCPU": 2],
        ]
        var new = old
        new[path: ["spec", "image"]] = "ubuntu-24.04"
        #expect(version.validate(new, old: nil).isEmpty, "transition rules do not run on create")
        #expect(version.validate(old, old: old).isEmpty)
        let causes = version.validate(new, old: old)
        let status = InvalidStatus.make(kind: "MaasMachine", group: "infrastructure.cluster.x-k8s.io", name: "mm1", causes: causes)
        #expect(try JSONValue(encoding: status) == SchemaFixtures.json(SchemaFixtures.status422CEL))
    }

    @Test func aggregatesSeveralCausesLikeKube() {
        let status = InvalidStatus.make(kind: "Widget", group: "example.com", name: "w1", causes: [
            StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.a"),
            StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.b"),
        ])
        #expect(status.message == #"Widget.example.com "w1" is invalid: [spec.a: Required value, spec.b: Required value]"#)
    }

    @Test func unchangedValuesRatchetOnUpdate() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object",
            "properties": [
                "minCPU": ["type": "integer", "minimum": 0],
                "name": ["type": "string", "x-kubernetes-validations": [["rule": "self.size() < 3"]]],
                "tags": ["type": "array", "items": ["type": "string", "maxLength": 2]],
            ],
        ])
        let stored = SchemaTestSupport.object(spec: ["minCPU": -1, "name": "long", "tags": ["abc"]])
        var statusWrite = stored
        statusWrite["status"] = ["ready": true]
        #expect(version.validate(statusWrite, old: stored).isEmpty, "unchanged invalid values are tolerated")
        var changed = stored
        changed[path: ["spec", "minCPU"]] = -2
        changed[path: ["spec", "name"]] = "longer"
        #expect(SchemaTestSupport.lines(version.validate(changed, old: stored)) == [
            "spec.minCPU: Invalid value: -2: spec.minCPU in body should be greater than or equal to 0",
            #"spec.name: Invalid value: "longer": failed rule: self.size() < 3"#,
        ])
        #expect(version.validate(stored, old: nil).count == 3, "on create everything is checked")
    }
}
