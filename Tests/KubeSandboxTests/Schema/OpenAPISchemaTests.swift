import Foundation
import KubeCore
import KubeSandbox
import Testing

@Suite struct OpenAPISchemaTests {
    @Test func objectSchemaMatchesRecordedComponent() throws {
        let version = try #require(try SchemaTestSupport.maasMachineCRD().version("v1beta1"))
        #expect(version.openAPISchema() == (try SchemaFixtures.json(SchemaFixtures.maasMachineComponentSchema)))
        #expect(
            OpenAPISchemaBuilder.schemaName(group: "infrastructure.cluster.x-k8s.io", version: "v1beta1", kind: "MaasMachine")
                == "io.x-k8s.cluster.infrastructure.v1beta1.MaasMachine")
    }

    @Test func listSchemaMatchesRecordedComponent() throws {
        let list = OpenAPISchemaBuilder.listSchema(
            group: "infrastructure.cluster.x-k8s.io", version: "v1beta1", kind: "MaasMachine", listKind: "MaasMachineList",
            plural: "maasmachines")
        #expect(list == (try SchemaFixtures.json(SchemaFixtures.maasMachineListComponentSchema)))
    }

    @Test func patchOperationMatchesRecordedItemPath() throws {
        let operation = OpenAPIOperationParameters.patchOperation(
            group: "infrastructure.cluster.x-k8s.io", version: "v1beta1", kind: "MaasMachine", namespaced: true)
        #expect(operation == (try SchemaFixtures.json(SchemaFixtures.itemPathPatchOperation)))
        #expect(operation["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
        let parameters = OpenAPIOperationParameters.itemPath(kind: "MaasMachine", namespaced: true)
        #expect(JSONValue.array(parameters) == (try SchemaFixtures.json(SchemaFixtures.itemPathParameters)))
    }
}
