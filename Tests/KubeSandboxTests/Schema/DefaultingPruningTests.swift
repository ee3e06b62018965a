import Foundation
import KubeCore
import KubeSandbox
import Testing

@Suite struct DefaultingPruningTests {
    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "replicas": ["type": "integer", "default": 1],
            "mode": ["type": "string", "default": "auto"],
            "optional": ["type": "string", "nullable": true, "default": "d"],
            "strategy": [
                "type": "object",
                "properties": ["kind": ["type": "string", "default": "Rolling"], "max": ["type": "integer", "default": 2]],
            ],
            "withDefault": [
                "type": "object", "default": [:],
                "properties": ["inner": ["type": "string", "default": "x"]],
            ],
            "ports": [
                "type": "array",
                "items": ["type": "object", "properties": ["protocol": ["type": "string", "default": "TCP"], "port": ["type": "integer"]]],
            ],
            "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": ["known": ["type": "object", "properties": ["a": ["type": "string"]]]]],
            "labels": ["type": "object", "additionalProperties": ["type": "object", "properties": ["v": ["type": "string"]]]],
        ],
    ]

    @Test func defaultsAtEveryDepth() throws {
        let version = try SchemaTestSupport.version(spec: Self.schema)
        let object = SchemaTestSupport.object(spec: [
            "mode": "manual", "optional": nil, "strategy": [:], "ports": [["port": 80], ["port": 53, "protocol": "UDP"]],
        ])
        let defaulted = version.applyingDefaults(to: object)
        let expected: JSONValue = [
            "replicas": 1, "mode": "manual", "optional": nil, "strategy": ["kind": "Rolling", "max": 2],
            "withDefault": ["inner": "x"],
            "ports": [["port": 80, "protocol": "TCP"], ["port": 53, "protocol": "UDP"]],
        ]
        #expect(defaulted["spec"] == expected)
        #expect(defaulted["metadata"] == object["metadata"])
    }

    @Test func absentParentIsNotCreated() throws {
        let version = try SchemaTestSupport.version(spec: Self.schema)
        let defaulted = version.applyingDefaults(to: ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"]])
        #expect(defaulted["spec"] == nil)
    }

    @Test func nullIsDefaultedWhenNotNullable() throws {
        let version = try SchemaTestSupport.version(spec: Self.schema)
        let defaulted = version.applyingDefaults(to: SchemaTestSupport.object(spec: ["mode": nil]))
        #expect(defaulted[path: ["spec", "mode"]] == "auto")
    }

    @Test func prunesUnknownFieldsAndReportsPaths() throws {
        let version = try SchemaTestSupport.version(spec: Self.schema)
        var object = SchemaTestSupport.object(spec: [
            "foo": "bar", "replicas": 2,
            "strategy": ["kind": "Recreate", "surge": 1],
            "ports": [["port": 80, "name": "http"]],
            "extra": ["anything": ["goes": true], "known": ["a": "x", "b": "dropped"]],
            "labels": ["k": ["v": "1", "w": "2"]],
        ])
        object["status"] = ["free": "form"]
        object["metadata"] = ["name": "w1", "bogus": 1, "labels": ["a": "b"]]
        let (pruned, unknown) = version.pruning(object)
        #expect(unknown == [
            "metadata.bogus", "spec.extra.known.b", "spec.foo", "spec.labels.k.w", "spec.ports[0].name", "spec.strategy.surge",
        ])
        let expectedSpec: JSONValue = [
            "replicas": 2, "strategy": ["kind": "Recreate"], "ports": [["port": 80]],
            "extra": ["anything": ["goes": true], "known": ["a": "x"]], "labels": ["k": ["v": "1"]],
        ]
        #expect(pruned["spec"] == expectedSpec)
        #expect(pruned["status"] == ["free": "form"])
        #expect(pruned["metadata"] == ["name": "w1", "labels": ["a": "b"]])
        #expect(pruned["apiVersion"] == "example.com/v1" && pruned["kind"] == "Widget")
    }

    @Test func maasMachineUnknownSpecField() throws {
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        let object: JSONValue = [
            "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasMachine",
            "metadata": ["name": "mm5", "namespace": "default"], "spec": ["image": "ubuntu-22.04", "foo": "bar"],
        ]
        #expect(version.pruning(object).unknownFields == ["spec.foo"])
    }

    @Test func admitPrunesDefaultsAndValidatesInOrder() throws {
        let version = try SchemaTestSupport.version(spec: [
            "type": "object", "required": ["size"],
            "properties": ["size": ["type": "integer", "minimum": 1], "mode": ["type": "string", "default": "auto"]],
        ])
        let good = version.admit(SchemaTestSupport.object(spec: ["size": 2, "junk": true]), old: nil)
        #expect(good.unknownFields == ["spec.junk"])
        #expect(good.causes.isEmpty)
        #expect(good.object["spec"] == ["size": 2, "mode": "auto"])
        let bad = version.admit(SchemaTestSupport.object(spec: ["size": 0]), old: nil)
        #expect(SchemaTestSupport.lines(bad.causes) == ["spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"])
    }
}
