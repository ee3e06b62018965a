import Foundation
import KubeCore
import KubeSandbox
import Testing

/// CEL rules exercised through CRDs (the public surface): evaluation results, messages, refusals.
@Suite struct CELRuleTests {
    static let specSchema: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string"], "count": ["type": "integer"], "ratio": ["type": "number"],
            "enabled": ["type": "boolean"], "tags": ["type": "array", "items": ["type": "string"]],
            "labels": ["type": "object", "additionalProperties": ["type": "string"]],
            "nested": ["type": "object", "properties": ["a": ["type": "integer"]]],
            "absent": ["type": "integer"],
        ],
    ]

    static let spec: JSONValue = [
        "name": "web-01", "count": 3, "ratio": 0.5, "enabled": true, "tags": ["gpu", "ssd"],
        "labels": ["tier": "front"], "nested": ["a": 7],
    ]

    /// Evaluates `rule` on `spec` via a one-rule CRD; nil means the rule passed, else the cause line.
    static func run(_ rule: String, spec: JSONValue = spec, old: JSONValue? = nil, extra: [String: JSONValue] = [:])
        throws -> String?
    {
        var schema = specSchema
        var ruleJSON: JSONValue = ["rule": .string(rule)]
        for (key, value) in extra { ruleJSON[key] = value }
        schema["x-kubernetes-validations"] = [ruleJSON]
        let version = try SchemaTestSupport.version(spec: schema)
        let causes = version.validate(
            SchemaTestSupport.object(spec: spec), old: old.map { SchemaTestSupport.object(spec: $0) })
        return SchemaTestSupport.lines(causes).first
    }

    static let passingRules = [
        "self.count == 3", "self.count != 4", "self.count < 4 && self.count <= 3", "self.count > 2 || false",
        "self.count >= 3", "self.ratio < 1.0", "self.count + 1 == 4", "self.count * 2 - 1 == 5", "self.count / 2 == 1",
        "self.count % 2 == 1", "-self.count == -3", "self.name + '!' == 'web-01!'", "self.name.startsWith('web')",
        "self.name.endsWith(\"01\")", "self.name.contains('b-0')", "self.name.matches('^[a-z]+-[0-9]+$')",
        "size(self.name) == 6", "self.tags.size() == 2", "size(self.labels) == 1", "'gpu' in self.tags",
        "!('cpu' in self.tags)", "'tier' in self.labels", "has(self.nested)", "!has(self.absent)",
        "has(self.nested.a)", "self.nested.a == 7", "self.labels['tier'] == 'front'", "self.tags[1] == 'ssd'",
        "self.enabled ? self.count > 0 : true", "self.tags.all(t, size(t) == 3)", "self.tags.exists(t, t == 'ssd')",
        "self.tags.exists_one(t, t.startsWith('g'))", "self.tags.map(t, t + 'x') == ['gpux', 'ssdx']",
        "self.tags.filter(t, t != 'gpu') == ['ssd']", "[1, 2, 3].all(x, x > 0)", "null == null", "3 == 3.0",
        "int('12') == 12", "string(self.count) == '3'", "double(self.count) == 3.0", "self.name.upperAscii() == 'WEB-01'",
        "true && (false || true)", "r'\\d' == '\\\\d'", "'''a'b''' == \"a'b\"", "self.labels.all(k, k == 'tier')",
        "self.absent == 1 || true", "self.name.indexOf('-') == 3", "self.name.lastIndexOf('0') == 4",
        "self.name.indexOf('zz') == -1", "self.name.replace('-', '_') == 'web_01'", "self.name.substring(4) == '01'",
        "self.name.substring(0, 3) == 'web'", "self.name.split('-') == ['web', '01']", "self.tags.join(',') == 'gpu,ssd'",
        "self.tags.join() == 'gpussd'",
    ]

    @Test(arguments: passingRules)
    func rulePasses(_ rule: String) throws {
        #expect(try Self.run(rule) == nil)
    }

    static let failingRules: [(rule: String, expected: String)] = [
        ("self.count > 5", #"spec: Invalid value: "object": failed rule: self.count > 5"#),
        ("  self.tags.all(t, t == 'gpu') ", #"spec: Invalid value: "object": failed rule: self.tags.all(t, t == 'gpu')"#),
        ("self.absent == 1", #"spec: Invalid value: "object": no such key: absent evaluating rule: self.absent == 1"#),
        ("self.count / 0 == 1", #"spec: Invalid value: "object": division by zero evaluating rule: self.count / 0 == 1"#),
        ("self.name", #"spec: Invalid value: "object": rule did not evaluate to a bool evaluating rule: self.name"#),
        ("self.tags[5] == 'x'", #"spec: Invalid value: "object": index out of bounds: 5 evaluating rule: self.tags[5] == 'x'"#),
        ("self.name.substring(9) == ''", #"spec: Invalid value: "object": index out of range: 9 evaluating rule: self.name.substring(9) == ''"#),
        ("self.name > 1", #"spec: Invalid value: "object": no such overload: string > int evaluating rule: self.name > 1"#),
    ]

    @Test(arguments: failingRules)
    func ruleFails(_ testCase: (rule: String, expected: String)) throws {
        #expect(try Self.run(testCase.rule) == testCase.expected)
    }

    @Test func messageFieldPathAndReason() throws {
        #expect(
            try Self.run("self.count > 5", extra: ["message": "count too small", "fieldPath": ".count"])
                == #"spec.count: Invalid value: "object": count too small"#)
        #expect(
            try Self.run("self.count > 5", extra: ["messageExpression": "'count ' + string(self.count) + ' too small'"])
                == #"spec: Invalid value: "object": count 3 too small"#)
        #expect(
            try Self.run("self.count > 5", extra: ["message": "need more", "reason": "FieldValueForbidden"])
                == "spec: Forbidden: need more")
        #expect(
            try Self.run("self.count > 5", extra: ["message": "need more", "reason": "FieldValueRequired"])
                == "spec: Required value: need more")
    }

    @Test func scalarRuleShowsValue() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object",
            "properties": ["name": ["type": "string", "x-kubernetes-validations": [["rule": "self.size() < 3"]]]],
        ])
        let causes = version.validate(SchemaTestSupport.object(spec: ["name": "abcd"]), old: nil)
        #expect(SchemaTestSupport.lines(causes) == [#"spec.name: Invalid value: "abcd": failed rule: self.size() < 3"#])
    }

    @Test func transitionRulesRunOnlyWithOldValue() throws {
        let rule = "self.count >= oldSelf.count"
        #expect(try Self.run(rule) == nil, "create: transition rule skipped")
        #expect(try Self.run(rule, old: ["count": 2]) == nil)
        #expect(try Self.run(rule, old: ["count": 9]) == #"spec: Invalid value: "object": failed rule: self.count >= oldSelf.count"#)
        // Old object without the field: the rule on spec still runs (spec correlates) and fails on the missing key.
        #expect(try Self.run(rule, old: ["name": "x"])?.contains("no such key: count") == true)
    }

    @Test func transitionRuleOnAbsentOldChildIsSkipped() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object",
            "properties": ["image": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf", "message": "image is immutable"]]]],
        ])
        let old = SchemaTestSupport.object(spec: [:])
        let new = SchemaTestSupport.object(spec: ["image": "a"])
        #expect(version.validate(new, old: old).isEmpty, "no old value for spec.image: rule not evaluated")
    }

    static let unsupportedRules: [(rule: String, reason: String)] = [
        ("self.name.format(['x']) == 'y'", "function 'format' is not supported"),
        ("{'a': 1}.size() == 1", "map and message literals are not supported"),
        ("timestamp(self.t) > now", "function 'timestamp' is not supported"),
        ("self.count == 1u", "uint literals are not supported"),
        ("other == 1", "undeclared reference to 'other'"),
        ("self.?name == 'x'", "optional field selection (.?) is not supported"),
        ("b'abc' == self.name", "bytes literals are not supported"),
    ]

    @Test(arguments: unsupportedRules)
    func unsupportedRulesAreRefused(_ testCase: (rule: String, reason: String)) throws {
        var schema = Self.specSchema
        schema["x-kubernetes-validations"] = [["rule": .string(testCase.rule)]]
        let error = try #require(throws: CRDDefinitionError.self) {
            try CustomResourceDefinitionModel(crd: SchemaTestSupport.crd(spec: schema))
        }
        let message = try #require(error.causes.first?.message)
        #expect(message.contains("the sandbox API server cannot evaluate this CEL expression: \(testCase.reason); supported:"))
    }

    @Test func rootRulesSeeOnlyNameInMetadata() throws {
        let crd = SchemaTestSupport.crd(spec: ["type": "object"], rootExtras: [
            "x-kubernetes-validations": [["rule": "self.metadata.name.startsWith('w') && !has(self.metadata.namespace)"]],
        ])
        let version = try #require(try CustomResourceDefinitionModel(crd: crd).version("v1"))
        #expect(version.validate(SchemaTestSupport.object(spec: [:]), old: nil).isEmpty)
        var other = SchemaTestSupport.object(spec: [:])
        other[path: ["metadata", "name"]] = "x1"
        #expect(SchemaTestSupport.lines(version.validate(other, old: nil)) == [
            #"<nil>: Invalid value: "object": failed rule: self.metadata.name.startsWith('w') && !has(self.metadata.namespace)"#
        ])
    }

    static let undefinedFieldRules: [(rule: String, detail: String)] = [
        ("self.nmae == 'x'", "compilation failed: ERROR: <input>:1:5: undefined field 'nmae'"),
        ("has(self.nested.b)", "compilation failed: ERROR: <input>:1:16: undefined field 'b'"),
        ("self.tags.all(t, t.size() > 0) && self.nested.zz > 1", "compilation failed: ERROR: <input>:1:46: undefined field 'zz'"),
    ]

    @Test(arguments: undefinedFieldRules)
    func undefinedFieldsAreRefusedLikeKube(_ testCase: (rule: String, detail: String)) throws {
        var schema = Self.specSchema
        schema["x-kubernetes-validations"] = [["rule": .string(testCase.rule)]]
        let error = try #require(throws: CRDDefinitionError.self) {
            try CustomResourceDefinitionModel(crd: SchemaTestSupport.crd(spec: schema))
        }
        #expect(SchemaTestSupport.lines(error.causes) == [
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: \(FieldErrorQuote.quote(testCase.rule)): \(testCase.detail)"
        ])
    }

    @Test func dynamicFieldsAreNotTypeChecked() throws {
        // Map values, preserve-unknown objects and root metadata are dynamic.
        #expect(try Self.run("self.labels.tier == 'front'") == nil)
        let crd = SchemaTestSupport.crd(spec: ["type": "object"], rootExtras: [
            "x-kubernetes-validations": [["rule": "self.metadata.name.size() > 0 && has(self.status.anything) == false"]],
        ])
        #expect(throws: Never.self) { try CustomResourceDefinitionModel(crd: crd) }
    }

    @Test func transitionRulesInMapListItemsCorrelateByKey() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object",
            "properties": [
                "disks": [
                    "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                    "items": [
                        "type": "object", "required": ["name"],
                        "properties": ["name": ["type": "string"], "size": ["type": "integer"]],
                        "x-kubernetes-validations": [["rule": "self.size >= oldSelf.size", "message": "disks cannot shrink"]],
                    ],
                ]
            ],
        ])
        let old = SchemaTestSupport.object(spec: ["disks": [["name": "a", "size": 10], ["name": "b", "size": 5]]])
        let grown = SchemaTestSupport.object(spec: ["disks": [["name": "b", "size": 6], ["name": "a", "size": 10], ["name": "c", "size": 1]]])
        #expect(version.validate(grown, old: old).isEmpty)
        let shrunk = SchemaTestSupport.object(spec: ["disks": [["name": "b", "size": 6], ["name": "a", "size": 9]]])
        #expect(SchemaTestSupport.lines(version.validate(shrunk, old: old)) == [#"spec.disks[1]: Invalid value: "object": disks cannot shrink"#])
        let duplicate = SchemaTestSupport.object(spec: ["disks": [["name": "a", "size": 1], ["name": "a", "size": 2]]])
        #expect(SchemaTestSupport.lines(version.validate(duplicate, old: nil)) == [#"spec.disks[1]: Duplicate value: {"name":"a"}"#])
    }

    @Test func setListsRefuseDuplicates() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object",
            "properties": ["tags": ["type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"]]],
        ])
        let causes = version.validate(SchemaTestSupport.object(spec: ["tags": ["a", "b", "a"]]), old: nil)
        #expect(SchemaTestSupport.lines(causes) == [#"spec.tags[2]: Duplicate value: "a""#])
        #expect(causes.first?.reason == "FieldValueDuplicate")
    }
}

enum FieldErrorQuote {
    static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
