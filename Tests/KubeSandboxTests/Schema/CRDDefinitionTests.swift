import Foundation
import KubeCore
import KubeSandbox
import Testing

@Suite struct CRDDefinitionTests {
    @Test func decodesRecordedMaasMachineCRD() throws {
        let model = try SchemaTestSupport.maasMachineCRD()
        #expect(model.group == "infrastructure.cluster.x-k8s.io")
        #expect(model.kind == "MaasMachine")
        #expect(model.listKind == "MaasMachineList")
        #expect(model.plural == "maasmachines")
        #expect(model.singular == "maasmachine")
        #expect(model.shortNames == ["maasm"])
        #expect(model.categories == ["cluster-api"])
        #expect(model.namespaced)
        let version = try #require(model.version("v1beta1"))
        #expect(version.served && version.storage && version.hasStatusSubresource)
        #expect(model.version("v1") == nil)
        let recorded = try SchemaFixtures.json(SchemaFixtures.crdGet)
        #expect(model.acceptedNames == recorded[path: ["status", "acceptedNames"]])
        #expect(model.resourceType(version: "v1beta1").qualifiedPlural == "maasmachines.infrastructure.cluster.x-k8s.io")
    }

    @Test func defaultsSingularAndListKind() throws {
        let model = try CustomResourceDefinitionModel(crd: SchemaTestSupport.crd(spec: ["type": "object"]))
        #expect(model.singular == "widget")
        #expect(model.listKind == "WidgetList")
        #expect(model.shortNames.isEmpty)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var name: String
        var edit: @Sendable (inout JSONValue) -> Void
        var expected: [String]
        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(
            name: "no storage version",
            edit: { $0[path: ["spec", "versions"]] = [["name": "v1", "served": true, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]]] },
            expected: [#"spec.versions: Invalid value: [{"name":"v1","served":true,"storage":false}]: must have exactly one version marked as storage version"#]),
        InvalidCase(
            name: "two storage versions",
            edit: {
                $0[path: ["spec", "versions"]] = [
                    ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]],
                    ["name": "v2", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]],
                ]
            },
            expected: [#"spec.versions: Invalid value: [{"name":"v1","served":true,"storage":true},{"name":"v2","served":true,"storage":true}]: must have exactly one version marked as storage version"#]),
        InvalidCase(
            name: "missing group",
            edit: { $0[path: ["spec", "group"]] = nil },
            expected: ["spec.group: Required value"]),
        InvalidCase(
            name: "bad scope",
            edit: { $0[path: ["spec", "scope"]] = "Global" },
            expected: [#"spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced""#]),
        InvalidCase(
            name: "name not plural.group",
            edit: { $0[path: ["metadata", "name"]] = "widget.example.com" },
            expected: [#"metadata.name: Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group"#]),
        InvalidCase(
            name: "missing schema",
            edit: { $0[path: ["spec", "versions"]] = [["name": "v1", "served": true, "storage": true]] },
            expected: ["spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required"]),
        InvalidCase(
            name: "bad printer column type",
            edit: {
                $0[path: ["spec", "versions"]] = [[
                    "name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]],
                    "additionalPrinterColumns": [["name": "X", "type": "text", "jsonPath": ".spec.x"]],
                ]]
            },
            expected: [#"spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: "text": supported values: "boolean", "date", "integer", "number", "string""#]),
        InvalidCase(
            name: "property without type",
            edit: { $0[path: ["spec", "versions"]] = [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": ["description": "x"]]]]]] },
            expected: ["spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields"]),
        InvalidCase(
            name: "default of wrong type",
            edit: { $0[path: ["spec", "versions"]] = [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": ["type": "object", "properties": ["replicas": ["type": "integer", "minimum": 1, "default": 0]]]]]]]] },
            expected: ["spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].default: Invalid value: 0: spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1"]),
        InvalidCase(
            name: "default with unknown field",
            edit: { $0[path: ["spec", "versions"]] = [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": ["type": "object", "default": ["x": 1], "properties": ["y": ["type": "integer"]]]]]]]] },
            expected: [#"spec.versions[0].schema.openAPIV3Schema.properties[spec].default: Invalid value: {"x":1}: must not have unknown fields: spec.x"#]),
    ]

    @Test(arguments: invalidCases)
    func refusesInvalidCRD(_ testCase: InvalidCase) throws {
        var crd = SchemaTestSupport.crd(spec: ["type": "object"])
        testCase.edit(&crd)
        let error = try #require(throws: CRDDefinitionError.self) { try CustomResourceDefinitionModel(crd: crd) }
        #expect(SchemaTestSupport.lines(error.causes) == testCase.expected)
        #expect(error.message == (testCase.expected.count == 1 ? testCase.expected[0] : "[" + testCase.expected.joined(separator: ", ") + "]"))
    }

    @Test func refusesUnsupportedCELRuleWithClearMessage() throws {
        let crd = SchemaTestSupport.crd(spec: [
            "type": "object",
            "x-kubernetes-validations": [["rule": "self.name.format(['x']) == 'y'"]],
        ])
        let error = try #require(throws: CRDDefinitionError.self) { try CustomResourceDefinitionModel(crd: crd) }
        let cause = try #require(error.causes.first)
        #expect(cause.field == "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule")
        #expect(cause.reason == "FieldValueInvalid")
        let message = try #require(cause.message)
        #expect(message.hasPrefix(#"Invalid value: "self.name.format(['x']) == 'y'": the sandbox API server cannot evaluate this CEL expression: function 'format' is not supported; supported: "#))
    }

    @Test func refusesCELSyntaxError() throws {
        let crd = SchemaTestSupport.crd(spec: ["type": "object", "x-kubernetes-validations": [["rule": "self.a =="]]])
        let error = try #require(throws: CRDDefinitionError.self) { try CustomResourceDefinitionModel(crd: crd) }
        #expect(error.causes.first?.message?.contains("compilation failed: ERROR: <input>:1:10: Syntax error") == true)
    }

    @Test func refusesTransitionRuleInsideListItems() throws {
        let crd = SchemaTestSupport.crd(spec: [
            "type": "object",
            "properties": ["items": ["type": "array", "items": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf"]]]]],
        ])
        let error = try #require(throws: CRDDefinitionError.self) { try CustomResourceDefinitionModel(crd: crd) }
        #expect(error.causes.first?.field == "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[items].items.x-kubernetes-validations[0].rule")
    }

    @Test func buildsInvalidStatusForCRD() throws {
        let crd = SchemaTestSupport.crd(spec: ["type": "object"])
        var broken = crd
        broken[path: ["spec", "scope"]] = nil
        let error = try #require(throws: CRDDefinitionError.self) { try CustomResourceDefinitionModel(crd: broken) }
        let status = InvalidStatus.make(crdName: "widgets.example.com", error: error)
        #expect(status.message == #"CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.scope: Required value"#)
        #expect(status.code == 422)
    }
}
