import Foundation
import KubeCore
import KubeSandbox
import Testing

/// Builds small CRDs around a `spec` schema for table-driven tests.
enum SchemaTestSupport {
    static func crd(spec specSchema: JSONValue, rootExtras: [String: JSONValue] = [:], printerColumns: JSONValue? = nil)
        -> JSONValue
    {
        var root: JSONValue = ["type": "object", "properties": ["spec": specSchema, "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]
        for (key, value) in rootExtras { root[key] = value }
        var version: JSONValue = [
            "name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": root],
            "subresources": ["status": [:]],
        ]
        if let printerColumns { version["additionalPrinterColumns"] = printerColumns }
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "kind": "Widget"],
                "versions": [version],
            ],
        ]
    }

    static func version(spec specSchema: JSONValue, printerColumns: JSONValue? = nil) throws -> CRDVersionModel {
        let model = try CustomResourceDefinitionModel(crd: crd(spec: specSchema, printerColumns: printerColumns))
        return try #require(model.version("v1"))
    }

    static func object(spec: JSONValue) -> JSONValue {
        ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w1", "namespace": "default"], "spec": spec]
    }

    /// `"field: message"` lines, the way kube prints causes.
    static func lines(_ causes: [StatusCause]) -> [String] {
        causes.map { "\($0.field ?? ""): \($0.message ?? "")" }
    }

    static func maasMachineCRD() throws -> CustomResourceDefinitionModel {
        try CustomResourceDefinitionModel(crd: SchemaFixtures.json(SchemaFixtures.crdGet))
    }
}
